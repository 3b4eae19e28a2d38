import { randomBytes } from "node:crypto";
import type { Database } from "./db/client.js";
import type { AppBudget, BudgetSlot } from "./rate-limit.js";

/**
 * The app's call budget (Lark: 50 calls per second per app, however many instances send)
 * shared by every instance on one PostgreSQL database: `perApp` rows of `RateSlot`, and the
 * rule of {@link ../rate-limit.ts}: a call holds a slot from before it leaves until `windowMs`
 * after it answered. The stamps come from the database's clock (`clock_timestamp()`), so the
 * instances' clocks do not matter:
 *
 * - take: one statement picks the slots free longest (`freeAt <= now + aheadMs`, `FOR UPDATE SKIP
 *   LOCKED`, so two instances never get the same one) and marks them held until `now + holdMs` —
 *   a lease: the slot of an instance that died comes back by itself. A slot taken before its
 *   `freeAt` comes with the time left (on the database's clock, after the claim), which the call
 *   waits out before it leaves;
 * - release: `freeAt = now + windowMs − (how long ago the call answered)`, only by its holder.
 *
 * The claim is stamped before the call leaves and the release no earlier than its answer, so
 * no two calls on one slot arrive less than a window apart, and at most `perApp` arrive in any
 * window, from all instances together. Cost: about two small statements per call; callers of
 * one instance that wait at the same time share one statement (up to `perApp` slots at once),
 * and so do releases that come while one is being written. While every slot is cooling down,
 * the instance sleeps until the next one is free (or polls every `pollMs` while all of them are
 * held by calls in flight, whose answers free them at times nobody knows yet).
 */
export class SharedAppBudget implements AppBudget {
  private ready: Promise<void> | null = null;
  private readonly waiting: { resolve: (s: BudgetSlot) => void; reject: (e: unknown) => void }[] = [];
  private taking = false;
  private readonly releases: { slot: number; holder: string; holdMs: number; answeredAt: number; done: () => void; fail: (e: unknown) => void }[] = [];
  private releasing = false;
  private seq = 0;
  private readonly instance = randomBytes(4).toString("hex");
  private readonly perApp: number;
  private readonly windowMs: number;
  private readonly holdMs: number;
  private readonly bucket: string;
  private readonly pollMs: number;
  private readonly aheadMs: number;

  constructor(
    private readonly db: Database,
    o: { perApp?: number; windowMs?: number; holdMs?: number; bucket?: string; pollMs?: number; aheadMs?: number } = {},
  ) {
    if (db.provider !== "postgresql") throw new Error("SharedAppBudget needs PostgreSQL (SQLite runs one instance: use LocalAppBudget)");
    this.perApp = o.perApp ?? 50;
    // timestamp(3) keeps milliseconds: 2 ms more than the window make up for the rounding.
    this.windowMs = (o.windowMs ?? 1000) + 2;
    this.holdMs = o.holdMs ?? 15_000;
    this.bucket = o.bucket ?? "lark-app";
    this.pollMs = o.pollMs ?? 10;
    this.aheadMs = o.aheadMs ?? 30;
  }

