import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as lark from "@larksuiteoapi/node-sdk";

/** The SDK prints every failed call; the failures here are on purpose. */
const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
import { loadConfig } from "../../src/config/env.js";
import { startBot, type RunningBot } from "../../src/app.js";
import { freshDb, freshSqliteUrl } from "../support/db.js";
import express from "express";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger } from "../../src/core/logger.js";
import { createSandbox } from "../../src/sim/sandbox.js";

/** Sandbox mode: `npm start` without LARK_APP_ID runs the simulator on the bot's own server. */
let bot: RunningBot | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

function sandboxConfig(dbUrl: string) {
  // An empty campaigns folder: the built-in cast, independent of the plan files in progress.
  return loadConfig({ PORT: "0", DATABASE_URL: dbUrl, CAMPAIGNS_DIR: mkdtempSync(join(tmpdir(), "scb-camp-")), LOG_LEVEL: "silent" });
}

async function json<T>(url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

describe("sandbox mode", () => {
  it("serves the console and the Open API on the bot's own server, and a restart continues", async () => {
    const dbUrl = freshSqliteUrl();
    bot = await startBot({ config: sandboxConfig(dbUrl) });
    expect(bot.sandbox).not.toBeNull();
    const sb = bot.sandbox!;
    expect(sb.connection()).toEqual({ appId: "cli_0123456789abcdef", appSecret: "sandbox-secret", domain: bot.url, transport: "ws" });
    expect(sb.consoleUrl()).toBe(`${bot.url}/sim`);

    const page = await fetch(`${bot.url}/sim`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("飞书模拟器");
    const { people } = await json<{ people: { openId: string; roleLabel: string }[] }>(`${bot.url}/sim/api/people`);
    expect(people.map((p) => p.roleLabel)).toEqual(["教师", "校长", "教育局安全办", "领导小组办公室主任", "领导小组组长"]);

    // The bot's SDK, pointed at its own server, sends a card; the console shows it in the teacher's chat.
    const client = new lark.Client({ ...sb.connection(), cache: new lark.DefaultCache(), loggerLevel: lark.LoggerLevel.fatal, logger: quiet });
    const card = { schema: "2.0", config: { update_multi: true }, body: { elements: [{ tag: "markdown", content: "**你好**" }] } };
    const sent = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: "ou_demo_teacher", msg_type: "interactive", content: JSON.stringify(card) } });
    expect(sent.code).toBe(0);
    const { chats } = await json<{ chats: { chatId: string; type: string }[] }>(`${bot.url}/sim/api/chats?openId=ou_demo_teacher`);
    expect(chats.map((c) => c.type)).toEqual(["p2p", "group", "group"]);
    const p2p = chats[0]!.chatId;
    const { messages } = await json<{ messages: { content: unknown; sender: { kind: string } }[] }>(`${bot.url}/sim/api/messages?chatId=${p2p}`);
    expect(messages).toMatchObject([{ sender: { kind: "bot" }, content: card }]);

    // A card that breaks the rules is refused on the sandbox too.
    await expect(client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: "ou_demo_teacher", msg_type: "interactive", content: JSON.stringify({ ...card, body: { elements: [{ tag: "note", elements: [] }] } }) } })).rejects.toMatchObject({ response: { status: 400, data: { code: 230099 } } });

    // The clock control moves the simulated time the bot runs on.
    const before = bot.clock.now().getTime();
    const { now } = await json<{ now: string }>(`${bot.url}/sim/api/clock`, { minutes: 1440 });
    expect(new Date(now).getTime() - before).toBeGreaterThanOrEqual(86_400_000);
    expect(bot.clock.now().getTime() - before).toBeGreaterThanOrEqual(86_400_000);

    await bot.stop();
    bot = await startBot({ config: sandboxConfig(dbUrl) });
    const again = await json<{ messages: unknown[] }>(`${bot.url}/sim/api/messages?chatId=${p2p}`);
    expect(again.messages).toHaveLength(1);
    expect(bot.clock.now().getTime() - Date.now()).toBeGreaterThanOrEqual(86_400_000 - 1000);
  });

  it("refuses bad console input with a Chinese message naming the field", async () => {
    bot = await startBot({ config: sandboxConfig(freshSqliteUrl()) });
    const res = await fetch(`${bot.url}/sim/api/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ minutes: -5 }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain("minutes");
    const say = await fetch(`${bot.url}/sim/api/say`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ openId: "ou_demo_teacher", chatId: "oc_x", text: "  " }) });
    expect(say.status).toBe(400);
    expect(((await say.json()) as { message: string }).message).toContain("请输入消息内容");
  });

  it("loads the demo plan: its people and groups, the campaign activated with dates moved to today, once", async () => {
    const dbUrl = freshSqliteUrl();
    const config = loadConfig({ PORT: "0", DATABASE_URL: dbUrl, CAMPAIGNS_DIR: "./campaigns", LOG_LEVEL: "silent" });
    bot = await startBot({ config });
    const sb = bot.sandbox!;
    expect(sb.planFile).toMatch(/demo/);
    const ids = sb.roster.people.map((p) => p.openId);
    expect(ids.every((id) => id.startsWith("ou_demo_"))).toBe(true);
    expect(sb.roster.people.some((p) => p.roleLabel === "教师")).toBe(true);
    expect(sb.roster.people.some((p) => p.roleLabel === "校长")).toBe(true);
    expect(sb.roster.groups.length).toBeGreaterThan(0);
    expect(sb.roster.groups.every((g) => g.chatId.startsWith("oc_demo_") && sb.sim.state.chats.get(g.chatId)?.botIn)).toBe(true);

    const campaigns = await bot.db.prisma.campaign.findMany({ where: { status: "active" } });
    expect(campaigns).toHaveLength(1);
    const plan = JSON.parse(campaigns[0]!.planJson) as { span: { start: string; end: string } };
    const today = bot.clock.now().toISOString().slice(0, 10);
    expect(plan.span.start <= today && today <= plan.span.end).toBe(true);
    const activatedAt = campaigns[0]!.activatedAt;

    await bot.stop();
    bot = await startBot({ config });
    const again = await bot.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaigns[0]!.id } });
    expect(again.activatedAt).toEqual(activatedAt);
    expect(again.planJson).toBe(campaigns[0]!.planJson);
  });

  it("moving the simulated clock forward runs the bot's jobs: reminders of the demo plan arrive", async () => {
    bot = await startBot({ config: loadConfig({ PORT: "0", DATABASE_URL: freshSqliteUrl(), CAMPAIGNS_DIR: "./campaigns", LOG_LEVEL: "silent" }) });
    const sim = bot.sandbox!.sim;
    await sim.ws.waitForConnects(1);
    expect(sim.botMessages()).toHaveLength(0);
    for (let day = 0; day < 7 && sim.botMessages().length === 0; day++) {
      await json(`${bot.url}/sim/api/clock`, { minutes: 1440 });
      // The outbox sends after the tick; give it a moment before moving on.
      await sim.waitFor(() => sim.botMessages().length > 0, 3000).catch(() => undefined);
    }
    expect(sim.botMessages().length).toBeGreaterThan(0);
    const demo = new Set(bot.sandbox!.roster.people.map((p) => sim.state.p2pChatOf(p.openId).chatId).concat(bot.sandbox!.roster.groups.map((g) => g.chatId)));
    expect(sim.botMessages().every((m) => demo.has(m.chatId))).toBe(true);
  });

  it("tells the person when the bot is not connected, and keeps what they typed in the chat", async () => {
    const db = await freshDb();
    const sb = await createSandbox({ db: db.db, log: createLogger("silent"), campaignsDir: "/nonexistent" });
    const app = express();
    sb.mount(app);
    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sb.attach(server, url);
    try {
      const chatId = sb.sim.state.p2pChatOf("ou_demo_teacher").chatId;
      const res = await fetch(`${url}/sim/api/say`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ openId: "ou_demo_teacher", chatId, text: "帮助" }) });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { message: string }).message).toContain("机器人没有应答");
      const { messages } = await json<{ messages: { content: { text: string } }[] }>(`${url}/sim/api/messages?chatId=${chatId}`);
      expect(messages.map((m) => m.content.text)).toEqual(["帮助"]);
    } finally {
      await sb.stop();
      server.close();
      await db.cleanup();
    }
  });

  it("is off when LARK_APP_ID is set", async () => {
    const config = loadConfig({ PORT: "0", DATABASE_URL: freshSqliteUrl(), LARK_APP_ID: "cli_0123456789abcdef", LARK_APP_SECRET: "s3cret-value", LOG_LEVEL: "silent" });
    bot = await startBot({ config });
    expect(bot.sandbox).toBeNull();
    expect((await fetch(`${bot.url}/sim`)).status).toBe(404);
  });
});
