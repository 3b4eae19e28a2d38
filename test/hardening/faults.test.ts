/**
 * Faults (issue 11). Lark answering 500, 429 (with a reset header), 230020 and not answering at
 * all, in bursts, during a fan-out; the bot process SIGKILLed in the middle of a fan-out and in
 * the middle of its migrations; SQLite locked by another writer. After recovery every message is
 * delivered exactly once (counted on the simulator's side, where Lark's uuid idempotency holds)
 * and nothing is left pending, in flight or parked in the outbox.
 *
 * FAULT_FANOUT (default 60) sets the size of each fan-out.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import Database3 from "better-sqlite3";
import { cardActionEvent, createSimulator, postWebhook, type Simulator } from "../../src/sim/index.js";
import { loadPlanFile } from "../../src/domains/campaigns/load.js";
import { activatePlan } from "../../src/domains/campaigns/activate.js";
import { goodIncident, U } from "./world.js";
import { createDatabase, type Database } from "../../src/core/db/client.js";
import { listMigrations, migrate } from "../../src/core/db/migrate.js";
import { Outbox } from "../../src/core/outbox.js";
import { systemClock } from "../../src/core/clock.js";
import pg from "pg";
import { freshPostgresUrl, freshSqliteUrl, pgBaseUrl } from "../support/db.js";
import { startHarness, APP_ID, APP_SECRET, VERIFICATION_TOKEN, type Harness } from "../platform/harness.js";

const N = Number(process.env.FAULT_FANOUT ?? 60);
const figures: Record<string, number | string> = {};

afterAll(() => {
  process.stdout.write(`\nFAULT TALLY ${JSON.stringify(figures)}\n`);
});

const people = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `ou_${tag}_${String(i).padStart(3, "0")}`);

async function queue(db: Database, users: string[], perUser: number, tag: string): Promise<string[]> {
  const outbox = new Outbox(db, systemClock);
  const keys: string[] = [];
  for (const u of users)
    for (let k = 0; k < perUser; k++) {
      const key = `${tag}:${u}:${k}`;
      keys.push(key);
      await outbox.enqueue({ op: "send", receiveIdType: "open_id", receiveId: u, msgType: "text", content: JSON.stringify({ text: `提醒 ${k} 号` }) }, { key });
    }
  return keys;
}

async function until(what: string, f: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await f()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Messages the simulator holds per user, and whether each text arrived exactly once. */
function deliveries(sim: Simulator, users: string[], perUser: number): { total: number; dupes: number; missing: number } {
  let total = 0;
  let dupes = 0;
  let missing = 0;
  for (const u of users) {
    const texts = sim.state.botMessagesTo(u).map((m) => m.text);
    total += texts.length;
    for (let k = 0; k < perUser; k++) {
      const n = texts.filter((t) => t === `提醒 ${k} 号`).length;
      if (n === 0) missing++;
      if (n > 1) dupes += n - 1;
    }
  }
  return { total, dupes, missing };
}

async function outboxLeft(db: Database) {
  const rows = await db.prisma.outboxMessage.groupBy({ by: ["status"], _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

describe("Lark failing in bursts during a fan-out", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ transport: "webhook", outbox: { pollMs: 20, baseBackoffMs: 20, callTimeoutMs: 400, maxAttempts: 12 } });
  }, 60_000);
  afterAll(() => h?.stop());

  it("500s, 429s, 230020s, slow answers and hangs: every message once, outbox empty", async () => {
    const users = people(Math.max(1, Math.floor(N / 3)), "burst");
    for (const u of users) h.sim.addUser({ openId: u, name: "老师" });
    const P = /\/open-apis\/im\/v1\/messages(\?|$)/;
    const bursts = { s500: 10, s429: 8, c230020: 8, slow: 4, hang: 3, s502: 5 };
    h.sim.fail("POST", P, { status: 500, times: bursts.s500 });
    h.sim.fail("POST", P, { status: 429, headers: { "x-ogw-ratelimit-reset": "1" }, body: { code: 99991400, msg: "request trigger frequency limit" }, times: bursts.s429 });
    h.sim.fail("POST", P, { status: 400, body: { code: 230020, msg: "The message is sent too frequently" }, times: bursts.c230020 });
    // answered after the worker gave up on the call: the message exists, the retry must not duplicate it
    h.sim.fail("POST", P, { delayMs: 900, times: bursts.slow });
    h.sim.fail("POST", P, { hang: true, times: bursts.hang });
    h.sim.fail("POST", P, { status: 502, body: "<html>bad gateway</html>", times: bursts.s502 });
    const keys = await queue(h.bot.db, users, 3, "burst");
    await until("the outbox to drain", async () => {
      const left = await outboxLeft(h.bot.db);
      return !left.pending && !left.sending;
    });
    const d = deliveries(h.sim, users, 3);
    figures.burstMessages = keys.length;
    figures.burstFaultsInjected = Object.values(bursts).reduce((a, b) => a + b, 0);
    figures.burstDuplicates = d.dupes;
    figures.burstMissing = d.missing;
    expect(await outboxLeft(h.bot.db)).toEqual({ sent: keys.length });
    expect(d).toEqual({ total: keys.length, dupes: 0, missing: 0 });
  }, 120_000);
});

