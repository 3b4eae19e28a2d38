import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotModule } from "../../src/core/bot.js";
import { UserError } from "../../src/core/errors.js";
import { UNKNOWN_PERSON_HELP } from "../../src/core/help.js";
import { TOAST_UNKNOWN_ACTION, TOAST_UNKNOWN_PERSON } from "../../src/core/router.js";
import { cardActionEvent, messageEvent, postWebhook, urlVerification } from "../../src/sim/index.js";
import { ENCRYPT_KEY, seedMember, startHarness, VERIFICATION_TOKEN, type Harness } from "./harness.js";

const clicks: string[] = [];
const testModule: BotModule = {
  name: "test",
  commands: [{ name: "上报", summary: "上报欺凌事件", roles: ["teacher"], run: async (ctx) => ctx.reply(`收到：${ctx.args}`) }],
  actions: {
    ok: async (ctx) => {
      clicks.push(ctx.eventId);
      return { toast: { type: "success", content: "已提交" }, card: { schema: "2.0", body: { elements: [{ tag: "markdown", content: `已由 ${ctx.actor.openId} 提交` }] } } };
    },
    boom: async () => {
      throw new Error("db exploded at /secret/path");
    },
    invalid: async () => {
      throw new UserError("请填写「发生时间」", { field: "occurred_at" });
    },
  },
};

