import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.js";
import { Scheduler, type Job } from "../../src/core/scheduler.js";

const log = createLogger("silent");
const sqlite = { provider: "sqlite" as const, url: "file:unused.db" };

describe("Scheduler", () => {
  it("on SQLite always leads and runs every job in order; a failing job does not stop the others", async () => {
    const ran: string[] = [];
    const jobs: Job[] = [
      { name: "a", run: async () => void ran.push("a") },
      { name: "boom", run: async () => { throw new Error("x"); } },
      { name: "c", run: async () => void ran.push("c") },
    ];
    const s = new Scheduler(sqlite, jobs, log);
    expect(await s.tick()).toEqual({ leader: true, ran: true, failed: ["boom"] });
    expect(ran).toEqual(["a", "c"]);
    expect(s.isLeader).toBe(true);
  });

  it("never overlaps a running tick, and stop() waits for it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    let finished = false;
    const s = new Scheduler(sqlite, [{ name: "slow", run: async () => { runs++; await gate; finished = true; } }], log);
    const first = s.tick();
    await Promise.resolve();
    expect(await s.tick()).toEqual({ leader: true, ran: false, failed: [] });
    const stopping = s.stop();
    release();
    await stopping;
    expect(finished).toBe(true);
    expect(runs).toBe(1);
    expect((await first).ran).toBe(true);
  });

  it("starts a node-cron minute task and stops it cleanly", async () => {
    const s = new Scheduler(sqlite, [], log);
    s.start();
    s.start(); // idempotent
    await s.stop();
    expect(s.isLeader).toBe(false);
  });
});
