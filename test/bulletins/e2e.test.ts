/**
 * End to end through the simulator: the real bot (Lark SDK over the long connection, outbox
 * worker, router, scheduler) posts October's bulletin for a 10-school district. The bureau turns
 * on leader review in chat, the draft reaches the office director only, 修改 adds a 按语, 发布
 * posts the bureau's cards and each school's own card; the simulator's platform rules check
 * every card on the way (30 KB, tables, charts, 2.0 schema).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot } from "../../src/app.js";
import { ManualClock } from "../../src/core/clock.js";
import { type Simulator, type SimMessage } from "../../src/sim/index.js";
import { validateCard } from "../../src/sim/rules/index.js";
import { bulletinsModule } from "../../src/domains/bulletins/handlers.js";
import { bulletinJob } from "../../src/domains/bulletins/jobs.js";
import { freshSqliteUrl } from "../support/db.js";
import { migrate } from "../../src/core/db/migrate.js";
import { createDatabase } from "../../src/core/db/client.js";
import { BUREAU_CHAT, DIRECTOR, OCT_BULLETIN, SAFETY, expected, makeWorld, seedWorld, type World } from "./world.js";
import { cardText } from "./support.js";
import { settleOutbox, startBotOnSim, startTestSim } from "../support/sim-bot.js";

const APP = { appId: "cli_b1b2c3d4e5f60719", appSecret: "test-app-secret-0009", verificationToken: "test-verification-token-0009" };

let sim: Simulator;
let bot: RunningBot;
let w: World;
const clock = new ManualClock(new Date("2021-10-20T02:00:00Z"));

beforeAll(async () => {
  sim = await startTestSim(APP);
  w = makeWorld(10, 99);
  sim.addUser({ openId: DIRECTOR, name: "李主任" });
  sim.addUser({ openId: SAFETY, name: "王科长" });
  sim.addGroup({ chatId: BUREAU_CHAT, name: "全区防欺凌工作群", members: [DIRECTOR, SAFETY] });
  for (const s of w.schools) {
    sim.addUser({ openId: s.principal, name: `${s.name}校长` });
    sim.addGroup({ chatId: s.chatId, name: `${s.name}工作群`, members: [s.principal] });
  }
  // Seeded before the bot starts, through a connection of its own.
  const url = freshSqliteUrl();
  await migrate(url);
  const seedDb = createDatabase(url);
  await seedWorld(seedDb, w);
  await seedDb.close();
  bot = await startBotOnSim(sim, { app: APP, clock, databaseUrl: url, modules: [bulletinsModule], jobs: [(d) => bulletinJob(d)] });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await sim?.stop();
});

const settle = () => settleOutbox(bot, 1000);

const inbox = (openId: string) => sim.state.botMessagesTo(openId);
const inChat = (chatId: string) => sim.state.messagesIn(chatId).filter((m) => m.sender === "bot");
const text = (m: SimMessage | undefined) => cardText(m?.card ?? {}) + (m?.text ?? "");

function callbackValues(card: unknown, action: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown) => {
    if (found || !n || typeof n !== "object") return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    if (o.type === "callback" && (o.value as Record<string, unknown> | undefined)?.action === action) found = o.value as Record<string, unknown>;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

describe("October bulletin through the simulator", () => {
  it("the safety office turns on leader review in chat", async () => {
    const before = inbox(SAFETY).length;
    await sim.userSays(SAFETY, "月报审核 开启");
    await sim.waitFor(() => inbox(SAFETY).slice(before).some((m) => text(m).includes("已开启月报审核")));
  });

  it("at 09:00 on the 26th the draft reaches the office director only", async () => {
    clock.set(new Date(OCT_BULLETIN.getTime() - 60_000));
    expect((await bot.scheduler.tick()).failed).toEqual([]);
    await settle();
    expect(inbox(DIRECTOR)).toHaveLength(0);
    clock.set(OCT_BULLETIN);
    expect((await bot.scheduler.tick()).failed).toEqual([]);
    await settle();
    expect(inbox(DIRECTOR)).toHaveLength(1);
    expect(text(inbox(DIRECTOR)[0])).toContain("待审核");
    expect(inChat(BUREAU_CHAT)).toHaveLength(0);
    for (const s of w.schools) expect(inChat(s.chatId)).toHaveLength(0);
  });

  it("修改 adds a 按语, 发布 posts to the bureau group and every school group, once", async () => {
    const draft = inbox(DIRECTOR)[0];
    const edit = await sim.clickCard(DIRECTOR, draft.messageId, callbackValues(draft.card, "bulletin_edit")!);
    expect(edit.answer.card).toBeTruthy();
    const form = sim.state.messages.get(draft.messageId)!;
    expect(text(form)).toContain("按语");
    const saved = await sim.clickCard(DIRECTOR, draft.messageId, callbackValues(form.card, "bulletin_note")!, { note: "请未报送单位于10月28日前补报。" });
    expect(saved.answer.toast?.type).toBe("success");
    const publish = callbackValues(sim.state.messages.get(draft.messageId)!.card, "bulletin_publish")!;
    const pub = await sim.clickCard(DIRECTOR, draft.messageId, publish);
    expect(pub.answer.toast?.content).toBe("已发布");
    await settle();
    expect(text(sim.state.messages.get(draft.messageId))).toContain("已发布");

    const bureau = inChat(BUREAU_CHAT);
    expect(bureau.length).toBeGreaterThanOrEqual(3); // overview with charts, table, 通报
    const all = bureau.map(text).join("\n");
    expect(all).toContain("请未报送单位于10月28日前补报");
    const missing = w.schools.filter((s) => expected(w, s.key, "2021-10", OCT_BULLETIN).submitted === "missing");
    expect(missing.length).toBeGreaterThan(0);
    for (const s of missing) expect(all).toContain(`${s.name}：月报表 未报送`);
    for (const m of bureau) expect(validateCard(m.card).ok).toBe(true);
    for (const s of w.schools) {
      const own = inChat(s.chatId);
      expect(own, s.key).toHaveLength(1);
      expect(text(own[0])).toContain(`本期新增 ${expected(w, s.key, "2021-10", OCT_BULLETIN).opened} 件`);
    }
    // a second click and the next tick post nothing more
    const again = await sim.clickCard(DIRECTOR, draft.messageId, publish);
    expect(again.answer.toast?.content).toContain("已经发布");
    clock.set(new Date(OCT_BULLETIN.getTime() + 120_000));
    await bot.scheduler.tick();
    await settle();
    expect(inChat(BUREAU_CHAT)).toHaveLength(bureau.length);
    expect(await bot.db.prisma.outboxMessage.count({ where: { status: "parked" } })).toBe(0);
  }, 60_000);

  it("月报 on demand: the safety office gets the district's cards in its chat", async () => {
    const before = inbox(SAFETY).length;
    await sim.userSays(SAFETY, "月报 2021-10");
    const got = await sim.waitFor(() => {
      const m = inbox(SAFETY).slice(before);
      return m.some((x) => text(x).includes("通报：未按时报送单位")) ? m : false;
    }, 10_000);
    expect(got.some((m) => text(m).includes("各单位情况"))).toBe(true);
  });
});
