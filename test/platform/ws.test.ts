import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotModule } from "../../src/core/bot.js";
import { TOAST_SLOW } from "../../src/core/router.js";
import { seedMember, startHarness, type Harness } from "./harness.js";

let handled = 0;
const echo: BotModule = {
  name: "echo",
  commands: [{ name: "echo", summary: "回声", run: async (ctx) => void (handled++, await ctx.reply(`echo:${ctx.args.length}`)) }],
  actions: {
    ping: async () => ({ toast: { type: "info", content: "pong" } }),
    slow: async () => {
      await new Promise((r) => setTimeout(r, 3200));
      return { toast: { type: "success", content: "完成" }, card: { schema: "2.0", body: { elements: [{ tag: "markdown", content: "慢慢处理完了" }] } } };
    },
  },
};

describe("long connection against the simulator (real SDK WSClient)", () => {
  let h: Harness;
  const user = "ou_ws_user_0001";
  beforeAll(async () => {
    h = await startHarness({ transport: "ws", modules: [echo] });
    h.sim.addUser({ openId: user, name: "王校长" });
    await seedMember(h.bot, user, "principal");
  });
  afterAll(() => h?.stop());

  it("receives 帮助 as a frame, acks it, and answers", async () => {
    const d = await h.sim.userSays(user, "帮助");
    expect(d.status).toBe(200);
    // A person in a plan gets the help card (their role, their commands, the modules' buttons).
    const reply = await h.sim.waitFor(() => h.sim.state.botMessagesTo(user).find((m) => JSON.stringify(m.card ?? {}).includes("校长")));
    expect(JSON.stringify(reply.card)).toContain("防范学生欺凌专项治理");
    expect(JSON.stringify(reply.card)).toContain("echo");
  });

  it("runs the command a bot-menu item names and answers in the person's chat with the bot", async () => {
    const menu = (key: string, id: string) => ({
      schema: "2.0",
      header: { event_id: id, event_type: "application.bot.menu_v6", create_time: String(Date.now()), token: "", app_id: h.sim.appId, tenant_key: "t" },
      event: { operator: { operator_name: "王校长", operator_id: { open_id: user, union_id: "on_x", user_id: null } }, event_key: key, timestamp: Date.now() },
    });
    const before = handled;
    expect((await h.sim.deliver(menu("echo", "ev_menu_echo"))).status).toBe(200);
    await h.sim.waitFor(() => h.sim.state.botMessagesTo(user).find((m) => m.text === "echo:0"));
    expect(handled).toBe(before + 1);
    await h.sim.deliver(menu("没有这个功能", "ev_menu_unknown"));
    await h.sim.waitFor(() => h.sim.state.botMessagesTo(user).find((m) => m.text?.includes("菜单项暂时不可用")));
  });

  it("reassembles a fragmented event and handles duplicates once", async () => {
    const long = "很".repeat(3000);
    const before = handled;
    const first = await h.sim.userSays(user, `echo ${long}`, { chunks: 3 });
    const acks = [first, await h.sim.deliver(first.event), await h.sim.deliver(first.event, { chunks: 2 })];
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200]);
    await h.sim.waitFor(() => h.sim.state.botMessagesTo(user).find((m) => m.text === "echo:3000"));
    await new Promise((r) => setTimeout(r, 200));
    expect(handled).toBe(before + 1);
  });

  it("returns a card callback's toast in the ack", async () => {
    await h.bot.platform.chat.send({ user }, { card: { schema: "2.0", body: { elements: [] } } }, { key: "ws-card" });
    const m = await h.sim.waitFor(() => h.sim.state.botMessagesTo(user).find((x) => x.msgType === "interactive"));
    const r = await h.sim.clickCard(user, m.messageId, { action: "ping" });
    expect(r.answer).toEqual({ toast: { type: "info", content: "pong" } });
    expect(r.durationMs).toBeLessThan(3000);
  });

  it("answers a slow handler within the 3-second budget and updates the card when it finishes", async () => {
    await h.bot.platform.chat.send({ user }, { card: { schema: "2.0", body: { elements: [] } } }, { key: "ws-slow-card" });
    const m = await h.sim.waitFor(() => h.sim.state.botMessagesTo(user).filter((x) => x.msgType === "interactive").at(-1));
    const r = await h.sim.clickCard(user, m.messageId, { action: "slow" });
    expect(r.durationMs).toBeLessThan(3000);
    expect(r.answer.toast).toEqual({ type: "info", content: TOAST_SLOW });
    await h.sim.waitFor(() => JSON.stringify(h.sim.state.messages.get(m.messageId)!.card).includes("慢慢处理完了"), 8000);
  });

  it("reconnects after the connection drops and keeps receiving", async () => {
    const n = h.sim.ws.connects;
    h.sim.ws.drop();
    await h.sim.ws.waitForConnects(n + 1, 15_000);
    const d = await h.sim.userSays(user, "echo again");
    expect(d.status).toBe(200);
    await h.sim.waitFor(() => h.sim.state.botMessagesTo(user).find((m) => m.text === "echo:5"));
  });
});
