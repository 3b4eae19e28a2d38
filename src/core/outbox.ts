import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "./db/client.js";
import { isUniqueViolation } from "./db/client.js";
import type { Clock } from "./clock.js";
import type { EnqueueOptions, MessageRef, OutboxTx, Queued, UrgentKind } from "./chat-port.js";

/**
 * The outbox: every outbound message is a row first, sent later by the worker. The row's
 * `content` holds the operation as JSON; the columns beside it are for listing and pacing.
 */
const refSchema = z.union([z.object({ messageId: z.string().min(1) }), z.object({ outboxId: z.string().min(1) })]);
export const outboxOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("send"), receiveIdType: z.enum(["open_id", "chat_id", "email"]), receiveId: z.string().min(1), msgType: z.enum(["text", "interactive"]), content: z.string() }),
  z.object({ op: z.literal("reply"), messageId: z.string().min(1), msgType: z.enum(["text", "interactive"]), content: z.string() }),
  z.object({ op: z.literal("patch"), ref: refSchema, content: z.string() }),
  z.object({ op: z.literal("urgent"), ref: refSchema, kind: z.enum(["app", "sms", "phone"]), openIds: z.array(z.string()).min(1) }),
  z.object({ op: z.literal("batchSend"), openIds: z.array(z.string()).min(1), msgType: z.enum(["text", "interactive"]), content: z.record(z.string(), z.unknown()) }),
]);
export type OutboxOp = z.infer<typeof outboxOpSchema>;

/** An op whose message reference was resolved to a Lark message id. */
export type ResolvedOp =
  | Exclude<OutboxOp, { op: "patch" } | { op: "urgent" }>
  | { op: "patch"; messageId: string; content: string }
  | { op: "urgent"; messageId: string; kind: UrgentKind; openIds: string[] };

/** Sends one resolved op; throws PlatformError on failure. Implemented by the platform adapter. */
export interface OutboxTransport {
  execute(op: ResolvedOp, uuid: string): Promise<{ resultId?: string }>;
}

/** Lark's `uuid` is at most 50 characters: a stable digest of our (longer) idempotency key. */
export function larkUuid(key: string): string {
  return `scb-${createHash("sha256").update(key).digest("hex").slice(0, 40)}`;
}

/** Which Lark limit (5 messages/s per user or chat, 5 QPS per message) a row counts against. */
export function rateKeyOf(op: OutboxOp): string {
  switch (op.op) {
    case "send":
      return `${op.receiveIdType}:${op.receiveId}`;
    case "reply":
      return `reply:${op.messageId}`;
    case "patch":
    case "urgent":
      return "messageId" in op.ref ? `msg:${op.ref.messageId}` : `outbox:${op.ref.outboxId}`;
    case "batchSend":
      return "batch";
  }
}

export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  op: string;
  receiveIdType: string | null;
  receiveId: string | null;
  msgType: string | null;
  content: string;
  critical: boolean;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastError: string | null;
  resultId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export function describeRef(ref: MessageRef): string {
  return "messageId" in ref ? ref.messageId : `outbox:${ref.outboxId}`;
}

export class Outbox {
  /** Called after every enqueue so a waiting worker starts at once instead of at its next poll. */
  onEnqueue: (() => void) | null = null;

