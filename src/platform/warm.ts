import { systemClock } from "../core/clock.js";
import type { Database } from "../core/db/client.js";
import type { EventEnvelope } from "../core/events.js";
import { rolesOf } from "../core/help.js";
import { Inbox } from "../core/inbox.js";
import { Outbox } from "../core/outbox.js";

const FAR = new Date("9999-01-01T00:00:00Z");

/**
 * Run the queries of the event and send paths once at start-up, in the background. The first
 * run of a query shape is compiled on the main thread (hundreds of ms on a busy machine);
 * without this the first events after a start wait behind those compilations.
 * No transaction (it would hold SQLite's only connection); instead sentinel rows that no
 * worker or recovery will pick up (due in year 9999), deleted at the end.
 */
export async function warmQueries(db: Database): Promise<number> {
  const started = Date.now();
  const id = `__warm__${process.pid}`;
  const inbox = new Inbox(db, { now: () => FAR });
  const outbox = new Outbox(db, systemClock);
  const env: EventEnvelope = { schema: "2.0", header: { event_id: id, event_type: "warm" }, event: {} };
  try {
    await inbox.record(env);
    await inbox.record(env); // the duplicate path
    await inbox.done(id);
    // At the epoch no lease has run out yet: the query runs without claiming a real event.
    await new Inbox(db, { now: () => new Date(0) }).recoverable(1);
    const q = await outbox.enqueue({ op: "send", receiveIdType: "chat_id", receiveId: id, msgType: "text", content: "{}" }, { key: id, notBefore: FAR });
    await outbox.enqueue({ op: "send", receiveIdType: "chat_id", receiveId: id, msgType: "text", content: "{}" }, { key: id, notBefore: FAR });
    await new Outbox(db, { now: () => new Date(0) }).claim(id, 1, 1); // nothing is due at the epoch
    await outbox.reschedule(q.outboxId, id, { at: FAR, error: "warm", park: false, countAttempt: true });
    await outbox.markSent(q.outboxId, id, undefined);
    await outbox.messageIdOf(q.outboxId);
    await rolesOf(db, id);
  } finally {
    await db.prisma.inboxEvent.deleteMany({ where: { eventId: id } });
    await db.prisma.outboxMessage.deleteMany({ where: { idempotencyKey: id } });
  }
  return Date.now() - started;
}
