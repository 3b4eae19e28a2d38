import type { Express } from "express";
import type { Config } from "../config/env.js";
import type { BotDeps, BotModule } from "../core/bot.js";
import type { ChatPort } from "../core/chat-port.js";
import type { Clock } from "../core/clock.js";
import { systemClock } from "../core/clock.js";
import type { Database } from "../core/db/client.js";
import type { EventEnvelope } from "../core/events.js";
import { Inbox } from "../core/inbox.js";
import type { Lifecycle } from "../core/lifecycle.js";
import { registerSecret, type Logger } from "../core/logger.js";
import { Outbox } from "../core/outbox.js";
import { OutboxWorker, type OutboxWorkerOptions } from "../core/outbox-worker.js";
import { EventProcessor } from "../core/router.js";
import { createLarkChatPort, createLarkPlatform, webhookRouter, type LarkPlatform } from "./lark/index.js";

export interface LarkConnectionSettings {
  appId: string;
  appSecret: string;
  domain: string;
  transport?: "ws" | "webhook";
}

/** Late-bound entry: the webhook route is mounted before the event processor exists. */
export interface IngestRef {
  current: ((env: EventEnvelope) => Promise<unknown>) | null;
}

/** Mount `POST /lark/events` when the webhook transport is configured. */
export function mountLarkWebhook(app: Express, config: Config, log: Logger, ref: IngestRef): void {
  if (config.LARK_TRANSPORT !== "webhook" || config.sandbox) return;
  app.use(
    webhookRouter({
      encryptKey: config.LARK_ENCRYPT_KEY,
      verificationToken: config.LARK_VERIFICATION_TOKEN,
      log,
      ingest: (env) => {
        // Not started yet (or stopping): a non-200 makes Lark deliver it again later.
        if (!ref.current) throw new Error("事件处理尚未就绪");
        return ref.current(env);
      },
    }),
  );
}

export interface PlatformRuntimeOptions {
  config: Config;
  db: Database;
  log: Logger;
  clock: Clock;
  lifecycle: Lifecycle;
  modules: BotModule[];
  ingestRef: IngestRef;
  /** Overrides LARK_* (sandbox mode, tests). Null: no platform (messages wait in the outbox). */
  connection: LarkConnectionSettings | null;
  outbox?: OutboxWorkerOptions;
  /** How often unfinished events are looked for (crash recovery across instances). */
  recoverEveryMs?: number;
}

export interface PlatformRuntime {
  chat: ChatPort;
  outbox: Outbox;
  worker: OutboxWorker | null;
  events: EventProcessor;
  platform: LarkPlatform | null;
}

/**
 * Platform start in the lifecycle: outbox worker, event processor (with recovery of events
 * acknowledged but not processed before a crash), inbound transport. Stops in reverse:
 * stop accepting → drain in-flight events → stop the worker (the database closes last).
 */
export async function startPlatform(o: PlatformRuntimeOptions): Promise<PlatformRuntime> {
  const { config, db, log, lifecycle } = o;
  // Queue timing is real time even when the domains run on a moved clock (sandbox, tests).
  const outbox = new Outbox(db, systemClock);
  const inbox = new Inbox(db, systemClock);
  const conn = o.connection;
  if (conn) registerSecret(conn.appSecret);
  let platform: LarkPlatform | null = null;
  const ingest = (env: EventEnvelope) => events.ingest(env);
  if (conn) {
    platform = createLarkPlatform(
      {
        conn: { appId: conn.appId, appSecret: conn.appSecret, domain: conn.domain },
        transport: conn.transport ?? config.LARK_TRANSPORT,
        encryptKey: config.LARK_ENCRYPT_KEY,
        verificationToken: config.LARK_VERIFICATION_TOKEN,
        log,
        outbox,
      },
      ingest,
    );
  } else {
    log.warn("未配置飞书应用：消息会保存在发送队列中，连接飞书后再发出");
  }
  const chat: ChatPort = platform?.chat ?? createLarkChatPort(outbox, null);
  const deps: BotDeps = { db, chat, clock: o.clock, log };
  const events: EventProcessor = new EventProcessor({ deps, modules: o.modules, inbox, botOpenId: platform ? () => platform!.botOpenId() : undefined });

  let worker: OutboxWorker | null = null;
  if (platform) {
    worker = new OutboxWorker(outbox, platform.sender, log, o.outbox);
    worker.start();
    lifecycle.onStop("outbox worker", () => worker!.stop());
  }
  lifecycle.onStop("event processing", async () => {
    o.ingestRef.current = null;
    await events.drain();
  });
  o.ingestRef.current = ingest;
  if (platform) {
    await platform.start();
    lifecycle.onStop("lark inbound", () => platform!.stop());
  }

  // Events acknowledged before a crash but never finished; later, ones another instance left.
  const recover = () => events.recover().then((n) => n && log.info({ n }, `已补处理 ${n} 个未完成的事件`), (e) => log.error({ err: e }, "补处理事件失败"));
  await recover();
  const timer = setInterval(() => void recover(), o.recoverEveryMs ?? 60_000);
  timer.unref();
  lifecycle.onStop("event recovery", () => clearInterval(timer));
  return { chat, outbox, worker, events, platform };
}
