import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffMs, Pacer } from "./rate-limit.js";

describe("Pacer", () => {
  it("spaces sends to one chat at most 5 per second", () => {
    const p = new Pacer(50, 5);
    const waits = Array.from({ length: 6 }, () => p.reserve("chat:a", 0));
    expect(waits).toEqual([0, 200, 400, 600, 800, 1000]);
    // Another chat is not held up by the first.
    expect(p.reserve("chat:b", 0)).toBe(0);
  });

  it("never lets more than 50 calls of the app into any one-second window", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 300 }), (calls) => {
        const p = new Pacer(50, 5);
        const sorted = [...calls].sort((a, b) => a[1] - b[1]);
        const at = sorted.map(([k, t]) => t + p.reserve(`k${k}`, t)).sort((a, b) => a - b);
        for (let i = 50; i < at.length; i++) expect(at[i]! - at[i - 50]!).toBeGreaterThanOrEqual(1000);
      }),
    );
  });
});

describe("Pacer with a margin and spacing (the outbox worker's default)", () => {
  it("keeps every two app calls at least the gap apart and at most 50 in any window of 1050 ms", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 300 }), (calls) => {
        const p = new Pacer(50, 5, 1050, 21);
        const sorted = [...calls].sort((a, b) => a[1] - b[1]);
        const at = sorted.map(([k, t]) => t + p.reserve(`k${k}`, t)).sort((a, b) => a - b);
        for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(21);
        for (let i = 50; i < at.length; i++) expect(at[i]! - at[i - 50]!).toBeGreaterThanOrEqual(1050);
      }),
    );
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
