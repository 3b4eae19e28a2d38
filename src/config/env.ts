import { z } from "zod";
import { parseKey, splitKeys } from "../core/crypto/field-crypto.js";

/**
 * The environment contract (design.md §5). Parsed once at boot; a bad value stops the
 * process with exit code 2 and one line naming the variable.
 */
const nonEmpty = (what: string) => z.string().trim().min(1, `应为${what}`);

export const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, "应为 0–65535 之间的整数端口号")
    .transform(Number)
    .refine((n) => n >= 0 && n <= 65535, "应为 0–65535 之间的整数端口号")
    .default(3000),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((u) => /^file:.+/.test(u) || /^postgres(ql)?:\/\/.+/.test(u), "应为 file:<路径>（SQLite）或 postgresql://…（PostgreSQL）")
    .default("file:./data/bot.db"),
  LARK_APP_ID: z.string().trim().regex(/^cli_[0-9a-zA-Z]+$/, "应为飞书应用的 App ID（以 cli_ 开头）").optional(),
  LARK_APP_SECRET: nonEmpty("飞书应用的 App Secret").optional(),
  LARK_ENCRYPT_KEY: nonEmpty("事件订阅的 Encrypt Key").optional(),
  LARK_VERIFICATION_TOKEN: nonEmpty("事件订阅的 Verification Token").optional(),
  LARK_DOMAIN: z
    .string()
    .trim()
    .refine((d) => d === "feishu" || d === "lark" || /^https?:\/\/[^/]+.*[^/]$/.test(d), "应为 feishu、lark 或不以 / 结尾的 http(s) 地址")
    .default("feishu"),
  LARK_TRANSPORT: z.enum(["ws", "webhook"], { message: "应为 ws（长连接）或 webhook" }).default("ws"),
  CAMPAIGNS_DIR: nonEmpty("存放计划文件的目录").default("./campaigns"),
  BOT_TIMEZONE: z
    .string()
    .trim()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "应为 IANA 时区名，例如 Asia/Shanghai")
    .default("Asia/Shanghai"),
  /** Encrypts the free text of cases at rest (AES-256-GCM); see src/core/crypto/field-crypto.ts. */
  CASE_DATA_KEY: z
    .string()
    .trim()
    .refine((k) => parseKey(k) !== null, "应为 base64 编码的 32 字节密钥（可用 openssl rand -base64 32 生成）")
    .optional(),
  /** Keys replaced by a rotation, still accepted for reading until `keys rotate` finishes. */
  CASE_DATA_KEY_PREVIOUS: z
    .string()
    .trim()
    .refine((l) => splitKeys(l).every((k) => parseKey(k) !== null), "应为以逗号分隔的 base64 编码 32 字节密钥")
    .optional(),
  NODE_ENV: z.string().trim().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "应为 fatal/error/warn/info/debug/trace/silent 之一" }).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** No LARK_APP_ID: run against the in-process simulator. */
  sandbox: boolean;
  dbProvider: "sqlite" | "postgresql";
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`配置错误：${variable} ${expected}`);
    this.name = "ConfigError";
  }
}

/** Empty strings count as unset, as they do in most deploy tools' env editors. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? "环境变量"), issue.message);
  }
  const e = parsed.data;
  if (e.LARK_APP_ID && !e.LARK_APP_SECRET) throw new ConfigError("LARK_APP_SECRET", "设置了 LARK_APP_ID 时必须同时设置");
  if (e.LARK_TRANSPORT === "webhook" && e.LARK_APP_ID && !e.LARK_ENCRYPT_KEY && !e.LARK_VERIFICATION_TOKEN) {
    throw new ConfigError("LARK_VERIFICATION_TOKEN", "webhook 模式下必须设置（或设置 LARK_ENCRYPT_KEY），否则无法校验请求来源");
  }
  // Children's case details must not sit under the public development key in a real deployment.
  if (e.NODE_ENV === "production" && e.LARK_APP_ID && !e.CASE_DATA_KEY) {
    throw new ConfigError("CASE_DATA_KEY", "生产环境（NODE_ENV=production）必须设置，用于加密案件敏感内容");
  }
  return {
    ...e,
    sandbox: !e.LARK_APP_ID,
    dbProvider: /^postgres(ql)?:\/\//.test(e.DATABASE_URL) ? "postgresql" : "sqlite",
  };
}
