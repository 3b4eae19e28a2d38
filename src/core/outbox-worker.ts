import type { Logger } from "./logger.js";
import { isPlatformError, PlatformError } from "./platform-error.js";
import { larkUuid, Outbox, outboxOpSchema, rateKeyOf, type OutboxRow, type OutboxTransport, type ResolvedOp } from "./outbox.js";
import { backoffMs, LocalAppBudget, RateGate, type AppBudget, type Permit } from "./rate-limit.js";
import { SharedAppBudget } from "./shared-budget.js";

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
  /** Lark's window (ms): a slot is free again this long after its call answered (see RateGate). */
  windowMs?: number;
  /** Minimum gap between two calls leaving this process; default the window spread over the limit. */
  spacingMs?: number;
  /**
   * The app's budget: "local" paces this process alone (SQLite: one instance); "shared" claims
   * the slots in the database so all instances on it stay within one budget together
   * (PostgreSQL, the default there; see shared-budget.ts). Or a budget of your own (tests).
   */
  budget?: "local" | "shared" | AppBudget;
  random?: () => number;
}

/**
 * Sends what the outbox holds: paced (50/s per app — shared by all instances on PostgreSQL —
 * and 5/s per user or chat, see RateGate), retried with
 * backoff and jitter on rate limits, 5xx and timeouts (honouring `x-ogw-ratelimit-reset`),
 * parked after `maxAttempts`. Each call carries the row's uuid, so a row sent again after
 * a crash (its lease expired) does not post twice.
 */
export class OutboxWorker {
  readonly id = Outbox.workerId();
  private readonly o: Required<OutboxWorkerOptions>;
  private readonly gate: RateGate;
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
      windowMs: 1000,
      spacingMs: (opts.windowMs ?? 1000) / (opts.perAppPerSecond ?? 50),
      budget: outbox.db.provider === "postgresql" ? "shared" : "local",
      random: Math.random,
      ...opts,
    };
    const b = this.o.budget;
    const budget: AppBudget =
      b === "local"
        ? new LocalAppBudget(this.o.perAppPerSecond, this.o.windowMs)
        : b === "shared"
          ? new SharedAppBudget(outbox.db, { perApp: this.o.perAppPerSecond, windowMs: this.o.windowMs, holdMs: this.o.callTimeoutMs + 5_000 })
          : b;
    this.gate = new RateGate(budget, { perKey: this.o.perChatPerSecond, windowMs: this.o.windowMs, spacingMs: this.o.spacingMs });
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

    let permit: Permit;
    try {
      permit = await this.gate.acquire(rateKeyOf(op));
    } catch (e) {
      // The shared budget's database did not answer: nothing was sent, try again soon.
      if (this.killed) return;
      await this.finish(row, { park: false, error: `发送额度暂不可用：${String((e as Error)?.message ?? e)}`, at: this.outbox.now() + 1000, countAttempt: false });
      return;
    }
    if (this.killed) return void permit.release();
    let released: Promise<void> | null = null;
    // The slot is given back as soon as the call answered, before the row is written, so the
    // database's time does not count against the budget; a 429 keeps it out until Lark's reset.
    const release = (holdMs = 0) => (released ??= permit.release(holdMs).catch((e: unknown) => this.log.warn({ err: e }, "归还发送额度失败")));
    let deferred = false;
    const call = this.transport.execute(resolved, larkUuid(row.idempotencyKey));
    try {
      const res = await withDeadline(call, this.o.callTimeoutMs);
      void release();
      if (this.killed) return;
      await this.outbox.markSent(row.id, this.id, res.resultId);
    } catch (e) {
      const err = isPlatformError(e) ? e : new PlatformError(String((e as Error)?.message ?? e), { kind: "network" });
      if (err.kind === "timeout" && !released) {
        // Still on its way, for all we know: the slot stays taken until it answers after all
        // (or one more timeout has passed), so a late arrival cannot crowd the window.
        deferred = true;
        const t = setTimeout(() => void release(), this.o.callTimeoutMs);
        t.unref();
        void call.then(
          () => (clearTimeout(t), release()),
          () => (clearTimeout(t), release()),
        );
      } else void release(err.kind === "rate_limit" ? (err.retryAfterMs ?? 1000) : 0);
      if (this.killed) return;
      const attempts = row.attempts + 1;
      const park = !err.retryable || attempts >= this.o.maxAttempts;
      const delay = err.retryAfterMs ?? backoffMs(row.attempts, this.o.baseBackoffMs, 5 * 60_000, this.o.random);
      this.log.warn({ outboxId: row.id, kind: err.kind, code: err.code, status: err.status, attempts, park }, park ? "消息发送失败，已搁置" : "消息发送失败，稍后重试");
      await this.finish(row, { park, error: `${err.kind}: ${err.message}`, at: this.outbox.now() + delay, countAttempt: true });
    } finally {
      if (!deferred) await release();
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
