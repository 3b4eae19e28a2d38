/**
 * Pacing for Lark's limits: at most `perApp` calls per second for the app (HTTP 429 above it)
 * and `perKey` per second for one user, chat or message (230020 above it).
 *
 * Lark counts a call when it ARRIVES, in a one-second window, and we only know when a call
 * leaves and when its answer comes back. So a budget of N calls per window is N slots, each
 * held from the moment a call leaves until `window` ms after its answer came back. The
 * (N+1)th call in any window must then use a slot whose previous call arrived before its
 * answer, i.e. at least one window earlier than this call leaves — and it cannot arrive before
 * it leaves. That bound holds whatever the event loop, the network or a slow connection do to
 * the timing, unlike pacing by departure time: spacing calls 20 ms apart as they left still
 * let 1 in 140 of them arrive in the previous call's window and get 429 (issue 10's fan-out).
 * The cost is the call's latency per slot and second: 50/s becomes 50 ÷ (1 s + latency).
 */

type Now = () => number;

/** `size` slots, each free again `windowMs` (or the hold asked for) after its call answered. */
export class SlotRing {
  private readonly freeAt: number[];
  private readonly waiters: ((slot: number) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;

  constructor(
    size: number,
    private readonly windowMs: number,
    private readonly now: Now = Date.now,
  ) {
    this.freeAt = new Array<number>(size).fill(-Infinity);
  }

  /** Resolves with a slot, in the order asked. */
  take(): Promise<number> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.pump();
    });
  }

  /** The call on `slot` answered at `doneAtMs`; `holdMs` longer than the window keeps it out longer (after a 429). */
  release(slot: number, doneAtMs: number, holdMs = 0): void {
    this.freeAt[slot] = doneAtMs + Math.max(this.windowMs, holdMs);
    this.pump();
  }

  /** No caller waits and no slot is held or cooling down: the ring constrains nothing. */
  idle(nowMs = this.now()): boolean {
    return this.waiters.length === 0 && this.freeAt.every((t) => t <= nowMs);
  }

  private pump(): void {
    const now = this.now();
    while (this.waiters.length) {
      let best = -1;
      for (let i = 0; i < this.freeAt.length; i++) if (this.freeAt[i]! <= now && (best < 0 || this.freeAt[i]! < this.freeAt[best]!)) best = i;
      if (best < 0) break;
      this.freeAt[best] = Infinity; // held until released
      this.waiters.shift()!(best);
    }
    if (!this.waiters.length) return;
    // Slots held by calls in flight free up through release(); the others at a known time.
    const next = Math.min(...this.freeAt);
    if (next === Infinity || next >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = next;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(1, next - now));
  }
}

/** One of the app's call slots, held by one call. */
export interface BudgetSlot {
  /** The call answered (now); `holdMs` above the window keeps the slot out longer (a 429's reset). */
  release(holdMs?: number): Promise<void>;
}

/**
 * The app's budget of calls per window. In one process a {@link LocalAppBudget}; instances
 * sharing a PostgreSQL database share one ({@link ./shared-budget.ts}).
 */
export interface AppBudget {
  take(): Promise<BudgetSlot>;
}

export class LocalAppBudget implements AppBudget {
  private readonly ring: SlotRing;

  constructor(perApp = 50, windowMs = 1000, private readonly now: Now = Date.now) {
    this.ring = new SlotRing(perApp, windowMs, now);
  }

  async take(): Promise<BudgetSlot> {
    const slot = await this.ring.take();
    return {
      release: async (holdMs = 0) => this.ring.release(slot, this.now(), holdMs),
    };
  }
}

export interface RateGateOptions {
  /** calls per window to one user, chat or message */
  perKey?: number;
  windowMs?: number;
  /**
   * Minimum gap between two calls leaving this process (0 = none), counted from when each was
   * due, so a late timer does not push the later ones back. The slots alone allow a burst of
   * all 50 at once; evenly spread calls are what the gateway's "50 per second" plainly allows,
   * whatever shape its window has [unverified].
   */
  spacingMs?: number;
  now?: Now;
}

/** What a call holds while it is made: release it when the call answered (or failed). */
export interface Permit {
  release(holdMs?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The per-key limit (in-process), the spacing, then the app's budget, in that order. */
export class RateGate {
  private readonly keys = new Map<string, SlotRing>();
  private readonly perKey: number;
  private readonly windowMs: number;
  private readonly spacingMs: number;
  private readonly now: Now;
  private lastDue = -Infinity;

  constructor(
    private readonly budget: AppBudget,
    o: RateGateOptions = {},
  ) {
    this.perKey = o.perKey ?? 5;
    this.windowMs = o.windowMs ?? 1000;
    this.spacingMs = o.spacingMs ?? 0;
    this.now = o.now ?? Date.now;
  }

  async acquire(key: string): Promise<Permit> {
    let ring = this.keys.get(key);
    if (!ring) {
      if (this.keys.size >= 10_000) this.forgetIdleKeys();
      ring = new SlotRing(this.perKey, this.windowMs, this.now);
      this.keys.set(key, ring);
    }
    const keySlot = await ring.take();
    if (this.spacingMs > 0) {
      const now = this.now();
      const due = Math.max(now, this.lastDue + this.spacingMs);
      this.lastDue = due;
      if (due > now) await sleep(due - now);
    }
    let app: BudgetSlot;
    try {
      app = await this.budget.take();
    } catch (e) {
      ring.release(keySlot, this.now());
      throw e;
    }
    const held = ring;
    let released = false;
    return {
      release: async (holdMs = 0) => {
        if (released) return;
        released = true;
        held.release(keySlot, this.now(), holdMs);
        await app.release(holdMs);
      },
    };
  }

  /** An idle ring equals a fresh one: drop them so a million recipients do not stay in memory. */
  private forgetIdleKeys(): void {
    const now = this.now();
    for (const [k, r] of this.keys) if (r.idle(now)) this.keys.delete(k);
  }
}

/** Exponential backoff with full jitter: base·2^attempt capped, times a random factor in [0.5, 1]. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000, random: () => number = Math.random): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (0.5 + random() / 2));
}
