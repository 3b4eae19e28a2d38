import type * as lark from "@larksuiteoapi/node-sdk";
import { registerSecret, type Logger } from "../../core/logger.js";
import { PlatformError } from "../../core/platform-error.js";
import { assertOk, toPlatformError } from "./errors.js";
import { sdkLogger } from "./sdk-logger.js";

export interface LarkConnection {
  appId: string;
  appSecret: string;
  /** "feishu" | "lark" | a base URL without trailing slash (the simulator's) */
  domain: string;
}

type Sdk = typeof lark;
let sdk: Promise<Sdk> | null = null;

/**
 * The SDK, loaded on first use (the platform starts after the HTTP server listens): it is the
 * largest thing the bot loads (a 6 MB module with axios; ~0.3 s and tens of MB).
 */
export function loadSdk(): Promise<Sdk> {
  sdk ??= import("@larksuiteoapi/node-sdk");
  return sdk;
}

export function sdkDomain(mod: Sdk, domain: string): lark.Domain | string {
  if (domain === "feishu") return mod.Domain.Feishu;
  if (domain === "lark") return mod.Domain.Lark;
  return domain.replace(/\/+$/, "");
}

/**
 * Our own token cache per client: the SDK's default cache is process-global (keyed by app id
 * only, not domain), and it never drops a token Lark refused. Tokens are registered as
 * secrets the moment we learn them, so no log line can carry one.
 */
export class TokenCache {
  private readonly values = new Map<string, { value: unknown; expiredTime?: number }>();
  // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- the SDK types keys as Symbol
  private key(key: string | Symbol, ns?: string) {
    return `${ns ?? ""}/${key.toString()}`;
  }
  async get(key: string | Symbol, options?: { namespace?: string }): Promise<unknown> {
    const hit = this.values.get(this.key(key, options?.namespace));
    if (!hit) return undefined;
    if (hit.expiredTime && hit.expiredTime <= Date.now()) return undefined;
    return hit.value;
  }
  async set(key: string | Symbol, value: unknown, expiredTime?: number, options?: { namespace?: string }): Promise<boolean> {
    if (typeof value === "string") registerSecret(value);
    this.values.set(this.key(key, options?.namespace), { value, expiredTime });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
}

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export async function createSdkClient(conn: LarkConnection, log: Logger, cache: TokenCache, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<lark.Client> {
  const mod = await loadSdk();
  // The SDK's axios instance has no timeout: a hung Lark would hold a call for ever.
  mod.defaultHttpInstance.defaults.timeout = Math.max(mod.defaultHttpInstance.defaults.timeout ?? 0, timeoutMs);
  return new mod.Client({
    appId: conn.appId,
    appSecret: conn.appSecret,
    domain: sdkDomain(mod, conn.domain),
    cache,
    logger: sdkLogger(log),
    loggerLevel: mod.LoggerLevel.warn,
  });
}

/** Race a call against a timer; the loser's answer is ignored (the uuid makes a retry safe). */
export async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PlatformError(`飞书接口 ${ms} ms 内无响应`, { kind: "timeout" })), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One Open API call: timeout, `code != 0` and HTTP errors mapped to PlatformError, and on an
 * invalid-token answer (99991663) the cached token dropped and the call retried once.
 */
export async function callLark<T extends { code?: number; msg?: string }>(cache: TokenCache, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const once = async () => {
    try {
      return assertOk(await withTimeout(fn(), timeoutMs));
    } catch (e) {
      throw toPlatformError(e);
    }
  };
  try {
    return await once();
  } catch (e) {
    if (e instanceof PlatformError && e.kind === "auth" && e.code !== undefined) {
      cache.clear();
      return once();
    }
    throw e;
  }
}
