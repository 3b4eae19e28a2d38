/**
 * The reminder card's buttons through the router (inbox → membership → handler → answer), on
 * SQLite and PostgreSQL: the click path is raw SQL (one statement per step, see bench section 1),
 * so both providers' SQL is exercised here, with a repeated delivery and a stranger's click.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";
import { EventProcessor } from "../../src/core/router.js";
import { Inbox } from "../../src/core/inbox.js";
import type { EventEnvelope } from "../../src/core/events.js";
import { remindersModule } from "../../src/domains/reminders/index.js";
import { markCompleted } from "../../src/domains/reminders/api.js";
import { validateCard } from "../../src/sim/rules/card.js";
import { activate, at, deployed, harness, oid, template, type Harness } from "./support.js";
import { sweep } from "../../src/domains/reminders/flows.js";

type Answer = { toast?: { type: string; content: string }; card?: { type: string; data: unknown } };

let n = 0;
function clickEvent(openId: string, action: string, id: string, eventId = `ev-click-${++n}`): EventEnvelope {
  return {
    schema: "2.0",
    header: { event_id: eventId, event_type: "card.action.trigger", create_time: "0", token: "t", app_id: "cli_x", tenant_key: "tk" },
    event: { operator: { open_id: openId }, action: { value: { action, id }, tag: "button" }, context: { open_message_id: "om_1", open_chat_id: "oc_1" } },
  } as EventEnvelope;
}

const statusLines = (a: Answer) => (JSON.stringify(a.card?.data ?? {}).match(/(✅ 已知悉|✅ 已完成|⏰ 已推迟)[^"\\]*/g) ?? []).sort();