  constructor(
    readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async enqueue(op: OutboxOp, opts: EnqueueOptions): Promise<Queued> {
    const parsed = outboxOpSchema.parse(op);
    const tx: OutboxTx = opts.tx ?? (this.db.prisma as unknown as OutboxTx);
    const data = {
      idempotencyKey: opts.key,
      op: parsed.op,
      receiveIdType: parsed.op === "send" ? parsed.receiveIdType : null,
      receiveId: parsed.op === "send" ? parsed.receiveId : parsed.op === "reply" ? parsed.messageId : "ref" in parsed ? describeRef(parsed.ref) : null,
      msgType: "msgType" in parsed ? parsed.msgType : null,
      content: JSON.stringify(parsed),
      critical: opts.critical ?? false,
      nextAttemptAt: opts.notBefore ?? this.clock.now(),
    };
    try {
      const row = await tx.outboxMessage.create({ data });
      this.onEnqueue?.();
      return { outboxId: row.id, duplicate: false };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const existing = await tx.outboxMessage.findUnique({ where: { idempotencyKey: opts.key } });
      if (!existing) throw e;
      return { outboxId: existing.id, duplicate: true };
    }
  }

  async get(id: string): Promise<OutboxRow | null> {
    return this.db.prisma.outboxMessage.findUnique({ where: { id } });
  }

  async list(filter: { status?: string; limit?: number } = {}): Promise<OutboxRow[]> {
    return this.db.prisma.outboxMessage.findMany({
      where: filter.status ? { status: filter.status } : {},
      orderBy: [{ critical: "desc" }, { createdAt: "asc" }],
      take: filter.limit ?? 100,
    });
  }

  /** Put parked rows back in the queue (all of them, or one). Returns how many. */
  async retry(target: { id: string } | { all: true }): Promise<number> {
    const where = "id" in target ? { id: target.id, status: "parked" } : { status: "parked" };
    const r = await this.db.prisma.outboxMessage.updateMany({ where, data: { status: "pending", attempts: 0, nextAttemptAt: this.clock.now(), claimedBy: null, claimedUntil: null } });
    if (r.count) this.onEnqueue?.();
    return r.count;
  }

  /**
   * Claim up to `limit` due rows for `worker`: one read of the candidates, then ONE conditional
   * update of all of them that returns the rows it changed. When two instances race for a row
   * (PostgreSQL), the second update re-checks the condition on the committed row, sees the
   * lease taken and leaves it out, so each row is claimed by exactly one. A `sending` row whose
   * lease expired belonged to a worker that died mid-send: it is claimed again (the uuid makes
   * it safe). One statement instead of two per row matters: on SQLite the claim of 50 rows as
   * 100 Prisma queries held the event loop ~100 ms each second (query compilation), and the
   * sends paced meanwhile left in a bunch (issue 10's fan-out profile).
   */
  async claim(worker: string, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const now = this.clock.now();
    const free = { OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
    const candidates = await this.db.prisma.outboxMessage.findMany({
      where: { status: { in: ["pending", "sending"] }, nextAttemptAt: { lte: now }, ...free },
      orderBy: [{ critical: "desc" }, { createdAt: "asc" }],
      take: limit,
      select: { id: true },
    });
    if (!candidates.length) return [];
    const rows = await this.db.prisma.outboxMessage.updateManyAndReturn({
      where: { id: { in: candidates.map((c) => c.id) }, status: { in: ["pending", "sending"] }, ...free },
      data: { status: "sending", claimedBy: worker, claimedUntil: new Date(now.getTime() + leaseMs) },
    });
    // The update returns rows in no particular order: keep the queue's (critical first, then oldest).
    const order = new Map(candidates.map((c, i) => [c.id, i]));
    return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  async markSent(id: string, worker: string, resultId: string | undefined): Promise<void> {
    await this.db.prisma.outboxMessage.updateMany({
      where: { id, claimedBy: worker, status: "sending" },
      data: { status: "sent", resultId: resultId ?? null, sentAt: this.clock.now(), claimedBy: null, claimedUntil: null, lastError: null },
    });
  }

  /** Schedule another attempt (or park the row when `park`). `countAttempt` false = only waiting. */
  async reschedule(id: string, worker: string, o: { at: Date; error: string; park: boolean; countAttempt: boolean }): Promise<void> {
    await this.db.prisma.outboxMessage.updateMany({
      where: { id, claimedBy: worker, status: "sending" },
      data: {
        status: o.park ? "parked" : "pending",
        attempts: o.countAttempt ? { increment: 1 } : undefined,
        nextAttemptAt: o.at,
        lastError: o.error.slice(0, 500),
        claimedBy: null,
        claimedUntil: null,
      },
    });
  }

  /** The Lark message id of a sent row, or null. */
  async messageIdOf(outboxId: string): Promise<string | null> {
    const row = await this.db.prisma.outboxMessage.findUnique({ where: { id: outboxId }, select: { status: true, resultId: true } });
    return row?.status === "sent" ? row.resultId : null;
  }

  /** Scheduling time of the queue (the real clock in the running bot: retries wait real time). */
  now(): number {
    return this.clock.now().getTime();
  }

  static workerId(): string {
    return `w-${process.pid}-${randomBytes(4).toString("hex")}`;
  }
}
