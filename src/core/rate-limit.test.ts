import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffMs, LocalAppBudget, RateGate, SlotRing } from "./rate-limit.js";

/** How many of `times` (ms) fall in the window (t - 1000, t] ending at each of them, at most. */
function maxInWindow(times: number[], windowMs = 1000): number {
  const s = [...times].sort((a, b) => a - b);
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < s.length; hi++) {
    while (s[hi]! - s[lo]! >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

describe("RateGate (fake clock)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * Calls to random keys with random latencies; each ARRIVES at a random moment between leaving
   * and its answer (the network and the event loop decide). Lark counts arrivals: never more than
   * 50 in a second for the app, 5 for one key — whatever the arrival moments were.
   */
  it("never lets more than 50 calls (5 per key) arrive in any second, however late they arrive", async () => {
    await fc.assert(
      fc.asyncProperty(
        // `arrive`: where between leaving and answering the call reaches Lark (0 = at once, 1 = just before the answer).
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 30 }), start: fc.integer({ min: 0, max: 1500 }), latency: fc.integer({ min: 0, max: 400 }), arrive: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })) }), { minLength: 60, maxLength: 300, size: "max" }),
        fc.boolean(),
        async (calls, spaced) => {
          vi.setSystemTime(0);
          const gate = new RateGate(new LocalAppBudget(50, 1000), { perKey: 5, windowMs: 1000, spacingMs: spaced ? 20 : 0 });
          const arrivals: { key: number; at: number }[] = [];
          const run = calls.map(async (c) => {
            await new Promise((r) => setTimeout(r, c.start));
            const p = await gate.acquire(`k${c.key}`);
            const left = Date.now();
            arrivals.push({ key: c.key, at: left + Math.floor(c.arrive * c.latency) });
            await new Promise((r) => setTimeout(r, c.latency));
            await p.release();
          });
          await vi.runAllTimersAsync();
          await Promise.all(run);
          expect(arrivals).toHaveLength(calls.length);
          expect(maxInWindow(arrivals.map((a) => a.at))).toBeLessThanOrEqual(50);
          for (let k = 0; k <= 30; k++) expect(maxInWindow(arrivals.filter((a) => a.key === k).map((a) => a.at))).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("lets 50 calls go at once, and the 51st only a window after the first answered", async () => {
    const gate = new RateGate(new LocalAppBudget(50, 1000), { perKey: 5 });
    const permits = await Promise.all(Array.from({ length: 50 }, (_, i) => gate.acquire(`u${i}`)));
    let next = false;
    const p51 = gate.acquire("u50").then((p) => ((next = true), p));
    await vi.advanceTimersByTimeAsync(300);
    await permits[0]!.release(); // answered at 300 ms
    await vi.advanceTimersByTimeAsync(999);
    expect(next).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(next).toBe(true);
    await (await p51).release();
  });

  it("keeps a slot whose call got 429 out until Lark's reset", async () => {
    const ring = new SlotRing(1, 1000);
    const s = await ring.take();
    ring.release(s, Date.now(), 3000);
    let got = false;
    void ring.take().then(() => (got = true));
    await vi.advanceTimersByTimeAsync(2999);
    expect(got).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(got).toBe(true);
  });

  it("serves calls to one chat in the order they asked", async () => {
    const gate = new RateGate(new LocalAppBudget(50, 1000), { perKey: 5 });
    const order: number[] = [];
    const run = Array.from({ length: 12 }, (_, i) =>
      gate.acquire("chat:a").then(async (p) => {
        order.push(i);
        await p.release();
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(run);
    expect(order).toEqual([...Array(12).keys()]);
  });
});

describe("backoffMs", () => {
  it("grows exponentially with jitter between half and the full step, capped", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
        const step = Math.min(300_000, 1000 * 2 ** n);
        const v = backoffMs(n, 1000, 300_000, () => r);
        expect(v).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(v).toBeLessThanOrEqual(step);
      }),
    );
  });
});
