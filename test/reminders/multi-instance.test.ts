/**
 * Two instances of the bot on one PostgreSQL database, each with its own scheduler, ticking at
 * the same simulated minutes for a month: the advisory lock makes one of them the leader, and
 * the Reminder unique key keeps even a split brain (both sweeping at once) from sending twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/calendar.js";
import { createDatabase, type Database } from "../../src/core/db/client.js";
import { createLogger } from "../../src/core/logger.js";
import { Scheduler } from "../../src/core/scheduler.js";
import { sweep } from "../../src/domains/reminders/flows.js";
import { reminderSweepJob } from "../../src/domains/reminders/jobs.js";
import { freshDb, PG_SKIP_MESSAGE, type TestDb } from "../support/db.js";
import { activate, at, deployed, harness, template, type Harness } from "./support.js";

const PG = !!process.env.TEST_DATABASE_URL;
const DAYS = Array.from({ length: 31 }, (_, i) => addDays("2021-12-01", i));
const TIMES = ["09:00", "09:01", "14:00"];

async function delivered(db: Database): Promise<string[]> {
  const rows = await db.prisma.reminder.findMany({ where: { status: "sent" } });
  return rows.map((r) => `${r.itemKey}|${r.periodKey}|${r.recipient}|${r.step}`).sort();
}

async function oneMessagePerPersonPerDay(db: Database): Promise<void> {
  const rows = await db.prisma.reminder.findMany({ where: { status: "sent" }, select: { messageKey: true, localDate: true } });
  const msgs = await db.prisma.outboxMessage.findMany({ where: { op: "send" } });
  expect(msgs.length).toBe(new Set(rows.map((r) => r.messageKey)).size);
  const perDay = new Map<string, number>();
  for (const m of msgs) {
    const day = rows.find((r) => r.messageKey === m.idempotencyKey)!.localDate;
    perDay.set(`${m.receiveId}|${day}`, (perDay.get(`${m.receiveId}|${day}`) ?? 0) + 1);
  }
  expect(Math.max(...perDay.values())).toBe(1);
}

describe("reference: one instance on SQLite, December 2021", () => {
  it("is the set both PostgreSQL runs must reproduce", async () => {
    const t = await freshDb("sqlite");
    try {
      await activate(t.db, deployed(template("beiguan-2021")), at("2021-12-01", "08:00"));
      const h = harness(t.db, at("2021-12-01", "08:00").toISOString());
      for (const d of DAYS) for (const time of TIMES) {
        h.clock.set(at(d, time));
        await sweep(h.deps);
      }
      reference = await delivered(t.db);
      expect(reference.length).toBeGreaterThan(50);
    } finally {
      await t.cleanup();
    }
  }, 120_000);
});

let reference: string[] = [];

describe.skipIf(!PG)(`two instances on PostgreSQL for a simulated month${PG ? "" : ` — ${PG_SKIP_MESSAGE}`}`, () => {
  let t: TestDb;
  let db2: Database;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    t = await freshDb("postgresql");
    db2 = createDatabase(t.url);
    await activate(t.db, deployed(template("beiguan-2021")), at("2021-12-01", "08:00"));
  }, 60_000);
  afterAll(async () => {
    await db2?.close();
    await t?.cleanup();
  });

  it("one leader through the advisory lock, no duplicate, same set as one instance", async () => {
    a = harness(t.db, at("2021-12-01", "08:00").toISOString());
    b = harness(db2, at("2021-12-01", "08:00").toISOString());
    const log = createLogger("silent");
    const sa = new Scheduler(t.db, [reminderSweepJob(a.deps)], log);
    const sb = new Scheduler(db2, [reminderSweepJob(b.deps)], log);
    let ranA = 0;
    let ranB = 0;
    try {
      for (const d of DAYS.slice(0, 16)) for (const time of TIMES) {
        a.clock.set(at(d, time));
        b.clock.set(at(d, time));
        const [ra, rb] = await Promise.all([sa.tick(), sb.tick()]);
        ranA += ra.ran ? 1 : 0;
        ranB += rb.ran ? 1 : 0;
        expect(ra.leader && rb.leader).toBe(false);
      }
      // exactly one instance did the work
      expect([ranA, ranB].sort()).toEqual([0, 16 * TIMES.length]);
      // the leader dies: the other takes over at its next tick
      const [leader, other] = ranA ? [sa, sb] : [sb, sa];
      await leader.stop();
      for (const d of DAYS.slice(16)) for (const time of TIMES) {
        a.clock.set(at(d, time));
        b.clock.set(at(d, time));
        const r = await other.tick();
        expect(r.ran).toBe(true);
      }
    } finally {
      await sa.stop();
      await sb.stop();
    }
    expect(await delivered(t.db)).toEqual(reference);
    await oneMessagePerPersonPerDay(t.db);
  }, 300_000);

  it("split brain (both sweep at once, no lock): the unique key still sends each reminder once", async () => {
    // a fresh month on the same data: clear what the first test sent
    await t.db.prisma.reminder.deleteMany({});
    await t.db.prisma.outboxMessage.deleteMany({});
    let queued = 0;
    for (const d of DAYS) for (const time of TIMES) {
      a.clock.set(at(d, time));
      b.clock.set(at(d, time));
      const [ra, rb] = await Promise.all([sweep(a.deps), sweep(b.deps)]);
      queued += ra.messages + rb.messages;
    }
    expect(await delivered(t.db)).toEqual(reference);
    await oneMessagePerPersonPerDay(t.db);
    // every digest was queued by exactly one of the two (the loser of a race rolled back)
    expect(queued).toBe(await t.db.prisma.outboxMessage.count({ where: { op: "send" } }));
  }, 300_000);
});
