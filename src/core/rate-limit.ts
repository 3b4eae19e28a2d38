/**
 * Pacing for Lark's limits, per process: at most `perApp` calls per second for the app and
 * `perKey` per second for one user, chat or message. `reserve` books the earliest slot and
 * returns how long to wait for it (0 = go now), so callers never burst past either limit.
 */
export class Pacer {
  private appSlots: number[] = [];
  private readonly keyNext = new Map<string, number>();

  /**
   * `appWindowMs` above 1000 leaves a margin: Lark counts calls when they arrive, and a call
   * that leaves a few ms late (event-loop lag, a slow connection) lands in the next call's
   * window — at exactly 1000 ms, 27 % of a 10,000-message fan-out got 429 (issue 10's benchmark).
   */
  constructor(
    private readonly perApp = 50,
    private readonly perKey = 5,
    private readonly appWindowMs = 1000,
    /**
     * Minimum gap between two calls of the app (0 = bursts allowed). A burst of 50 calls in the
     * same millisecond arrives spread over however long the process takes to send them and runs
     * into the next second's burst: evenly spaced calls keep to the limit as they arrive.
     */
    private readonly appSpacingMs = 0,
  ) {}

  reserve(key: string, nowMs: number): number {
    const keyGap = 1000 / this.perKey;
    let t = Math.max(nowMs, this.keyNext.get(key) ?? 0);
    // Sliding window for the app: the (perApp)th call before this one must be ≥ one window ago.
    this.appSlots = this.appSlots.filter((s) => s > nowMs - this.appWindowMs);
    if (this.appSlots.length >= this.perApp) {
      const sorted = [...this.appSlots].sort((a, b) => a - b);
      t = Math.max(t, sorted[sorted.length - this.perApp]! + this.appWindowMs);
    }
    if (this.appSpacingMs > 0) {
      // The earliest t with no other call closer than the gap (slots ascending, t only moves on).
      for (const s of [...this.appSlots].sort((a, b) => a - b)) if (s > t - this.appSpacingMs && s < t + this.appSpacingMs) t = s + this.appSpacingMs;
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
