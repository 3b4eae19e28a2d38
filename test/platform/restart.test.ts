import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotModule } from "../../src/core/bot.js";
import { messageEvent } from "../../src/sim/index.js";
import { startHarness, type Harness } from "./harness.js";

let runs = 0;
const counter: BotModule = { name: "counter", commands: [{ name: "计数", summary: "计数", run: async (ctx) => void (runs++, await ctx.reply(`第 ${runs} 次`)) }] };

describe("events across a restart", () => {
  let h: Harness;
  const user = "ou_restart_01";
  beforeAll(async () => {
    h = await startHarness({ transport: "webhook", modules: [counter] });
    h.sim.addUser({ openId: user, name: "李老师" });
  });
  afterAll(() => h?.stop());

  it("drops a re-push of an event handled before the restart", async () => {
    const first = await h.sim.userSays(user, "计数", { eventId: "ev-before-restart" });
    await h.sim.waitFor(() => h.sim.state.botMessagesTo(user).find((m) => m.text === "第 1 次"));
    await h.restart();
    const again = await h.sim.deliver(first.event);
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toBe(1);
  });

  it("processes after the restart an event acknowledged but never processed before a crash", async () => {
    // What a crash between the acknowledgement and the handler leaves: an inbox row, status
    // received, whose lease ran out.
    const chat = h.sim.state.p2pChatOf(user);
    const messageId = "om_crashed_000001";
    h.sim.state.messages.set(messageId, { messageId, chatId: chat.chatId, sender: user, msgType: "text", content: "{\"text\":\"计数\"}", text: "计数", createTime: Date.now(), updateTime: Date.now(), urgent: [], updates: 0 });
    const ev = messageEvent({ ...h.sim.envelopeOpts(), eventId: "ev-crashed", sender: { openId: user }, chatId: chat.chatId, chatType: "p2p", text: "计数", messageId });
    await h.bot.db.prisma.inboxEvent.create({ data: { eventId: "ev-crashed", eventType: ev.header.event_type, payload: JSON.stringify(ev), status: "received", attempts: 1, claimedUntil: new Date(Date.now() - 1000) } });
    await h.restart();
    const reply = await h.sim.waitFor(() => h.sim.state.messagesIn(chat.chatId).find((m) => m.parentId === messageId));
    expect(reply.text).toBe("第 2 次");
    const row = await h.bot.db.prisma.inboxEvent.findUniqueOrThrow({ where: { eventId: "ev-crashed" } });
    expect(row.status).toBe("processed");
    // And Lark's own re-push of it is now dropped.
    await h.sim.deliver(ev);
    await new Promise((r) => setTimeout(r, 200));
    expect(runs).toBe(2);
  });
});
