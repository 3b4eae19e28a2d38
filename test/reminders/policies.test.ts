/**
 * The sweep's policies against a real database: per-person daily cap, urgent (加急) budget for
 * critical escalations, quiet hours; and the api other domains call (validation, idempotency).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isUserError } from "../../src/core/errors.js";
import { closeTrackedItem, markCompleted, upsertTrackedItem } from "../../src/domains/reminders/api.js";
import { sweep } from "../../src/domains/reminders/flows.js";
import { freshDb, type TestDb } from "../support/db.js";
import { activate, at, deployed, harness, template, type Harness } from "./support.js";

const CAMPAIGN = "beiguan-2021-anti-bullying";
let t: TestDb;
let h: Harness;

beforeEach(async () => {
  t = await freshDb("sqlite");
  await activate(t.db, deployed(template("beiguan-2021")), at("2021-10-01", "08:00"));
  h = harness(t.db, at("2021-10-11", "08:00").toISOString());
});
afterEach(() => t.cleanup());

const tracked = (key: string, over: Record<string, unknown> = {}) =>
  upsertTrackedItem(t.db.prisma, {
    campaignId: CAMPAIGN,
    key,
    title: `事项 ${key}`,
    dueAt: at("2021-10-11", "12:00"),
    memberKeys: ["s1.principal"],
    unitKey: "s1",
    ladder: ["PT2H"],
    source: { type: "test", id: key },
    at: at("2021-10-08"),
    ...over,
  });

describe("daily cap", () => {
  it("a person gets at most the plan's `reminders.dailyCap` messages a day; the rest wait for the next day", async () => {
    const plan = deployed(template("beiguan-2021"));
    plan.reminders = { ...plan.reminders!, dailyCap: 2 };
    await activate(t.db, plan, at("2021-10-01", "08:00"));
    // three items due at different hours of the same day, each nudging school 1's principal
    await tracked("a", { dueAt: at("2021-10-11", "12:00") });
    await tracked("b", { dueAt: at("2021-10-11", "15:00") });
    await tracked("c", { dueAt: at("2021-10-11", "18:00") });
    const counts: number[] = [];
    for (const time of ["10:00", "13:00", "16:00", "19:00"]) {
      h.clock.set(at("2021-10-11", time));
      counts.push((await sweep(h.deps)).messages);
    }
    expect(counts).toEqual([1, 1, 0, 0]);
    const sentOn11 = await t.db.prisma.outboxMessage.count({ where: { receiveId: "ou_s1_principal" } });
    expect(sentOn11).toBe(2);
    // next morning the held items go out, in one digest, marked late
    h.clock.set(at("2021-10-12", "09:00"));
    const r = await sweep(h.deps);
    expect(r.messages).toBe(1);
    const rows = await t.db.prisma.reminder.findMany({ where: { localDate: "2021-10-12", status: "sent" }, orderBy: { itemKey: "asc" } });
    expect(rows.map((x) => `${x.itemKey} ${x.step}${x.late ? " late" : ""}`)).toEqual([
      "a overdue:2021-10-12",
      "b overdue:2021-10-12",
      "c overdue:2021-10-12",
    ]);
  });
});

describe("urgent budget", () => {
  it("critical escalations are buzzed (加急) until the day's budget is spent, and are exempt from the cap", async () => {
    for (const k of ["x", "y", "z"]) await tracked(k, { critical: true, escalateTo: ["leader"], escalateAfter: "PT1H", dueAt: at("2021-10-11", "10:00") });
    h.clock.set(at("2021-10-11", "11:05"));
    // the leader already had their cap of messages today: escalations still go
    const r = await sweep(h.deps, { urgentBudget: 1, dailyCap: 0 });
    expect(r.urgent).toBe(1);
    const urgent = await t.db.prisma.outboxMessage.findMany({ where: { op: "urgent" } });
    expect(urgent).toHaveLength(1);
    expect(JSON.parse(urgent[0].content)).toMatchObject({ op: "urgent", kind: "app", openIds: ["ou_lg_songline"] });
    // one digest to the leader carries the three escalations
    const toLeader = await t.db.prisma.outboxMessage.findMany({ where: { op: "send", receiveId: "ou_lg_songline" } });
    expect(toLeader).toHaveLength(1);
    expect(toLeader[0].critical).toBe(true);
    // non-critical nudges were held by the cap of 0
    expect(await t.db.prisma.outboxMessage.count({ where: { receiveId: "ou_s1_principal" } })).toBe(0);
  });
});

describe("quiet hours", () => {
  it("sends nothing between 21:00 and 07:30, then what fell due goes out at 07:30", async () => {
    await tracked("n", { dueAt: at("2021-10-11", "23:00"), ladder: ["PT1H"] });
    h.clock.set(at("2021-10-11", "22:00"));
    expect((await sweep(h.deps)).messages).toBe(0);
    h.clock.set(at("2021-10-12", "07:29"));
    expect((await sweep(h.deps)).messages).toBe(0);
    h.clock.set(at("2021-10-12", "07:30"));
    const r = await sweep(h.deps);
    expect(r).toMatchObject({ messages: 1, late: 0 });
    const rows = await t.db.prisma.reminder.findMany({ orderBy: { step: "asc" } });
    // the 22:00 "one hour before" step would only be allowed after the deadline: dropped; the
    // overdue nudge goes out when the quiet hours end
    expect(rows.map((x) => `${x.step} ${x.status}`)).toEqual(["overdue:2021-10-12 sent"]);
  });
});

describe("api", () => {
  it("refuses bad input naming the field, writing nothing", async () => {
    const bad = [
      () => markCompleted(t.db.prisma, { campaignId: CAMPAIGN, itemKey: "", periodKey: "2021-10", at: new Date() }),
      () => markCompleted(t.db.prisma, { campaignId: CAMPAIGN, itemKey: "x", at: "yesterday" }),
      () => upsertTrackedItem(t.db.prisma, { campaignId: CAMPAIGN, key: "k", title: "t", dueAt: "2021-13-01", memberKeys: ["a"], source: { type: "x", id: "y" } }),
      () => upsertTrackedItem(t.db.prisma, { campaignId: CAMPAIGN, key: "k", title: "t", dueAt: "2021-10-01", source: { type: "x", id: "y" } }),
      () => upsertTrackedItem(t.db.prisma, { campaignId: CAMPAIGN, key: "k", title: "t", dueAt: "2021-10-01", memberKeys: ["a"], escalateAfter: "1 day", source: { type: "x", id: "y" } }),
    ];
    const fields: (string | undefined)[] = [];
    for (const f of bad) {
      const e = await f().catch((x: unknown) => x);
      expect(isUserError(e)).toBe(true);
      fields.push((e as { field?: string }).field);
    }
    expect(fields).toEqual(["itemKey", "at", "dueAt", "assigneeOpenIds", "escalateAfter"]);
    expect(await t.db.prisma.trackedItem.count()).toBe(0);
    expect(await t.db.prisma.itemCompletion.count()).toBe(0);
  });

  it("is idempotent, and closing an item stops its reminders", async () => {
    await tracked("k", { dueAt: "2021-10-15" });
    await tracked("k", { dueAt: "2021-10-15", title: "改过的标题" });
    expect(await t.db.prisma.trackedItem.count()).toBe(1);
    const first = { campaignId: CAMPAIGN, itemKey: "final-report", periodKey: "2021-12", unitKey: "s1", at: at("2021-12-20") };
    await markCompleted(t.db.prisma, first);
    await markCompleted(t.db.prisma, { ...first, at: at("2021-12-21"), late: true });
    const done = await t.db.prisma.itemCompletion.findMany({});
    expect(done.map((d) => [d.subject, d.late, d.at.toISOString()])).toEqual([["unit:s1", false, at("2021-12-20").toISOString()]]);
    await closeTrackedItem(t.db.prisma, "k", at("2021-10-11", "08:30"));
    await closeTrackedItem(t.db.prisma, "k", at("2021-10-11", "09:30"));
    expect((await t.db.prisma.trackedItem.findUnique({ where: { key: "k" } }))!.closedAt).toEqual(at("2021-10-11", "08:30"));
    h.clock.set(at("2021-10-15", "09:00"));
    expect((await sweep(h.deps)).messages).toBe(0);
  });
});
