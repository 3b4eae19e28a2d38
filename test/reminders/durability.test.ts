/**
 * Never twice, never lost: a process killed in the middle of a sweep, then restarted, delivers
 * the same set as an uninterrupted run; after downtime the missed reminders go out once, marked
 * late, and steps a later one superseded are skipped.
 */
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "../support/db.js";
import { markCompleted } from "../../src/domains/reminders/api.js";
import { sweep } from "../../src/domains/reminders/flows.js";
import { activate, at, deployed, harness, template, walk } from "./support.js";

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const t of dbs) await t.cleanup();
});

async function beiguan(): Promise<TestDb> {
  const t = await freshDb("sqlite");
  dbs.push(t);
  await activate(t.db, deployed(template("beiguan-2021")), at("2021-09-14", "08:00"));
  return t;
}

async function delivered(t: TestDb): Promise<string[]> {
  const rows = await t.db.prisma.reminder.findMany({ where: { status: "sent" } });
  return rows.map((r) => `${r.itemKey}|${r.periodKey}|${r.recipient}|${r.step}`).sort();
}

describe("killed during a sweep", () => {
  it("delivers the same set after a restart, none twice", async () => {
    const now = at("2021-09-14", "09:00");
    // Reference: one uninterrupted sweep (the phase-start announcement to 14 members and the bulletin chat).
    const ref = await beiguan();
    await sweep(harness(ref.db, now.toISOString()).deps);
    const expected = await delivered(ref);
    expect(expected).toHaveLength(15);

    const t = await beiguan();
    const child = spawnSync(process.execPath, ["--import", "tsx", "test/reminders/crash-child.ts", t.url, now.toISOString(), "6"], { encoding: "utf8", timeout: 60_000 });
    expect(child.signal).toBe("SIGKILL");
    // five digests committed before the kill; the sixth rolled back with its outbox row
    const before = await delivered(t);
    expect(before).toHaveLength(5);
    expect(await t.db.prisma.outboxMessage.count()).toBe(5);

    // restart: the next tick (one minute later) sends the rest, on time (within the grace period)
    const h = harness(t.db, new Date(now.getTime() + 60_000).toISOString());
    const r = await sweep(h.deps);
    expect(r).toMatchObject({ messages: 10, reminders: 10, late: 0, duplicates: 0 });
    expect(await delivered(t)).toEqual(expected);
    const outbox = await t.db.prisma.outboxMessage.findMany({});
    expect(outbox).toHaveLength(15);
    expect(new Set(outbox.map((o) => o.receiveId)).size).toBe(15);
    // and a further tick sends nothing
    h.clock.advance(60_000);
    expect((await sweep(h.deps)).messages).toBe(0);
  }, 120_000);

  it("a crash at any digest of a busy sweep, then restarts, still ends with the reference set", async () => {
    // 2021-12-27 09:00: overdue nudges, escalation, all at once; crash at each position in turn.
    const runUntil = async (crashAt: number | null) => {
      const t = await beiguan();
      const h = harness(t.db, at("2021-12-26", "09:00").toISOString());
      await walk(h, "2021-12-17", "2021-12-26", { times: ["09:00"] });
      h.clock.set(at("2021-12-27", "09:00"));
      if (crashAt !== null) {
        let n = 0;
        await expect(
          sweep(h.deps, {
            beforeCommit: () => {
              if (++n === crashAt) throw new Error("simulated crash");
            },
          }),
        ).rejects.toThrow("simulated crash");
      }
      h.clock.set(at("2021-12-27", "09:01"));
      await sweep(h.deps);
      return t;
    };
    const ref = await runUntil(null);
    const expected = await delivered(ref);
    for (const crashAt of [1, 3, 6]) {
      const t = await runUntil(crashAt);
      expect(await delivered(t)).toEqual(expected);
      const keys = (await t.db.prisma.outboxMessage.findMany({})).map((m) => m.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
    }
  }, 180_000);
});

describe("after downtime", () => {
  it("sends the missed reminders once, marked late, and skips the superseded steps", async () => {
    const t = await beiguan();
    const h = harness(t.db, at("2021-12-17", "08:00").toISOString());
    await walk(h, "2021-12-17", "2021-12-21", { times: ["09:00"] });
    await markCompleted(t.db.prisma, { campaignId: "beiguan-2021-anti-bullying", itemKey: "final-report", periodKey: "2021-12", unitKey: "s1", at: at("2021-12-20") });
    // down from 12-22 to the morning of 12-27; back at 10:30
    h.clock.set(at("2021-12-27", "10:30"));
    const r = await sweep(h.deps);
    const rows = await t.db.prisma.reminder.findMany({ where: { localDate: "2021-12-27" }, orderBy: [{ recipient: "asc" }, { step: "asc" }] });
    const line = (x: (typeof rows)[number]) => `${x.recipient} ${x.step} ${x.status}${x.late ? " late" : ""}`;
    expect(rows.map(line)).toEqual([
      // the bureau's 12-27 escalation goes out, late
      "member:lg.lizhe.as.safetyOffice escalate:safetyOffice sent late",
      ...["s2.admin", "s2.principal", "s3.principal"].flatMap((m) => [
        // T-3 (12-22) and T-0 (12-24) were missed and are superseded by today's overdue nudge
        `member:${m} T-0 skipped`,
        `member:${m} T-3 skipped`,
        `member:${m} overdue:2021-12-27 sent late`,
      ]),
    ]);
    expect(r).toMatchObject({ messages: 4, late: 4, skipped: 6 });
    // once: the next sweeps add nothing for today
    h.clock.set(at("2021-12-27", "10:31"));
    expect(await sweep(h.deps)).toMatchObject({ messages: 0, skipped: 0 });
  }, 120_000);
});
