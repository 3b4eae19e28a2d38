import type * as lark from "@larksuiteoapi/node-sdk";
import { envelopeSchema } from "../../core/events.js";
import type { Logger } from "../../core/logger.js";
import { loadSdk, sdkDomain, type LarkConnection } from "./client.js";
import { sdkLogger } from "./sdk-logger.js";
import type { Ingest } from "./webhook.js";

export interface WsTransportOptions {
  conn: LarkConnection;
  ingest: Ingest;
  log: Logger;
  /** Seconds without a pong before the socket is presumed dead and reconnected. */
  pingTimeoutSec?: number;
}

export interface WsTransport {
  /** Resolves when the first connection is up (or rejects on a fatal error). */
  ready: Promise<void>;
  status(): string;
  stop(): void;
}

/**
 * The long connection. The SDK's WSClient only needs something with `invoke(data)`: we hand
 * it our own entry instead of an EventDispatcher, so the raw envelope (not the flattened
 * one, whose `token` is overwritten on card events) reaches the same path as webhooks.
 */
export function startWsTransport(o: WsTransportOptions): WsTransport {
  const log = o.log.child({ part: "lark-ws" });
  let settle: { resolve: () => void; reject: (e: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => undefined);
  let client: lark.WSClient | null = null;
  let stopped = false;
  const connect = (sdk: typeof lark) => {
    if (stopped) return;
    client = new sdk.WSClient({
      appId: o.conn.appId,
      appSecret: o.conn.appSecret,
      domain: sdkDomain(sdk, o.conn.domain),
      logger: sdkLogger(o.log),
      loggerLevel: sdk.LoggerLevel.warn,
      autoReconnect: true,
      wsConfig: { pingTimeout: o.pingTimeoutSec ?? 30 },
      onReady: () => {
        log.info("飞书长连接已建立");
        settle.resolve();
      },
      onReconnecting: () => log.warn("飞书长连接断开，正在重连"),
      onReconnected: () => log.info("飞书长连接已恢复"),
      onError: (e: Error) => {
        log.error({ err: e }, "飞书长连接失败");
        settle.reject(e);
      },
    } as ConstructorParameters<typeof lark.WSClient>[0]);
    const dispatcher = {
      invoke: async (data: unknown) => {
        const env = envelopeSchema.safeParse(data);
        if (!env.success) {
          log.warn("长连接收到无法识别的事件，已忽略");
          return {};
        }
        return o.ingest(env.data, "ws");
      },
    };
    void client.start({ eventDispatcher: dispatcher as unknown as lark.EventDispatcher });
  };
  // The SDK loads in the background; a failure to load it is a failure to connect.
  loadSdk().then(connect, (e: Error) => settle.reject(e));
  return {
    ready,
    status: () => (client ? String((client as unknown as { getConnectionStatus?: () => { state?: string } }).getConnectionStatus?.().state ?? "unknown") : "connecting"),
    stop: () => {
      stopped = true;
      client?.close({ force: true });
    },
  };
}
