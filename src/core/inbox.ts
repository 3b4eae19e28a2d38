import type { Clock } from "./clock.js";
import type { Database } from "./db/client.js";
import { isUniqueViolation } from "./db/client.js";
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

  /** true when this is the first delivery (the caller now owns processing it). */
  async record(env: EventEnvelope): Promise<boolean> {
    const now = this.clock.now();
    try {
      await this.db.prisma.inboxEvent.create({
        data: {
          eventId: env.header.event_id,
          eventType: env.header.event_type,
          payload: JSON.stringify(env),
          status: "received",
          attempts: 1,
          receivedAt: now,
          claimedUntil: new Date(now.getTime() + this.leaseMs),
        },
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async done(eventId: string): Promise<void> {
    await this.db.prisma.inboxEvent.update({ where: { eventId }, data: { status: "processed", processedAt: this.clock.now(), claimedUntil: null } });
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
