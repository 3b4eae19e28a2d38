import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config/env.js";
import { createDatabase, type Database } from "./core/db/client.js";
import { migrate } from "./core/db/migrate.js";
import { Lifecycle } from "./core/lifecycle.js";
import { createLogger, registerSecret, type Logger } from "./core/logger.js";
import { configureCaseCrypto } from "./core/crypto/field-crypto.js";
import { systemClock, type Clock } from "./core/clock.js";
import { createApp } from "./http/app.js";
import type { Sandbox } from "./sim/sandbox.js";
import type { BotModule } from "./core/bot.js";
import type { OutboxWorkerOptions } from "./core/outbox-worker.js";
import { loadSdk } from "./platform/lark/index.js";
import { mountLarkWebhook, startPlatform, type IngestRef, type LarkConnectionSettings, type PlatformRuntime } from "./platform/start.js";
import { domainModules } from "./domains/modules.js";
import { warmQueries } from "./platform/warm.js";
import { Scheduler } from "./core/scheduler.js";
import { domainJobs, type JobFactory } from "./domains/jobs.js";

export interface BotOptions {
  config: Config;
  log?: Logger;
  clock?: Clock;
  /** The domains' handlers (default: every module in src/domains/modules.ts). */
  modules?: BotModule[];
  /** Connect to this Lark (e.g. a test's simulator) instead of LARK_* / the sandbox. */
  lark?: LarkConnectionSettings;
  outbox?: OutboxWorkerOptions;
  /** Scheduled jobs (default: src/domains/jobs.ts). */
  jobs?: JobFactory[];
  /** Start the minute tick (default: yes, except under vitest, where tests call `scheduler.tick()`). */
  startScheduler?: boolean;
}

export interface RunningBot {
  config: Config;
  db: Database;
  log: Logger;
  clock: Clock;
  server: Server;
  /** The base URL the HTTP server listens on. */
  url: string;
  lifecycle: Lifecycle;
  /**
   * Sandbox mode (no LARK_APP_ID): the in-process simulator. The platform layer connects with
   * `sandbox.connection()` instead of the LARK_* settings; its console is at `sandbox.consoleUrl()`.
   */
  sandbox: Sandbox | null;
  /** ChatPort, outbox, worker and event processor (the platform layer). */
  platform: PlatformRuntime;
  /** The minute tick (leader election on PostgreSQL); `tick()` runs the jobs once now. */
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/**
 * The composition root: config → db (migrated) → platform → domains → scheduler → http.
 * Tests start the bot in-process through this function; `main.ts` adds signals and exit codes.
 */
export async function startBot(opts: BotOptions): Promise<RunningBot> {
  const { config } = opts;
  for (const s of [config.LARK_APP_SECRET, config.LARK_ENCRYPT_KEY, config.LARK_VERIFICATION_TOKEN]) registerSecret(s);
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log);
  if (configureCaseCrypto(config).dev) log.warn("CASE_DATA_KEY 未设置：案件敏感内容用公开的开发密钥加密，不能保护真实数据（仅限沙箱和测试）");

  // The Lark SDK loads while the database is migrated and warmed (it is only imported on
  // demand, so the CLI and a bot without Lark never load it); a failure shows where it is used.
  if (opts.lark || config.sandbox || config.LARK_APP_ID) loadSdk().catch(() => undefined);
  const migrated = await migrate(config.DATABASE_URL);
  if (migrated.applied.length) log.info({ applied: migrated.applied }, `已应用 ${migrated.applied.length} 个数据库迁移`);
  const db = createDatabase(config.DATABASE_URL);
  lifecycle.onStop("database", () => db.close());
  // Before the port opens: the first events must not wait behind query compilation. Measured
  // (bench/RESULTS.md §4): run after listen instead, /healthz came ~0.6 s sooner at load 8 but
  // the first event after it was acknowledged in 180–360 ms instead of 25–70 ms.
  await warmQueries(db).then(
    (ms) => log.debug({ ms }, "查询预热完成"),
    (e: unknown) => log.warn({ err: e }, "预热查询失败"),
  );

  // Loaded only in sandbox mode: a bot connected to Lark never reads the simulator (nor yaml, ws,
  // protobufjs). Created before listen: tried after it, a SIGTERM sent as soon as /healthz answered
  // (test/integration/foundation) came while the simulator was still being built and start-up
  // plus stop overran the 4 s shutdown limit under tsx on a loaded machine.
  const sandbox = config.sandbox ? await (await import("./sim/sandbox.js")).createSandbox({ db, log, campaignsDir: config.CAMPAIGNS_DIR }) : null;
  // In sandbox mode the whole bot runs on the simulator's clock, so the console can move time.
  const clock = opts.clock ?? sandbox?.clock ?? systemClock;
  if (sandbox) lifecycle.onStop("sandbox", () => sandbox.stop());

  const ingestRef: IngestRef = { current: null };
  const app = createApp({
    db,
    log,
    mount: (a) => {
      sandbox?.mount(a);
      mountLarkWebhook(a, config, log, ingestRef);
    },
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, "0.0.0.0", (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  // Keep-alive sockets would hold close() open; in-flight requests still finish.
  lifecycle.onStop("http", () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  }));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  sandbox?.attach(server, url);
  // Open long connections would hold server.close(); they end first (stops run in reverse).
  if (sandbox) lifecycle.onStop("sandbox long connections", () => sandbox.sim.ws.close());

  const connection: LarkConnectionSettings | null =
    opts.lark ?? (sandbox ? sandbox.connection() : config.LARK_APP_ID && config.LARK_APP_SECRET ? { appId: config.LARK_APP_ID, appSecret: config.LARK_APP_SECRET, domain: config.LARK_DOMAIN } : null);
  const platform = await startPlatform({ config, db, log, clock, lifecycle, modules: opts.modules ?? domainModules, ingestRef, connection, outbox: opts.outbox });

  const scheduler = new Scheduler(db, (opts.jobs ?? domainJobs).map((f) => f({ db, chat: platform.chat, clock, log })), log);
  if (opts.startScheduler ?? !process.env.VITEST) scheduler.start();
  lifecycle.onStop("scheduler", () => scheduler.stop());
  // The console's clock control runs the jobs at once, so moved time shows its reminders.
  if (sandbox) sandbox.onClockAdvanced = async () => void (await scheduler.tick());

  return { config, db, log, clock, server, url, lifecycle, sandbox, platform, scheduler, stop: () => lifecycle.stop() };
}
