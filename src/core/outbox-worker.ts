import type { Logger } from "./logger.js";
import { isPlatformError, PlatformError } from "./platform-error.js";
import { larkUuid, Outbox, outboxOpSchema, rateKeyOf, type OutboxRow, type OutboxTransport, type ResolvedOp } from "./outbox.js";
import { backoffMs, Pacer } from "./rate-limit.js";

export interface OutboxWorkerOptions {
  /** How often to look for due rows when nothing woke the worker. */
  pollMs?: number;
  batchSize?: number;
  /** How long a claim holds; a worker that dies leaves its rows to others after this. */
  leaseMs?: number;
  /** A call that has not answered by then counts as failed (and is retried with the same uuid). */
  callTimeoutMs?: number;
  /** Failures before a row is parked for an administrator (`outbox list` / `outbox retry`). */
  maxAttempts?: number;
  baseBackoffMs?: number;
  perAppPerSecond?: number;
  perChatPerSecond?: number;
  /** The app limit's window in ms: 1000 plus a margin for calls that arrive late (see Pacer). */
  appWindowMs?: number;
  /** Minimum gap between two calls (see Pacer); default: the window spread evenly over the limit. */
  appSpacingMs?: number;
  random?: () => number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends what the outbox holds: paced (50/s per app, 5/s per user or chat), retried with
 * backoff and jitter on rate limits, 5xx and timeouts (honouring `x-ogw-ratelimit-reset`),
 * parked after `maxAttempts`. Each call carries the row's uuid, so a row sent again after
 * a crash (its lease expired) does not post twice.
 */
export class OutboxWorker {
  readonly id = Outbox.workerId();
  private readonly o: Required<OutboxWorkerOptions>;
  private readonly pacer: Pacer;
  private running = false;
  private killed = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly transport: OutboxTransport,
    private readonly log: Logger,
    opts: OutboxWorkerOptions = {},
  ) {
    this.o = {
      pollMs: 1000,
      batchSize: 50,
      leaseMs: 60_000,
      callTimeoutMs: 10_000,
      maxAttempts: 8,
      baseBackoffMs: 1000,
      perAppPerSecond: 50,
      perChatPerSecond: 5,
      appWindowMs: 1050,
      appSpacingMs: (opts.appWindowMs ?? 1050) / (opts.perAppPerSecond ?? 50),
      random: Math.random,
      ...opts,
    };
    this.pacer = new Pacer(this.o.perAppPerSecond, this.o.perChatPerSecond, this.o.appWindowMs, this.o.appSpacingMs);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.outbox.onEnqueue = () => this.wake();
    this.loop = this.run();
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /** Finish the batch in hand, then stop. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Stop at once and forget in-flight work, as a killed process would (tests). */
  kill(): void {
    this.killed = true;
    this.running = false;
    this.wake();
  }

  private async run(): Promise<void> {
    // Two batches at once: the next one is claimed while this one is being paced out. Claiming,
    // then sending a whole batch, then claiming again left the 50/s budget idle between batches
    // (a 10,000-recipient fan-out ran at ~33/s in issue 10's benchmark).
    const inflight: Promise<void>[] = [];
    while (this.running) {
      let n = 0;
      try {
        const rows = await this.outbox.claim(this.id, this.o.batchSize, this.o.leaseMs);
        n = rows.length;
        if (n > 0) {
          inflight.push(Promise.all(rows.map((r) => this.process(r))).then(() => undefined, (e: unknown) => this.log.error({ err: e }, "发送队列处理出错")));
          if (inflight.length >= 2) await inflight.shift();
        }
      } catch (e) {
        this.log.error({ err: e }, "发送队列处理出错");
      }
      if (!this.running) break;
      if (n > 0) continue;
      if (this.pendingWake) {
        this.pendingWake = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.o.pollMs);
        this.wakeUp = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wakeUp = null;
      this.pendingWake = false;
    }
    // stop(): the batches in hand finish first.
    await Promise.all(inflight);
  }

  /** Claim and process one batch; returns how many rows were handled. */
  async runOnce(): Promise<number> {
    const rows = await this.outbox.claim(this.id, this.o.batchSize, this.o.leaseMs);
    await Promise.all(rows.map((r) => this.process(r)));
    return rows.length;
  }

  private async process(row: OutboxRow): Promise<void> {
    const parsed = outboxOpSchema.safeParse(safeJson(row.content));
    if (!parsed.success) {
      await this.finish(row, { park: true, error: "队列内容格式错误，无法发送" });
      return;
    }
    const op = parsed.data;
    let resolved: ResolvedOp;
    if (op.op === "patch" || op.op === "urgent") {
      let messageId: string;
      if ("messageId" in op.ref) messageId = op.ref.messageId;
      else {
        const ref = await this.outbox.get(op.ref.outboxId);
        if (!ref || ref.status === "parked") {
          await this.finish(row, { park: true, error: `所引用的消息 ${op.ref.outboxId} 未能发送` });
          return;
        }
        if (ref.status !== "sent" || !ref.resultId) {
          // Wait for the message to go out first; waiting is not a failed attempt.
          await this.finish(row, { park: false, error: "等待所引用的消息发出", at: this.outbox.now() + 500, countAttempt: false });
          return;
        }
        messageId = ref.resultId;
      }
      resolved = op.op === "patch" ? { op: "patch", messageId, content: op.content } : { op: "urgent", messageId, kind: op.kind, openIds: op.openIds };
    } else resolved = op;

    const wait = this.pacer.reserve(rateKeyOf(op), Date.now());
    if (wait > 0) await sleep(wait);
    if (this.killed) return;
    try {
      const res = await withDeadline(this.transport.execute(resolved, larkUuid(row.idempotencyKey)), this.o.callTimeoutMs);
      if (this.killed) return;
      await this.outbox.markSent(row.id, this.id, res.resultId);
    } catch (e) {
      if (this.killed) return;
      const err = isPlatformError(e) ? e : new PlatformError(String((e as Error)?.message ?? e), { kind: "network" });
      const attempts = row.attempts + 1;
      const park = !err.retryable || attempts >= this.o.maxAttempts;
      const delay = err.retryAfterMs ?? backoffMs(row.attempts, this.o.baseBackoffMs, 5 * 60_000, this.o.random);
      this.log.warn({ outboxId: row.id, kind: err.kind, code: err.code, status: err.status, attempts, park }, park ? "消息发送失败，已搁置" : "消息发送失败，稍后重试");
      await this.finish(row, { park, error: `${err.kind}: ${err.message}`, at: this.outbox.now() + delay, countAttempt: true });
    }
  }

  private async finish(row: OutboxRow, o: { park: boolean; error: string; at?: number; countAttempt?: boolean }): Promise<void> {
    await this.outbox.reschedule(row.id, this.id, { park: o.park, error: o.error, at: new Date(o.at ?? this.outbox.now()), countAttempt: o.countAttempt ?? true });
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

async function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PlatformError(`发送超过 ${ms} ms 未完成`, { kind: "timeout" })), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
