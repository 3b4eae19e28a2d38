import { pino, type Logger, type LoggerOptions, type DestinationStream } from "pino";

export type { Logger };

/**
 * Secrets never reach a log line. Two guards:
 * - known field names are redacted by pino wherever they appear in a logged object;
 * - the literal values of registered secrets (app secret, encrypt key, verification token,
 *   tenant tokens seen at run time) are replaced in every string, because the Lark SDK logs
 *   its own errors as free text that includes request bodies and headers.
 */
const REDACT_KEYS = [
  "app_secret",
  "appSecret",
  "AppSecret",
  "encrypt_key",
  "encryptKey",
  "verification_token",
  "verificationToken",
  "tenant_access_token",
  "app_access_token",
  "token",
  "authorization",
  "Authorization",
  "LARK_APP_SECRET",
  "LARK_ENCRYPT_KEY",
  "LARK_VERIFICATION_TOKEN",
];
const REDACT_PATHS = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

export const REDACTED = "[已隐藏]";

const secrets = new Set<string>();

/** Register a value that must never be printed (ignored when too short to be meaningful). */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 6) secrets.add(value);
}

// Bearer tokens and tenant tokens follow recognisable shapes even before we learn their value.
const TOKEN_PATTERNS = [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, /\b(t-|u-|a-)[A-Za-z0-9._-]{16,}/g];

export function scrub(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  for (const re of TOKEN_PATTERNS) out = out.replace(re, (_m, p1: string) => `${p1}${REDACTED}`);
  return out;
}

function scrubDeep(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return scrub(v);
  if (depth > 6 || v === null || typeof v !== "object") return v;
  if (v instanceof Error) {
    return { type: v.name, message: scrub(v.message), stack: v.stack ? scrub(v.stack) : undefined };
  }
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = scrubDeep(x, depth + 1);
  return out;
}

export function createLogger(level: string = "info", destination?: DestinationStream): Logger {
  const opts: LoggerOptions = {
    level,
    base: { app: "safe-campus-bot" },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => scrubDeep(a)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(opts, destination) : pino(opts);
}
