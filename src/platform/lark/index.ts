import type { Express } from "express";
import type { ChatPort } from "../../core/chat-port.js";
import type { Logger } from "../../core/logger.js";
import type { Outbox, OutboxTransport } from "../../core/outbox.js";
import { LarkApi } from "./api.js";
import { createLarkChatPort } from "./chat-port.js";
import { createSdkClient, DEFAULT_CALL_TIMEOUT_MS, TokenCache, type LarkConnection } from "./client.js";
import { webhookRouter, type Ingest } from "./webhook.js";
import { startWsTransport, type WsTransport } from "./ws.js";

export type { Ingest } from "./webhook.js";
export { WEBHOOK_PATH, webhookRouter } from "./webhook.js";
export { createLarkChatPort } from "./chat-port.js";
export { loadSdk } from "./client.js";

export interface LarkPlatformOptions {
  conn: LarkConnection;
  transport: "ws" | "webhook";
  encryptKey?: string;
  verificationToken?: string;
  log: Logger;
  outbox: Outbox;
  callTimeoutMs?: number;
  pingTimeoutSec?: number;
}

export interface LarkPlatform {
  chat: ChatPort;
  /** What the outbox worker sends with. */
  sender: OutboxTransport;
  /** The bot's own open id (to tell @bot mentions in groups), once known. */
  botOpenId(): Promise<string | null>;
  /** Mount `POST /lark/events` (webhook transport only; a no-op for ws). */
  mount(app: Express): void;
  /** Start receiving events (connects the long connection in ws mode). */
  start(): Promise<void>;
  /** Resolves once the long connection is up (immediately for webhook). */
  connected(): Promise<void>;
  /** Stop receiving events. */
  stop(): Promise<void>;
}

/** The Lark/Feishu platform: SDK client, both transports, the ChatPort. */
export function createLarkPlatform(o: LarkPlatformOptions, ingest: Ingest): LarkPlatform {
  const cache = new TokenCache();
  const timeout = o.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const api = new LarkApi(createSdkClient(o.conn, o.log, cache, timeout), cache, timeout);
  let ws: WsTransport | null = null;
  let botId: Promise<string | null> | null = null;
  return {
    chat: createLarkChatPort(o.outbox, api),
    sender: api,
    botOpenId() {
      botId ??= api.botInfo().then(
        (b) => b?.openId ?? null,
        (e) => {
          o.log.warn({ err: e }, "无法获取机器人信息");
          botId = null;
          return null;
        },
      );
      return botId;
    },
    mount(app) {
      if (o.transport !== "webhook") return;
      app.use(webhookRouter({ encryptKey: o.encryptKey, verificationToken: o.verificationToken, ingest, log: o.log }));
    },
    async start() {
      if (o.transport !== "ws") return;
      // Start-up does not wait for Lark: the SDK keeps reconnecting, a fatal error is logged,
      // and `connected()` tells who needs to know.
      ws = startWsTransport({ conn: o.conn, ingest, log: o.log, pingTimeoutSec: o.pingTimeoutSec });
    },
    connected: () => (ws ? ws.ready : Promise.resolve()),
    async stop() {
      ws?.stop();
      ws = null;
    },
  };
}
