/**
 * The end-to-end setting every domain's simulator test uses: a fresh simulator with Lark's rules,
 * and the real bot (Lark SDK over the long connection, outbox worker, router, scheduler jobs)
 * connected to it on a fresh SQLite database.
 */
import { loadConfig } from "../../src/config/env.js";
import { startBot, type RunningBot } from "../../src/app.js";
import type { BotModule } from "../../src/core/bot.js";
import type { Clock } from "../../src/core/clock.js";
import type { JobFactory } from "../../src/domains/jobs.js";
import { createSimulator, type Simulator, type SimMessage } from "../../src/sim/index.js";
import { platformRules } from "../../src/sim/rules/index.js";
import { freshSqliteUrl } from "./db.js";

export interface TestApp {
  appId: string;
  appSecret: string;
  verificationToken: string;
}

export const TEST_APP: TestApp = { appId: "cli_a1b2c3d4e5f60718", appSecret: "test-app-secret-0001", verificationToken: "test-verification-token-0001" };

/** A started simulator with the platform rules on (rate limits off: tests send in bursts). */
export async function startTestSim(app: TestApp = TEST_APP): Promise<Simulator> {
  const sim = createSimulator({ ...app, ws: { reconnectIntervalSec: 1 } });
  for (const r of platformRules({ appId: sim.appId, rateLimits: false })) sim.use(r);
  await sim.start();
  return sim;
}

/** The bot, connected to `sim` over the long connection; the scheduler ticks only when a test says. */
export async function startBotOnSim(
  sim: Simulator,
  o: { clock: Clock; modules: BotModule[]; jobs?: JobFactory[]; databaseUrl?: string; app?: TestApp },
): Promise<RunningBot> {
  const app = o.app ?? TEST_APP;
  const config = loadConfig({
    PORT: "0",
    DATABASE_URL: o.databaseUrl ?? freshSqliteUrl(),
    LARK_APP_ID: app.appId,
    LARK_APP_SECRET: app.appSecret,
    LARK_VERIFICATION_TOKEN: app.verificationToken,
    LARK_DOMAIN: sim.url,
    LARK_TRANSPORT: "ws",
    LOG_LEVEL: "silent",
  });
  const bot = await startBot({ config, clock: o.clock, modules: o.modules, jobs: o.jobs ?? [], startScheduler: false, outbox: { pollMs: 20, baseBackoffMs: 20 } });
  await bot.platform.platform!.connected();
  await sim.ws.waitForConnects(1, 15_000);
  return bot;
}

/** Waits until the outbox has delivered everything queued so far. */
export async function settleOutbox(bot: RunningBot, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const pending = await bot.db.prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
    if (pending === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("outbox did not drain");
}

/** Every callback value in a card that matches. */
export function callbackValues(card: unknown, pred: (v: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, unknown>;
    if (o.type === "callback" && o.value && typeof o.value === "object" && pred(o.value as Record<string, unknown>)) out.push(o.value as Record<string, unknown>);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

export const cardText = (m: SimMessage | undefined) => JSON.stringify(m?.card ?? {});