  take(): Promise<BudgetSlot> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      void this.takeLoop();
    });
  }

  /** One loop per instance claims for everyone waiting, in order. */
  private async takeLoop(): Promise<void> {
    if (this.taking) return;
    this.taking = true;
    try {
      await (this.ready ??= this.seed().catch((e: unknown) => {
        this.ready = null;
        throw e;
      }));
      while (this.waiting.length) {
        const holder = `${this.instance}-${++this.seq}`;
        // Slots that come free within `aheadMs` are claimed already, and the call waits out the
        // rest here (`delay_ms`, measured on the database's clock after the claim): the slot's
        // turn does not also wait for a timer to fire and a statement to come back.
        const rows = await this.db.prisma.$queryRawUnsafe<{ slot: number | null; delay_ms: number | null; wait_ms: number | null }[]>(
          `WITH pick AS (
             SELECT "slot", "freeAt" FROM "RateSlot"
             WHERE "bucket" = $1::text AND "slot" < $2::int AND "freeAt" <= (clock_timestamp() AT TIME ZONE 'UTC') + $6::float8 * interval '1 millisecond'
             ORDER BY "freeAt" LIMIT $5::int FOR UPDATE SKIP LOCKED
           ), took AS (
             UPDATE "RateSlot" r SET "freeAt" = (clock_timestamp() AT TIME ZONE 'UTC') + $3::float8 * interval '1 millisecond', "holder" = $4::text || ':' || r."slot"
             FROM pick WHERE r."bucket" = $1::text AND r."slot" = pick."slot"
             RETURNING r."slot", GREATEST(0, EXTRACT(EPOCH FROM (pick."freeAt" - (clock_timestamp() AT TIME ZONE 'UTC'))) * 1000)::float8 AS delay_ms
           )
           SELECT "slot", "delay_ms", NULL::float8 AS wait_ms FROM took
           UNION ALL
           SELECT NULL, NULL, (SELECT (EXTRACT(EPOCH FROM (min("freeAt") - (clock_timestamp() AT TIME ZONE 'UTC'))) * 1000)::float8 - $6::float8
                                 FROM "RateSlot" WHERE "bucket" = $1::text AND "slot" < $2::int AND "holder" IS NULL
                                   AND "freeAt" > (clock_timestamp() AT TIME ZONE 'UTC') + $6::float8 * interval '1 millisecond')`,
          this.bucket,
          this.perApp,
          this.holdMs,
          holder,
          Math.min(this.waiting.length, this.perApp),
          this.aheadMs,
        );
        const got = rows.filter((r) => r.slot !== null).sort((a, b) => Number(a.delay_ms) - Number(b.delay_ms));
        for (const r of got) {
          const slot = Number(r.slot);
          const w = this.waiting.shift();
          const h = `${holder}:${slot}`;
          const handle: BudgetSlot = { release: (holdMs = 0) => this.release(slot, h, holdMs) };
          const delay = Number(r.delay_ms ?? 0);
          if (!w) void handle.release(); // nobody waits any more (cannot happen: we asked for at most as many)
          else if (delay > 0) void sleepFor(delay).then(() => w.resolve(handle));
          else w.resolve(handle);
        }
        const slots = got;
        if (!this.waiting.length) break;
        const wait = rows.find((r) => r.slot === null)?.wait_ms;
        // Slots cooling down: sleep until the next is free. None (all held by calls in flight): poll.
        const ms = wait === null || wait === undefined ? this.pollMs : Math.min(Math.max(1, Math.ceil(Number(wait))), this.windowMs);
        if (!slots.length) await new Promise((r) => setTimeout(r, ms));
      }
    } catch (e) {
      for (const w of this.waiting.splice(0)) w.reject(e);
    } finally {
      this.taking = false;
    }
    if (this.waiting.length) void this.takeLoop();
  }

  private release(slot: number, holder: string, holdMs: number): Promise<void> {
    return new Promise((done, fail) => {
      this.releases.push({ slot, holder, holdMs, answeredAt: performance.now(), done, fail });
      void this.releaseLoop();
    });
  }

  private async releaseLoop(): Promise<void> {
    if (this.releasing) return;
    this.releasing = true;
    try {
      while (this.releases.length) {
        const batch = this.releases.splice(0);
        // The slot is free one window after the ANSWER: the database stamps `now` when the
        // statement runs, which is at least this long after the answer came.
        const sent = performance.now();
        const v = batch.map((r) => ({ slot: r.slot, holder: r.holder, ms: Math.max(this.windowMs, r.holdMs) - (sent - r.answeredAt) }));
        try {
          await this.db.prisma.$executeRawUnsafe(
            `UPDATE "RateSlot" r SET "freeAt" = (clock_timestamp() AT TIME ZONE 'UTC') + v.ms * interval '1 millisecond', "holder" = NULL
             FROM json_to_recordset($2::json) AS v("slot" int, "holder" text, "ms" float8)
             WHERE r."bucket" = $1::text AND r."slot" = v."slot" AND r."holder" = v."holder"`,
            this.bucket,
            JSON.stringify(v),
          );
          for (const r of batch) r.done();
        } catch (e) {
          // Not released: the slot comes back when its lease runs out.
          for (const r of batch) r.fail(e);
        }
      }
    } finally {
      this.releasing = false;
    }
  }

  /** The rows of the slots, once per process (any instance may be first). */
  private async seed(): Promise<void> {
    await this.db.prisma.$executeRawUnsafe(
      `INSERT INTO "RateSlot" ("bucket", "slot", "freeAt")
       SELECT $1::text, g, TIMESTAMP '2000-01-01' FROM generate_series(0, $2::int - 1) AS g
       ON CONFLICT DO NOTHING`,
      this.bucket,
      this.perApp,
    );
  }
}

/**
 * At least `ms` of real time from now. A timer alone can fire early by however stale the event
 * loop's cached clock was when it was set (a long callback before it): check and go on waiting.
 */
async function sleepFor(ms: number): Promise<void> {
  const until = performance.now() + ms;
  for (let left = ms; left > 0; left = until - performance.now()) await new Promise((r) => setTimeout(r, Math.ceil(left)));
}
