import type { Clock } from "./clock.js";
import { Prisma, type Database } from "./db/client.js";
import { Batcher } from "./db/batcher.js";
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
   * true when this is the first delivery (the caller now owns processing it).
   *
   * Group commit: one `INSERT … ON CONFLICT DO NOTHING RETURNING` for the events that arrive
   * together (this runs for every message and every card click); a repeat is told by its id
   * missing from RETURNING, not by a thrown P2002. Raw SQL: Prisma still compiles it per call, but far more cheaply than a model-API query.
   */
  record(env: EventEnvelope): Promise<boolean> {
    return this.recorder.add(env);
  }

  private readonly recorder = new Batcher<EventEnvelope, boolean>(async (envs) => {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.leaseMs);
    // The same id twice in one batch: the first owns it, the rest are repeats.
    const first = new Map<string, number>();
    envs.forEach((env, i) => first.has(env.header.event_id) || first.set(env.header.event_id, i));
    const rows = [...first.values()].map((i) => {
      const env = envs[i]!;
      return Prisma.sql`(${env.header.event_id}, ${env.header.event_type}, ${JSON.stringify(env)}, 'received', 1, ${now}, ${lease})`;
    });
    const inserted = await this.db.prisma.$queryRaw<{ eventId: string }[]>`INSERT INTO "InboxEvent" ("eventId", "eventType", "payload", "status", "attempts", "receivedAt", "claimedUntil")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("eventId") DO NOTHING RETURNING "eventId"`;
    const fresh = new Set(inserted.map((r) => r.eventId));
    return envs.map((env, i) => fresh.has(env.header.event_id) && first.get(env.header.event_id) === i);
  });

  async done(eventId: string): Promise<void> {
    await this.db.prisma.$executeRaw`UPDATE "InboxEvent" SET "status" = 'processed', "processedAt" = ${this.clock.now()}, "claimedUntil" = NULL WHERE "eventId" = ${eventId}`;
  }

  /**
   * `done` for card clicks, whose answer must not wait for it: settled in groups by one update.
   * A crash before it leaves the rows "received"; recovery re-runs them after the lease, as for
   * any event interrupted mid-way (the handlers are idempotent).
   */
  doneSoon(eventId: string): void {
    // A failure leaves the rows "received": recovery takes them over when their lease runs out.
    this.settler.add(eventId).catch(() => undefined);
  }

  /** Settle every `doneSoon` id (called when draining before a stop). */
  async flush(): Promise<void> {
    await this.settler.settled();
  }

  private readonly settler = new Batcher<string, void>(async (ids) => {
    await this.db.prisma.$executeRaw`UPDATE "InboxEvent" SET "status" = 'processed', "processedAt" = ${this.clock.now()}, "claimedUntil" = NULL WHERE "eventId" IN (${Prisma.join(ids)})`;
    return ids.map(() => undefined);
  }, 500);

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