describe("SQLite locked by another writer", () => {
  it("a fan-out queued while another process holds the write lock is delivered once the lock is gone", async () => {
    const h = await startHarness({ transport: "webhook", outbox: { pollMs: 20, baseBackoffMs: 20 } });
    try {
      const users = people(5, "lock");
      for (const u of users) h.sim.addUser({ openId: u, name: "老师" });
      const keys = await queue(h.bot.db, users, 2, "lock");
      const file = h.dbUrl.replace(/^file:/, "");
      const other = new Database3(file, { timeout: 0 });
      // Not a blocking busy-wait: the bot runs in this process and may be mid-transaction (holding the lock) right now.
      for (;;) try { other.exec("BEGIN IMMEDIATE"); break; } catch { await new Promise((r) => setTimeout(r, 5)); } // prettier-ignore
      // hold the write lock for 1.5 s while the worker tries to claim and mark rows
      await new Promise((r) => setTimeout(r, 1500));
      other.exec("COMMIT");
      other.close();
      await until("the outbox to drain", async () => {
        const left = await outboxLeft(h.bot.db);
        return !left.pending && !left.sending;
      });
      expect(await outboxLeft(h.bot.db)).toEqual({ sent: keys.length });
      expect(deliveries(h.sim, users, 2)).toEqual({ total: keys.length, dupes: 0, missing: 0 });
      figures.lockHeldMs = 1500;
    } finally {
      await h.stop();
    }
  }, 60_000);
});

