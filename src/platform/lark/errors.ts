import { PlatformError } from "../../core/platform-error.js";

/** Codes that mean "try again later" even though Lark answered. */
const RATE_LIMIT_CODES = new Set([99991400, 11232]);
const CHAT_RATE_LIMIT = 230020;
export const TOKEN_CODES = new Set([99991663, 99991661, 99991668]);
// 1 = "system busy"; 2200 = internal error (retry per Lark docs).
const BUSY_CODES = new Set([1, 2200]);

interface LarkBody {
  code?: number;
  msg?: string;
}

function classify(status: number | undefined, body: LarkBody | undefined, headers: Record<string, unknown> | undefined): PlatformError {
  const code = typeof body?.code === "number" ? body.code : undefined;
  const msg = `飞书接口失败：HTTP ${status ?? "-"} code ${code ?? "-"} ${typeof body?.msg === "string" ? body.msg.slice(0, 200) : ""}`.trim();
  const reset = Number(headers?.["x-ogw-ratelimit-reset"]);
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    return new PlatformError(msg, { kind: "rate_limit", status, code, retryAfterMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined });
  }
  if (code === CHAT_RATE_LIMIT) return new PlatformError(msg, { kind: "chat_rate_limit", status, code });
  if (code !== undefined && TOKEN_CODES.has(code)) return new PlatformError(msg, { kind: "auth", status, code });
  if ((status !== undefined && status >= 500) || (code !== undefined && BUSY_CODES.has(code))) return new PlatformError(msg, { kind: "server", status, code });
  return new PlatformError(msg, { kind: "rejected", status, code });
}

/** A 2xx answer whose `code` is not 0 is a failure too. */
export function assertOk<T extends LarkBody>(res: T): T {
  if (res && typeof res === "object" && typeof res.code === "number" && res.code !== 0) throw classify(200, res, undefined);
  return res;
}

/** Maps whatever the SDK threw (AxiosError, plain Error, our timeout) to a PlatformError. */
export function toPlatformError(e: unknown): PlatformError {
  if (e instanceof PlatformError) return e;
  const ax = e as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> }; code?: string; message?: string };
  if (ax?.response) {
    const data = ax.response.data;
    const body = data && typeof data === "object" ? (data as LarkBody) : undefined;
    return classify(ax.response.status, body, ax.response.headers);
  }
  if (ax?.code === "ECONNABORTED" || ax?.code === "ETIMEDOUT") return new PlatformError("飞书接口超时", { kind: "timeout" });
  const text = String(ax?.message ?? e);
  // The SDK throws a plain Error when the token endpoint answers with a non-zero code.
  if (/tenant_access_token/.test(text)) return new PlatformError("获取飞书访问凭证失败（请检查 App ID / App Secret）", { kind: "auth" });
  return new PlatformError(`无法连接飞书：${ax?.code ?? "网络错误"}`, { kind: "network" });
}
