import type { Clock } from "./clock.js";
import { Prisma, type Database } from "./db/client.js";
import type { EventEnvelope } from "./events.js";

/**
 * The inbox: every event id is written before the event is processed. The primary key makes
 * a repeated delivery (Lark re-pushes after 15 s, 5 min, 1 h, 6 h; long-connection
 * instances; restarts) a no-op across processes. The row is written with a lease, so an
 * event whose process died mid-way is taken over after the lease by `recoverable()`.
 */
export class Inbox {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly leaseMs = 60_000,
  ) {}

  private queued: { env: EventEnvelope; resolve: (fresh: boolean) => void; reject: (e: unknown) => void }[] = [];
  private recording = false;

  /**
   * true when this is the first delivery (the caller now owns processing it).
   *
   * Events that arrive while a write is under way are recorded together by the next statement
   * (group commit): one `INSERT … ON CONFLICT DO NOTHING RETURNING` for all of them, so under
   * load an event costs a share of one statement instead of one each — this runs for every
   * message and every card click (bench section 1). Raw SQL also skips Prisma's per-call query
   * compilation. A repeat is told by its id missing from RETURNING, not by a thrown P2002.
   */
  record(env: EventEnvelope): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queued.push({ env, resolve, reject });
      if (!this.recording) {
        this.recording = true;
        setImmediate(() => void this.recordQueued());
      }
    });
  }

  private async recordQueued(): Promise<void> {
    while (this.queued.length) {
      const batch = this.queued.splice(0, 200);
      const now = this.clock.now();
      const lease = new Date(now.getTime() + this.leaseMs);
      // The same id twice in one batch: the first owns it, the rest are repeats.
      const first = new Map<string, (typeof batch)[number]>();
      for (const q of batch) if (!first.has(q.env.header.event_id)) first.set(q.env.header.event_id, q);
      const rows = [...first.values()].map(({ env }) => Prisma.sql`(${env.header.event_id}, ${env.header.event_type}, ${JSON.stringify(env)}, 'received', 1, ${now}, ${lease})`);
      try {
        const inserted = await this.db.prisma.$queryRaw<{ eventId: string }[]>`INSERT INTO "InboxEvent" ("eventId", "eventType", "payload", "status", "attempts", "receivedAt", "claimedUntil")
          VALUES ${Prisma.join(rows)}
          ON CONFLICT ("eventId") DO NOTHING RETURNING "eventId"`;
        const fresh = new Set(inserted.map((r) => r.eventId));
        for (const q of batch) {
          const id = q.env.header.event_id;
          q.resolve(fresh.has(id) && first.get(id) === q);
        }
      } catch (e) {
        for (const q of batch) q.reject(e);
      }
    }
    this.recording = false;
  }

  async done(eventId: string): Promise<void> {
    await this.db.prisma.$executeRaw`UPDATE "InboxEvent" SET "status" = 'processed', "processedAt" = ${this.clock.now()}, "claimedUntil" = NULL WHERE "eventId" = ${eventId}`;
  }

  private soon: string[] = [];
  private flushing: Promise<void> | null = null;

  /**
   * `done` for card clicks, whose answer must not wait for it: ids gathered while one update
   * runs are settled together by the next, so under load a click costs a share of one
   * statement. A crash before the update leaves the rows "received"; recovery re-runs them
   * after the lease, as for any event interrupted mid-way (the handlers are idempotent).
   */
  doneSoon(eventId: string): void {
    this.soon.push(eventId);
    if (!this.flushing) this.flushing = new Promise<void>((r) => setImmediate(r)).then(() => this.flushSoon());
  }

  /** Settle every `doneSoon` id (called when draining before a stop). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushSoon(): Promise<void> {
    while (this.soon.length) {
      const ids = this.soon.splice(0, 500);
      try {
        await this.db.prisma.$executeRaw`UPDATE "InboxEvent" SET "status" = 'processed', "processedAt" = ${this.clock.now()}, "claimedUntil" = NULL WHERE "eventId" IN (${Prisma.join(ids)})`;
      } catch {
        // Left "received": recovery takes them over when their lease runs out.
      }
    }
    this.flushing = null;
  }

  /** A failed attempt: retried by recovery until `maxAttempts`, then left as failed. */
  async failed(eventId: string, error: string, maxAttempts = 5): Promise<void> {
    const row = await this.db.prisma.inboxEvent.findUnique({ where: { eventId }, select: { attempts: true } });
    const give = (row?.attempts ?? 0) >= maxAttempts;
    await this.db.prisma.inboxEvent.update({
      where: { eventId },
      data: { status: give ? "failed" : "received", lastError: error.slice(0, 500), claimedUntil: give ? null : new Date(this.clock.now().getTime() + this.leaseMs) },
    });
  }

  /**
   * Events received but never finished whose lease ran out, each claimed for this caller
   * with a conditional update (two instances never take the same one).
   */
  async recoverable(limit = 50): Promise<EventEnvelope[]> {
    const now = this.clock.now();
    const free = { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
    const rows = await this.db.prisma.inboxEvent.findMany({ where: { status: "received", ...free }, orderBy: { receivedAt: "asc" }, take: limit });
    const out: EventEnvelope[] = [];
    for (const r of rows) {
      const c = await this.db.prisma.inboxEvent.updateMany({
        where: { eventId: r.eventId, status: "received", ...free },
        data: { claimedUntil: new Date(now.getTime() + this.leaseMs), attempts: { increment: 1 } },
      });
      if (c.count === 1) out.push(JSON.parse(r.payload) as EventEnvelope);
    }
    return out;
  }
}
