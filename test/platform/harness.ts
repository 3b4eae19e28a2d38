import { loadConfig } from "../../src/config/env.js";
import { startBot, type RunningBot } from "../../src/app.js";
import type { BotModule } from "../../src/core/bot.js";
import type { OutboxWorkerOptions } from "../../src/core/outbox-worker.js";
import { createSimulator, type Simulator } from "../../src/sim/index.js";
import { freshSqliteUrl } from "../support/db.js";

export const APP_ID = "cli_a1b2c3d4e5f60718";
export const APP_SECRET = "test-app-secret-0001";
export const ENCRYPT_KEY = "test-encrypt-key-0001";
export const VERIFICATION_TOKEN = "test-verification-token-0001";

export interface Harness {
  sim: Simulator;
  bot: RunningBot;
  dbUrl: string;
  webhookUrl: string;
  restart(): Promise<RunningBot>;
  stop(): Promise<void>;
}

/** A simulator and the real bot (real SDK) connected to it, over webhook or long connection. */
export async function startHarness(o: { transport: "ws" | "webhook"; modules?: BotModule[]; outbox?: OutboxWorkerOptions; dbUrl?: string; sim?: Simulator }): Promise<Harness> {
  const sim =
    o.sim ??
    (await createSimulator({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: o.transport === "webhook" ? ENCRYPT_KEY : undefined, verificationToken: VERIFICATION_TOKEN, ws: { reconnectIntervalSec: 1 } }).start());
  const dbUrl = o.dbUrl ?? freshSqliteUrl();
  const boot = async () => {
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: dbUrl,
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: APP_SECRET,
      LARK_ENCRYPT_KEY: o.transport === "webhook" ? ENCRYPT_KEY : undefined,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      LARK_DOMAIN: sim.url,
      LARK_TRANSPORT: o.transport,
      LOG_LEVEL: "silent",
    });
    const connectsBefore = sim.ws.connects;
    const bot = await startBot({ config, modules: o.modules ?? [], outbox: { pollMs: 50, baseBackoffMs: 20, ...o.outbox } });
    if (o.transport === "ws") {
      await bot.platform.platform!.connected();
      // Ready on both ends: the simulator has seen the new connection's first ping.
      await sim.ws.waitForConnects(connectsBefore + 1);
    }
    return bot;
  };
  let bot = await boot();
  const h: Harness = {
    sim,
    bot,
    dbUrl,
    webhookUrl: `${bot.url}/lark/events`,
    async restart() {
      await h.bot.stop();
      bot = await boot();
      h.bot = bot;
      h.webhookUrl = `${bot.url}/lark/events`;
      if (sim.target !== "ws") sim.target = { webhook: h.webhookUrl };
      return bot;
    },
    async stop() {
      await h.bot.stop();
      await sim.stop();
    },
  };
  sim.target = o.transport === "ws" ? "ws" : { webhook: h.webhookUrl };
  return h;
}

/** Seed an active campaign with one member (so help and card actions know the person). */
export async function seedMember(bot: RunningBot, openId: string, role = "teacher", campaignId = "test-campaign"): Promise<void> {
  const p = bot.db.prisma;
  await p.campaign.upsert({ where: { id: campaignId }, create: { id: campaignId, title: "防范学生欺凌专项治理", status: "active", planJson: "{}" }, update: {} });
  const unit = await p.unit.upsert({ where: { campaignId_key: { campaignId, key: "school-01" } }, create: { campaignId, key: "school-01", name: "北关第一小学", kind: "school" }, update: {} });
  await p.member.create({ data: { campaignId, unitId: unit.id, key: `m-${openId}`, name: "张老师", role, openId } });
}