describe("the bot process SIGKILLed", () => {
  let sim: Simulator;
  const procs: ChildProcess[] = [];
  beforeAll(async () => {
    sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN }).start();
  });
  afterEach(() => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  });
  afterAll(() => sim?.stop());

  function boot(dbUrl: string, port = 0): ChildProcess {
    const p = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        VITEST: "",
        PORT: String(port),
        DATABASE_URL: dbUrl,
        LARK_APP_ID: APP_ID,
        LARK_APP_SECRET: APP_SECRET,
        LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
        LARK_DOMAIN: sim.url,
        LARK_TRANSPORT: "webhook",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const err: string[] = [];
    p.stderr!.on("data", (d: Buffer) => void (err.push(d.toString()), err.length > 20 && err.shift()));
    stderrs.set(p, err);
    procs.push(p);
    return p;
  }
  const stderrs = new Map<ChildProcess, string[]>();
  const stderrOf = (p: ChildProcess) => (stderrs.get(p) ?? []).join("").slice(-500);
  const killed = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.on("exit", () => r())));

  it("in the middle of a fan-out: after a restart every message is delivered once and the outbox is empty", async () => {
    const dbUrl = freshSqliteUrl();
    await migrate(dbUrl);
    const db = createDatabase(dbUrl);
    try {
      const users = people(Math.max(5, Math.floor(N / 2)), "kill");
      for (const u of users) sim.addUser({ openId: u, name: "老师" });
      // slow Lark so the kill lands mid-way
      sim.fail("POST", /\/open-apis\/im\/v1\/messages(\?|$)/, { delayMs: 40, times: Infinity });
      const keys = await queue(db, users, 2, "kill");
      const first = boot(dbUrl);
      await until("a third of the fan-out", () => deliveries(sim, users, 2).total >= keys.length / 3, 60_000);
      first.kill("SIGKILL");
      await killed(first);
      const atKill = deliveries(sim, users, 2).total;
      const leftAtKill = await outboxLeft(db);
      const second = boot(dbUrl);
      await until("the rest of the fan-out", async () => {
        const left = await outboxLeft(db);
        return !left.pending && !left.sending && !left.parked;
      }, 90_000);
      second.kill("SIGTERM");
      await killed(second);
      sim.clearFaults();
      const d = deliveries(sim, users, 2);
      figures.killFanout = keys.length;
      figures.killDeliveredBeforeKill = atKill;
      figures.killLeftAtKill = JSON.stringify(leftAtKill);
      figures.killDuplicates = d.dupes;
      expect(atKill).toBeLessThan(keys.length);
      expect(await outboxLeft(db)).toEqual({ sent: keys.length });
      expect(d).toEqual({ total: keys.length, dupes: 0, missing: 0 });
    } finally {
      await db.close();
    }
  }, 180_000);

  it("in the middle of card submissions: Lark's re-deliveries after the restart file each report once", async () => {
    const dbUrl = freshSqliteUrl();
    await migrate(dbUrl);
    const db = createDatabase(dbUrl);
    // a port the OS just handed out (a random one can collide with other test runs on the machine)
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const a = srv.address() as AddressInfo;
        srv.close(() => resolve(a.port));
      });
    });
    try {
      const loaded = loadPlanFile("campaigns/demo-sandbox.yaml");
      if (!loaded.ok) throw new Error("demo plan does not load");
      await activatePlan(db, loaded.plan, "campaigns/demo-sandbox.yaml", new Date());
      for (const [name, openId] of Object.entries(U)) sim.addUser({ openId, name });
      const hook = `http://127.0.0.1:${port}/lark/events`;
      let current: ChildProcess | null = null;
      const up = async () =>
        until("the bot to listen", () => {
          if (current && (current.exitCode !== null || current.signalCode !== null)) throw new Error(`the bot exited: ${current.exitCode} ${stderrOf(current)}`);
          return fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
        }, 120_000);
      const when = new Date(Date.now() - 3600_000 + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ") + " +0800";
      const forms = Array.from({ length: 8 }, (_, i) =>
        cardActionEvent({ ...sim.envelopeOpts(), operator: { openId: U.teacherA }, messageId: `om_form_${i}`, chatId: "oc_p2p_teacher", value: { action: "incident_submit", formId: `kill-${i}`, campaignId: loaded.plan.id }, formValue: goodIncident({ occurred_at: when }) }),
      );
      const first = (current = boot(dbUrl, port));
      await up();
      // fire them all and kill the process while they are being handled
      const inflight = forms.map((f) => postWebhook(hook, f).catch(() => null));
      // the kill lands once some reports are filed and others are not
      await until("the first reports", async () => (await db.prisma.incidentCase.count()) >= 2, 30_000).catch(() => undefined);
      first.kill("SIGKILL");
      await killed(first);
      const answered = (await Promise.all(inflight)).filter((r) => r?.status === 200).length;
      const casesAtKill = await db.prisma.incidentCase.count();
      const second = (current = boot(dbUrl, port));
      await up();
      // Lark re-delivers every event it did not get a 200 for; re-deliver all, as a retry storm would
      for (const f of forms) expect((await postWebhook(hook, f)).status).toBe(200);
      await until("recovery", async () => (await db.prisma.incidentCase.count()) === forms.length && (await db.prisma.inboxEvent.count({ where: { status: { not: "processed" } } })) === 0, 150_000); // events recorded before the kill: their 60 s lease, then the next 60 s recovery pass
      await until("the outbox to drain", async () => {
        const left = await outboxLeft(db);
        return !left.pending && !left.sending;
      }, 90_000);
      second.kill("SIGTERM");
      await killed(second);
      const cases = await db.prisma.incidentCase.findMany({ select: { submissionKey: true } });
      expect(new Set(cases.map((c) => c.submissionKey)).size).toBe(forms.length);
      const left = await outboxLeft(db);
      expect(left.parked ?? 0).toBe(0);
      figures.submitKilled = forms.length;
      figures.submitAnsweredBeforeKill = answered;
      figures.submitCasesAtKill = casesAtKill;
      figures.submitCasesAfter = cases.length;
    } finally {
      await db.close();
    }
  }, 240_000);

  it("in the middle of its migrations: the next start finishes them and the database works", async () => {
    const { existsSync } = await import("node:fs");
    const partial: number[] = [];
    // The kill lands at several points after the database file appears (migrations take ~100 ms).
    const total = listMigrations("sqlite").length;
    // Kill once k migrations are recorded (polled from outside), k spread over the list.
    for (const [i, k] of [1, 3, 5, 7, total - 1].entries()) {
      const dbUrl = freshSqliteUrl();
      const file = dbUrl.replace(/^file:/, "");
      const p = boot(dbUrl);
      await until(`the database file (kill ${i}, ${String(p.exitCode)})`, () => existsSync(file), 60_000);
      for (let spin = 0; spin < 20_000; spin++) {
        let n = 0;
        try {
          const raw = new Database3(file, { readonly: true, timeout: 0 });
          n = (raw.prepare("SELECT COUNT(*) AS n FROM _prisma_migrations").get() as { n: number }).n;
          raw.close();
        } catch {
          // table not there yet, or locked by the migration in progress
        }
        if (n >= k) break;
        await new Promise((r) => setImmediate(r));
      }
      p.kill("SIGKILL");
      await killed(p);
      let done = 0;
      try {
        const raw = new Database3(file, { readonly: true });
        done = (raw.prepare("SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL").get() as { n: number }).n;
        raw.close();
      } catch {
        done = 0; // killed before the bookkeeping table existed
      }
      partial.push(done);
      const r = await migrate(dbUrl);
      const db = createDatabase(dbUrl);
      try {
        // every table usable: write and read through the outbox and the case tables
        await queue(db, ["ou_after_migration"], 1, `mig${i}`);
        expect(await db.prisma.outboxMessage.count()).toBe(1);
        expect(await db.prisma.incidentCase.count()).toBe(0);
        // nothing applied twice, nothing missing
        expect(done + r.applied.length).toBe(listMigrations("sqlite").length);
      } finally {
        await db.close();
      }
    }
    figures.migrationKills = partial.length;
    figures.migrationsDoneAtKill = partial.join(",");
  }, 120_000);
});

