import { systemClock } from "../core/clock.js";
import type { Database, Db } from "../core/db/client.js";
import type { EventEnvelope } from "../core/events.js";
import { rolesOf } from "../core/help.js";
import { Inbox } from "../core/inbox.js";
import { Outbox } from "../core/outbox.js";

class Rollback extends Error {}

/**
 * Run every query of the event and send paths once, inside a transaction that is rolled
 * back, before the bot takes traffic. The first run of a query shape is compiled on the
 * main thread (hundreds of ms on a small machine); without this, the first events after a
 * start would wait behind those compilations and miss Lark's 1-second/3-second windows.
 */
export async function warmQueries(db: Database): Promise<number> {
  const started = Date.now();
  await db.prisma
    .$transaction(async (tx) => {
      const d: Database = { ...db, prisma: tx as unknown as Db };
      const env: EventEnvelope = { schema: "2.0", header: { event_id: "__warm__", event_type: "warm" }, event: {} };
      const inbox = new Inbox(d, systemClock);
      await inbox.record(env);
      await inbox.record(env); // the duplicate path
      await inbox.failed("__warm__", "warm", 99);
      await inbox.recoverable(1);
      await inbox.done("__warm__");
      const outbox = new Outbox(d, systemClock);
      const q = await outbox.enqueue({ op: "send", receiveIdType: "chat_id", receiveId: "__warm__", msgType: "text", content: "{}" }, { key: "__warm__" });
      await outbox.enqueue({ op: "send", receiveIdType: "chat_id", receiveId: "__warm__", msgType: "text", content: "{}" }, { key: "__warm__" });
      await outbox.claim("__warm__", 1, 60_000);
      await outbox.reschedule(q.outboxId, "__warm__", { at: new Date(), error: "warm", park: false, countAttempt: true });
      await outbox.markSent(q.outboxId, "__warm__", "om_warm");
      await outbox.messageIdOf(q.outboxId);
      await outbox.get(q.outboxId);
      await tx.member.count({ where: { openId: "__warm__" } });
      await tx.chatBinding.upsert({ where: { chatId: "__warm__" }, create: { chatId: "__warm__", name: null }, update: {} });
      await rolesOf(d, "__warm__");
      throw new Rollback();
    }, { timeout: 60_000, maxWait: 10_000 })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return Date.now() - started;
}
