import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, PG_SKIP_MESSAGE, type TestDb } from "../../test/support/db.js";
import { createDatabase, type Database } from "./db/client.js";
import { SharedAppBudget } from "./shared-budget.js";

const PG = !!process.env.TEST_DATABASE_URL;

describe.skipIf(!PG)(`SharedAppBudget on PostgreSQL${PG ? "" : ` — ${PG_SKIP_MESSAGE}`}`, () => {
  let tdb: TestDb;
  let other: Database;

  beforeAll(async () => {
    tdb = await freshDb("postgresql");
    other = createDatabase(tdb.url);
  });
  afterAll(async () => {
    await other?.close();
    await tdb?.cleanup();
  });

  it("never lets two instances together hold more than the budget's slots at once", async () => {
    const a = new SharedAppBudget(tdb.db, { perApp: 4, windowMs: 20, bucket: "overlap" });
    const b = new SharedAppBudget(other, { perApp: 4, windowMs: 20, bucket: "overlap" });
    const held = new Set<number>();
    let maxHeld = 0;
    const slotsHeld = async () => (await tdb.db.prisma.rateSlot.findMany({ where: { bucket: "overlap", holder: { not: null } } })).length;
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const budget = i % 2 ? a : b;
        const s = await budget.take();
        held.add(i);
        maxHeld = Math.max(maxHeld, held.size);
        await new Promise((r) => setTimeout(r, 3));
        held.delete(i);
        await s.release();
      }),
    );
    expect(maxHeld).toBeLessThanOrEqual(4);
    expect(await slotsHeld()).toBe(0);
  });

  it("takes back the slot of an instance that died after its lease", async () => {
    const dead = new SharedAppBudget(tdb.db, { perApp: 2, windowMs: 10, holdMs: 300, bucket: "lease" });
    await dead.take();
    await dead.take(); // never released: the instance "died"
    const alive = new SharedAppBudget(other, { perApp: 2, windowMs: 10, bucket: "lease" });
    const s = await alive.take(); // resolves once a lease ran out
    const rows = await tdb.db.prisma.rateSlot.findMany({ where: { bucket: "lease" }, orderBy: { slot: "asc" } });
    expect(rows.filter((r) => r.holder !== null)).toHaveLength(2);
    await s.release();
    const after = await tdb.db.prisma.rateSlot.findMany({ where: { bucket: "lease", holder: null } });
    expect(after).toHaveLength(1);
  });

  it("a late release by the lease's former holder does not free the slot its new holder has", async () => {
    const first = new SharedAppBudget(tdb.db, { perApp: 1, windowMs: 10, holdMs: 200, bucket: "stale" });
    const late = await first.take();
    const second = new SharedAppBudget(other, { perApp: 1, windowMs: 10, holdMs: 60_000, bucket: "stale" });
    const now = await second.take(); // after the first lease ran out
    await late.release(); // the first instance wakes up and releases what is no longer its slot
    const [row] = await tdb.db.prisma.rateSlot.findMany({ where: { bucket: "stale" } });
    expect(row!.holder).not.toBeNull();
    expect(row!.freeAt.getTime()).toBeGreaterThan(Date.now() + 30_000); // still the second holder's lease
    await now.release();
    const [freed] = await tdb.db.prisma.rateSlot.findMany({ where: { bucket: "stale" } });
    expect(freed!.holder).toBeNull();
  });
});

if (!PG)
  describe("SharedAppBudget", () => {
    it.skip(`skipped — ${PG_SKIP_MESSAGE}`, () => undefined);
  });
