import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config/env.js";
import { createDatabase, type Database } from "./core/db/client.js";
import { migrate } from "./core/db/migrate.js";
import { Lifecycle } from "./core/lifecycle.js";
import { createLogger, registerSecret, type Logger } from "./core/logger.js";
import { systemClock, type Clock } from "./core/clock.js";
import { createApp } from "./http/app.js";
import { createSandbox, type Sandbox } from "./sim/sandbox.js";

export interface BotOptions {
  config: Config;
  log?: Logger;
  clock?: Clock;
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

  const migrated = await migrate(config.DATABASE_URL);
  if (migrated.applied.length) log.info({ applied: migrated.applied }, `已应用 ${migrated.applied.length} 个数据库迁移`);
  const db = createDatabase(config.DATABASE_URL);
  lifecycle.onStop("database", () => db.close());

  const sandbox = config.sandbox ? await createSandbox({ db, log, campaignsDir: config.CAMPAIGNS_DIR }) : null;
  // In sandbox mode the whole bot runs on the simulator's clock, so the console can move time.
  const clock = opts.clock ?? sandbox?.clock ?? systemClock;
  if (sandbox) lifecycle.onStop("sandbox", () => sandbox.stop());

  const app = createApp({ db, log, mount: sandbox ? (a) => sandbox.mount(a) : undefined });
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

  return { config, db, log, clock, server, url, lifecycle, sandbox, stop: () => lifecycle.stop() };
}