describe("webhook transport against the simulator (real SDK over HTTP)", () => {
  let h: Harness;
  const teacher = "ou_teacher_0001";
  beforeAll(async () => {
    h = await startHarness({ transport: "webhook", modules: [testModule] });
    h.sim.addUser({ openId: teacher, name: "张老师" });
    await seedMember(h.bot, teacher, "teacher");
  });
  afterAll(() => h?.stop());

  const inboxCount = () => h.bot.db.prisma.inboxEvent.count();

  it("acknowledges an encrypted, signed 帮助 in under a second and answers it with the person's role", async () => {
    const d = await h.sim.userSays(teacher, "帮助");
    expect(d.status).toBe(200);
    // In-process the test shares the bot's thread; the sub-second contract is measured against
    // a separate bot process in e2e-webhook.test.ts. Here: within Lark's 3-second window.
    expect(d.durationMs).toBeLessThan(3000);
    const reply = await h.sim.waitFor(() => h.sim.state.botMessagesTo(teacher).find((m) => JSON.stringify(m.card ?? {}).includes("教职工")));
    const shown = JSON.stringify(reply.card);
    expect(shown).toContain("防范学生欺凌专项治理");
    expect(shown).toContain("北关第一小学");
    expect(shown).toContain("上报");
    // The call went out as a reply to the person's message, with a uuid.
    const call = h.sim.calls("/reply", "POST").at(-1)!;
    expect((call.body as { uuid?: string }).uuid).toMatch(/^scb-/);
  });

  it("answers a person unknown to every active plan politely, saying whom to ask", async () => {
    h.sim.addUser({ openId: "ou_stranger", name: "路人" });
    await h.sim.userSays("ou_stranger", "help");
    const reply = await h.sim.waitFor(() => h.sim.state.botMessagesTo("ou_stranger")[0]);
    expect(reply.text).toBe(UNKNOWN_PERSON_HELP);
  });

  it("routes a command with its arguments and handles a repeated event once", async () => {
    const d1 = await h.sim.userSays(teacher, "上报 操场有学生被推倒", { eventId: "ev-dup-1" });
    const d2 = await h.sim.deliver(d1.event);
    const d3 = await h.sim.deliver(d1.event);
    expect([d1.status, d2.status, d3.status]).toEqual([200, 200, 200]);
    await h.sim.waitFor(() => h.sim.state.botMessagesTo(teacher).find((m) => m.text === "收到：操场有学生被推倒"));
    await new Promise((r) => setTimeout(r, 300));
    expect(h.sim.state.botMessagesTo(teacher).filter((m) => m.text === "收到：操场有学生被推倒")).toHaveLength(1);
    expect(await h.bot.db.prisma.inboxEvent.count({ where: { eventId: "ev-dup-1" } })).toBe(1);
  });

  it("refuses bad and missing signatures, stale timestamps and wrong tokens with 401, storing nothing", async () => {
    const before = await inboxCount();
    const ev = () => messageEvent({ appId: h.sim.appId, token: VERIFICATION_TOKEN, sender: { openId: teacher }, chatId: "oc_x", chatType: "p2p", text: "帮助" });
    const bad = await postWebhook(h.webhookUrl, ev(), { encryptKey: ENCRYPT_KEY, badSignature: true });
    const missing = await postWebhook(h.webhookUrl, ev(), { encryptKey: ENCRYPT_KEY, noSignature: true });
    const stale = await postWebhook(h.webhookUrl, ev(), { encryptKey: ENCRYPT_KEY, timestampSec: Math.floor(Date.now() / 1000) - 2 * 3600 });
    const future = await postWebhook(h.webhookUrl, ev(), { encryptKey: ENCRYPT_KEY, timestampSec: Math.floor(Date.now() / 1000) + 2 * 3600 });
    const wrongKey = await postWebhook(h.webhookUrl, ev(), { encryptKey: "another-key-entirely" });
    const forgedToken = await postWebhook(h.webhookUrl, { ...ev(), header: { ...ev().header, token: "forged" } }, { encryptKey: ENCRYPT_KEY });
    for (const r of [bad, missing, stale, future, wrongKey, forgedToken]) expect(r.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it("refuses a body over 1 MB with 413 and stores nothing", async () => {
    const before = await inboxCount();
    const res = await fetch(h.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ encrypt: "x".repeat(1_100_000) }) });
    expect(res.status).toBe(413);
    expect(await inboxCount()).toBe(before);
  });

  it("answers the URL-verification challenge, encrypted, and refuses one with a wrong token", async () => {
    const ok = await postWebhook(h.webhookUrl, urlVerification(VERIFICATION_TOKEN, "ch-123"), { encryptKey: ENCRYPT_KEY, noSignature: true });
    expect(ok).toMatchObject({ status: 200, body: { challenge: "ch-123" } });
    const wrong = await postWebhook(h.webhookUrl, urlVerification("nope", "ch-9"), { encryptKey: ENCRYPT_KEY, noSignature: true });
    expect(wrong.status).toBe(401);
  });

  describe("card callbacks", () => {
    let messageId: string;
    beforeAll(async () => {
      await h.bot.platform.chat.send({ user: teacher }, { card: { schema: "2.0", body: { elements: [{ tag: "markdown", content: "请填写" }] } } }, { key: "card-under-test" });
      const m = await h.sim.waitFor(() => h.sim.state.botMessagesTo(teacher).find((x) => x.msgType === "interactive"));
      messageId = m.messageId;
    });

    it("answers within budget with a toast and the updated card, which replaces the clicked one", async () => {
      const r = await h.sim.clickCard(teacher, messageId, { action: "ok" }, { reason: "x" });
      expect(r.status).toBe(200);
      expect(r.durationMs).toBeLessThan(3000);
      expect(r.answer.toast).toEqual({ type: "success", content: "已提交" });
      expect(JSON.stringify(h.sim.state.messages.get(messageId)!.card)).toContain(`已由 ${teacher} 提交`);
    });

    it("turns a throwing handler into a Chinese error toast (never empty, never 500, no internals)", async () => {
      const r = await h.sim.clickCard(teacher, messageId, { action: "boom" });
      expect(r.status).toBe(200);
      expect(r.answer.toast?.type).toBe("error");
      expect(r.answer.toast?.content).toMatch(/系统繁忙/);
      expect(JSON.stringify(r.body)).not.toContain("secret");
      const u = await h.sim.clickCard(teacher, messageId, { action: "invalid" });
      expect(u.answer.toast).toEqual({ type: "error", content: "请填写「发生时间」" });
    });

    it("says so when nobody handles the action, or the person is unknown", async () => {
      const r = await h.sim.clickCard(teacher, messageId, { action: "no_such_action" });
      expect(r.answer.toast).toEqual({ type: "warning", content: TOAST_UNKNOWN_ACTION });
      const s = await h.sim.clickCard("ou_nobody", messageId, { action: "ok" });
      expect(s.answer.toast).toEqual({ type: "warning", content: TOAST_UNKNOWN_PERSON });
    });

    it("handles a re-pushed click once", async () => {
      const before = clicks.length;
      const ev = cardActionEvent({ ...h.sim.envelopeOpts(), operator: { openId: teacher }, messageId, chatId: "oc_any", value: { action: "ok" } });
      const first = await h.sim.deliver(ev);
      const again = await h.sim.deliver(ev);
      expect((first.body as { toast?: { type: string } }).toast?.type).toBe("success");
      expect(again).toMatchObject({ status: 200, body: {} });
      expect(clicks.length).toBe(before + 1);
    });
  });

  it("records the group when the bot is added, with its name from chat info", async () => {
    const g = h.sim.addGroup({ name: "北关第一小学安全工作群", members: [teacher], botIn: false });
    const d = await h.sim.botAdded(g.chatId, teacher);
    expect(d.status).toBe(200);
    const binding = await waitForDb(() => h.bot.db.prisma.chatBinding.findUnique({ where: { chatId: g.chatId } }));
    expect(binding.name).toBe("北关第一小学安全工作群");
  });
});

async function waitForDb<T>(f: () => Promise<T | null>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
