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

  /**
   * true when this is the first delivery (the caller now owns processing it). One statement:
   * `ON CONFLICT DO NOTHING` says "repeat" by its row count instead of a thrown P2002, and as
   * raw SQL it skips Prisma's per-call query compilation — this runs for every event and
   * every card click (bench section 1).
   */
  async record(env: EventEnvelope): Promise<boolean> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.leaseMs);
    const n = await this.db.prisma.$executeRaw`INSERT INTO "InboxEvent" ("eventId", "eventType", "payload", "status", "attempts", "receivedAt", "claimedUntil")
      VALUES (${env.header.event_id}, ${env.header.event_type}, ${JSON.stringify(env)}, 'received', 1, ${now}, ${lease})
      ON CONFLICT ("eventId") DO NOTHING`;
    return n === 1;
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
