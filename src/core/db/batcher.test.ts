import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher.js";

describe("Batcher (group commit, shared reads)", () => {
  it("writes the items added in one turn with one call, in order, each caller getting its own result", async () => {
    const calls: number[][] = [];
    const g = new Batcher<number, string>(async (xs) => {
      calls.push(xs);
      return xs.map((x) => `r${x}`);
    });
    expect(await Promise.all([1, 2, 3].map((x) => g.add(x)))).toEqual(["r1", "r2", "r3"]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it("items added while a write runs go together into the next one; max splits a long queue", async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const g = new Batcher<number, number>(async (xs) => {
      calls.push(xs);
      if (calls.length === 1) await gate;
      return xs;
    }, 2);
    const first = g.add(0);
    await new Promise((r) => setImmediate(r));
    const later = [1, 2, 3].map((x) => g.add(x));
    release();
    expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3]);
    expect(calls).toEqual([[0], [1, 2], [3]]);
  });

  it("a failed write rejects only its own callers; settled() waits for everything added", async () => {
    const g = new Batcher<number, number>(async (xs) => {
      if (xs.includes(13)) throw new Error("boom");
      return xs;
    }, 1);
    const bad = g.add(13);
    const good = g.add(1);
    await expect(bad).rejects.toThrow("boom");
    await g.settled();
    expect(await good).toBe(1);
  });
});