describe.runIf(!!pgBaseUrl)("PostgreSQL connections terminated under load", () => {
  it("pg_terminate_backend on the bot's connections during a fan-out: every message once, outbox empty", async () => {
    const { url, drop } = await freshPostgresUrl();
    const h = await startHarness({ transport: "webhook", dbUrl: url, outbox: { pollMs: 20, baseBackoffMs: 20, leaseMs: 3_000, maxAttempts: 20 } });
    const admin = new pg.Client({ connectionString: pgBaseUrl });
    await admin.connect();
    try {
      const users = people(Math.max(5, Math.floor(N / 3)), "pgkill");
      for (const u of users) h.sim.addUser({ openId: u, name: "老师" });
      h.sim.fail("POST", /\/open-apis\/im\/v1\/messages(\?|$)/, { delayMs: 30, times: Infinity });
      const keys = await queue(h.bot.db, users, 3, "pgkill");
      const dbName = new URL(url).pathname.slice(1);
      let terminated = 0;
      for (let i = 0; i < Number(process.env.PG_KILLS ?? 6); i++) {
        await new Promise((r) => setTimeout(r, 300));
        const r = await admin.query("SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName]);
        terminated += r.rows.filter((x: { t: boolean }) => x.t).length;
      }
      await until("the outbox to drain", async () => {
        try {
          const left = await outboxLeft(h.bot.db);
          return !left.pending && !left.sending;
        } catch {
          return false;
        }
      }, 90_000);
      h.sim.clearFaults();
      // no connection whose transaction died with it stays checked out of the pool
      await until("every connection back in the pool", () => h.bot.db.connections()!.inUse === 0, 10_000);
      const d = deliveries(h.sim, users, 3);
      figures.pgConnectionsTerminated = terminated;
      figures.pgFanout = keys.length;
      figures.pgDuplicates = d.dupes;
      if (Number(process.env.PG_KILLS ?? 6) > 0) expect(terminated).toBeGreaterThan(0);
      expect(await outboxLeft(h.bot.db)).toEqual({ sent: keys.length });
      expect(d).toEqual({ total: keys.length, dupes: 0, missing: 0 });
    } finally {
      await admin.end();
      const t0 = Date.now();
      const stopped = await Promise.race([h.stop().then(() => "stopped", (e: unknown) => `stop failed: ${String(e)}`), new Promise<string>((r) => setTimeout(() => r("stop hung"), 15_000))]);
      figures.pgStop = `${stopped} after ${Date.now() - t0} ms`;
      expect(stopped).toBe("stopped");
      await Promise.race([drop(), new Promise((r) => setTimeout(r, 10_000))]);
    }
  }, 150_000);
});
