import { scrub, type Logger } from "../../core/logger.js";

/**
 * The SDK logs its own failures as free text, including request bodies (message contents)
 * and, on token errors, an AxiosError whose config carries the app secret. Everything it
 * logs is reduced to short, scrubbed strings; errors keep only status, code and message.
 */
function summarise(x: unknown): string {
  if (x instanceof Error) {
    const r = (x as { response?: { status?: number; data?: { code?: unknown; msg?: unknown } } }).response;
    return r ? `${x.name}: HTTP ${r.status} code ${String(r.data?.code ?? "-")} ${String(r.data?.msg ?? "")}` : `${x.name}: ${x.message}`;
  }
  if (typeof x === "string") return x;
  if (Array.isArray(x)) return x.map(summarise).join(" ");
  if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    // Axios-ish shapes logged as plain objects: never their config or request data.
    if ("config" in o || "request" in o) return `[请求失败] ${String(o.message ?? "")}`;
    try {
      return JSON.stringify(o).slice(0, 500);
    } catch {
      return "[对象]";
    }
  }
  return String(x);
}

export function sdkLogger(log: Logger) {
  const line = (args: unknown[]) => scrub(args.map(summarise).join(" ")).slice(0, 1000);
  const child = log.child({ part: "lark-sdk" });
  return {
    error: (...a: unknown[]) => child.error(line(a)),
    warn: (...a: unknown[]) => child.warn(line(a)),
    info: (...a: unknown[]) => child.debug(line(a)),
    debug: (...a: unknown[]) => child.trace(line(a)),
    trace: (...a: unknown[]) => child.trace(line(a)),
  };
}
