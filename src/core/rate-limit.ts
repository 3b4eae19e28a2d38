/**
 * Pacing for Lark's limits, per process: at most `perApp` calls per second for the app and
 * `perKey` per second for one user, chat or message. `reserve` books the earliest slot and
 * returns how long to wait for it (0 = go now), so callers never burst past either limit.
 */
export class Pacer {
  private appSlots: number[] = [];
  private readonly keyNext = new Map<string, number>();

  constructor(
    private readonly perApp = 50,
    private readonly perKey = 5,
  ) {}

  reserve(key: string, nowMs: number): number {
    const keyGap = 1000 / this.perKey;
    let t = Math.max(nowMs, this.keyNext.get(key) ?? 0);
    // Sliding one-second window for the app: the (perApp)th call before this one must be ≥ 1 s ago.
    this.appSlots = this.appSlots.filter((s) => s > nowMs - 1000);
    if (this.appSlots.length >= this.perApp) {
      const sorted = [...this.appSlots].sort((a, b) => a - b);
      t = Math.max(t, sorted[sorted.length - this.perApp]! + 1000);
    }
    this.appSlots.push(t);
    this.keyNext.set(key, t + keyGap);
    if (this.keyNext.size > 10_000) for (const [k, v] of this.keyNext) if (v < nowMs) this.keyNext.delete(k);
    return t - nowMs;
  }
}

/** Exponential backoff with full jitter: base·2^attempt capped, times a random factor in [0.5, 1]. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000, random: () => number = Math.random): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (0.5 + random() / 2));
}