describe.each(dbProviders())("reminder buttons through the router (%s)", (provider) => {
  let t: TestDb;
  let h: Harness;
  let events: EventProcessor;
  let inbox: Inbox;
  const planId = "luozhuang-2018-implementation-year";
  const row = (recipient: string, itemKey = "monthly-report") => t.db.prisma.reminder.findFirstOrThrow({ where: { itemKey, periodKey: "2018-10", recipient, status: "sent" } });

  beforeAll(async () => {
    t = await freshDb(provider);
    const plan = deployed(template("luozhuang-2018"), { schools: ["s1", "s2"], bureauUnit: "safety-section", safetyAdmin: true });
    await activate(t.db, plan, at("2018-10-22", "08:00"));
    h = harness(t.db, at("2018-10-22", "09:05").toISOString());
    await sweep(h.deps);
    inbox = new Inbox(t.db, h.clock);
    events = new EventProcessor({ deps: h.deps, modules: [remindersModule], inbox });
  }, 120_000);
  afterAll(() => t?.cleanup());

  it("已知悉 answers with the card marked, once however often Lark delivers it", async () => {
    const r = await row("member:s2.principal");
    const ev = clickEvent(oid("s2.principal"), "reminder_ack", r.id);
    const first = (await events.ingest(ev)) as Answer;
    expect(first.toast).toEqual({ type: "success", content: "已知悉：“自查表（附件2）与月报表（附件3）”截止前不再提醒你" });
    expect(validateCard(first.card!.data as Record<string, unknown>)).toMatchObject({ ok: true });
    expect(statusLines(first)).toEqual(["✅ 已知悉：截止前不再提醒"]);
    expect(await events.ingest(ev)).toEqual({});
    await events.drain();
    const stored = await t.db.prisma.inboxEvent.findUniqueOrThrow({ where: { eventId: ev.header.event_id } });
    expect({ status: stored.status, attempts: stored.attempts, claimedUntil: stored.claimedUntil }).toEqual({ status: "processed", attempts: 1, claimedUntil: null });
    const acks = await t.db.prisma.reminderAck.findMany({ where: { campaignId: planId } });
    expect(acks.map((a) => `${a.memberKey} ${a.kind} ${a.at.toISOString()}`)).toEqual([`member:s2.principal ack ${h.clock.now().toISOString()}`]);
  });

  it("a second 已知悉 (a new event) changes the time, not the number of rows", async () => {
    events = new EventProcessor({ deps: h.deps, modules: [remindersModule], inbox });
    h.clock.set(at("2018-10-22", "10:00"));
    const r = await row("member:s2.principal");
    const again = (await events.ingest(clickEvent(oid("s2.principal"), "reminder_ack", r.id))) as Answer;
    expect(statusLines(again)).toEqual(["✅ 已知悉：截止前不再提醒"]);
    const acks = await t.db.prisma.reminderAck.findMany({ where: { campaignId: planId } });
    expect(acks.map((a) => a.at.toISOString())).toEqual([at("2018-10-22", "10:00").toISOString()]);
  });

  it("明天再提醒 stores the next working day's reminder time and shows it", async () => {
    const r = await row("member:s1.admin");
    const a = (await events.ingest(clickEvent(oid("s1.admin"), "reminder_snooze", r.id))) as Answer;
    expect(a.toast).toEqual({ type: "success", content: "好的，10月23日 09:00 再提醒你" });
    expect(statusLines(a)).toEqual(["⏰ 已推迟：明天再提醒"]);
    const s = await t.db.prisma.reminderAck.findFirstOrThrow({ where: { memberKey: "member:s1.admin", kind: "snooze" } });
    expect(s.until?.toISOString()).toBe(at("2018-10-23", "09:00").toISOString());
  });

  it("a completion recorded elsewhere shows as 已完成 on the next click's card", async () => {
    await markCompleted(t.db.prisma, { campaignId: planId, itemKey: "monthly-report", periodKey: "2018-10", unitKey: "s1", at: h.clock.now() });
    const r = await row("member:s1.principal");
    const a = (await events.ingest(clickEvent(oid("s1.principal"), "reminder_ack", r.id))) as Answer;
    expect(statusLines(a)).toEqual(["✅ 已完成：不再提醒"]);
  });

  it("clicks that arrive together share one write: the same person's double click is one row, a colleague's is another", async () => {
    const mine = await row("member:s2.admin");
    const theirs = await row("member:s1.admin");
    const answers = (await Promise.all([
      events.ingest(clickEvent(oid("s2.admin"), "reminder_ack", mine.id)),
      events.ingest(clickEvent(oid("s2.admin"), "reminder_ack", mine.id)),
      events.ingest(clickEvent(oid("s1.admin"), "reminder_ack", theirs.id)),
    ])) as Answer[];
    expect(answers.map((a) => a.toast?.type)).toEqual(["success", "success", "success"]);
    expect(answers.map(statusLines)).toEqual([["✅ 已知悉：截止前不再提醒"], ["✅ 已知悉：截止前不再提醒"], ["✅ 已完成：不再提醒"]]); // school s1 completed it above
    const acks = await t.db.prisma.reminderAck.findMany({ where: { memberKey: { in: ["member:s2.admin", "member:s1.admin"] } }, orderBy: [{ memberKey: "asc" }, { kind: "asc" }] });
    expect(acks.map((a) => `${a.memberKey} ${a.kind}`)).toEqual(["member:s1.admin ack", "member:s1.admin snooze", "member:s2.admin ack"]);
  });

  it("refuses a stranger, an unknown person and an unknown reminder, writing no acknowledgement", async () => {
    const before = await t.db.prisma.reminderAck.count();
    const r = await row("member:s2.admin");
    expect(await events.ingest(clickEvent(oid("s1.principal"), "reminder_ack", r.id))).toEqual({ toast: { type: "error", content: "这张提醒卡片不是发给你的，不能代为操作" } });
    expect(((await events.ingest(clickEvent("ou_nobody", "reminder_ack", r.id))) as Answer).toast?.type).toBe("warning");
    expect(await events.ingest(clickEvent(oid("s2.admin"), "reminder_ack", "no-such-id"))).toEqual({ toast: { type: "error", content: "找不到这条提醒，可能已过期" } });
    expect(await t.db.prisma.reminderAck.count()).toBe(before);
  });
});
