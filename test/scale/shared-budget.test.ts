/**
 * Two outbox workers (two instances) on one PostgreSQL database send to one simulator whose
 * rules enforce Lark's 50 calls/s per app (429 above it). Each paces to 50/s by itself, so
 * without a shared budget the pair sends at up to 100/s; with the budget shared through the
 * database (the default on PostgreSQL) the simulator must refuse none of their calls.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import type { Database } from "../../src/core/db/client.js";
import { createDatabase } from "../../src/core/db/client.js";
import { createLogger } from "../../src/core/logger.js";
import { Outbox, type OutboxTransport } from "../../src/core/outbox.js";
import { OutboxWorker, type OutboxWorkerOptions } from "../../src/core/outbox-worker.js";
import { createLarkPlatform } from "../../src/platform/lark/index.js";
import { createSimulator, type Simulator } from "../../src/sim/index.js";
import { platformRules } from "../../src/sim/rules/index.js";
import { freshDb, PG_SKIP_MESSAGE, type TestDb } from "../support/db.js";

const PG = !!process.env.TEST_DATABASE_URL;
const APP_ID = "cli_shared_budget_01";
const APP_SECRET = "shared-budget-secret";
const N = Number(process.env.SHARED_BUDGET_MESSAGES ?? 240);
const users = Array.from({ length: N }, (_, i) => `ou_budget_${i}`);

describe.skipIf(!PG)(`two outbox workers on one PostgreSQL database share Lark's per-app budget${PG ? "" : ` — ${PG_SKIP_MESSAGE}`}`, () => {
  let sim: Simulator;
  let tdb: TestDb;
  let second: Database;
  const workers: OutboxWorker[] = [];
  const log = createLogger("silent");

  beforeEach(async () => {
    sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET }).start();
    for (const r of platformRules({ appId: APP_ID })) sim.use(r);
    for (const id of users) sim.addUser({ openId: id, name: id });
    tdb = await freshDb("postgresql");
    second = createDatabase(tdb.url);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    await second.close();
    await sim.stop();
    await tdb.cleanup();
  });

  /** One instance: its own database client, outbox, SDK client and worker; counts its own calls. */
  const instance = (db: Database, o: OutboxWorkerOptions) => {
    const outbox = new Outbox(db, systemClock);
    const platform = createLarkPlatform({ conn: { appId: APP_ID, appSecret: APP_SECRET, domain: sim.url }, transport: "webhook", log, outbox }, async () => ({}));
    const counted = { calls: 0 };
    const transport: OutboxTransport = { execute: (op, uuid) => (counted.calls++, platform.sender.execute(op, uuid)) };
    // Small batches, so both instances keep claiming until the queue is empty.
    const w = new OutboxWorker(outbox, transport, log, { pollMs: 20, batchSize: 10, baseBackoffMs: 50, ...o });
    workers.push(w);
    return { outbox, worker: w, counted };
  };

  const sendAll = async (o: OutboxWorkerOptions) => {
    const a = instance(tdb.db, o);
    const b = instance(second, o);
    for (const [i, id] of users.entries()) await a.outbox.enqueue({ op: "send", receiveIdType: "open_id", receiveId: id, msgType: "text", content: JSON.stringify({ text: `第${i}条` }) }, { key: `budget:${i}` });
    a.worker.start();
    b.worker.start();
    const end = Date.now() + 60_000;
    while ((await tdb.db.prisma.outboxMessage.count({ where: { status: "sent" } })) < N) {
      if (Date.now() > end) throw new Error("not all sent within 60 s");
      await new Promise((r) => setTimeout(r, 50));
    }
    const creates = sim.calls("/open-apis/im/v1/messages", "POST");
    const okPerUuid = new Map<string, number>();
    for (const r of creates) {
      const uuid = (r.body as { uuid?: string }).uuid!;
      if (r.status === 200) okPerUuid.set(uuid, (okPerUuid.get(uuid) ?? 0) + 1);
    }
    return {
      status429: creates.filter((r) => r.status === 429).length,
      perInstance: [a.counted.calls, b.counted.calls],
      lost: users.filter((id) => sim.state.botMessagesTo(id).length === 0).length,
      duplicated: users.filter((id) => sim.state.botMessagesTo(id).length > 1).length + [...okPerUuid.values()].filter((n) => n > 1).length,
    };
  };

  it(`sends ${N} messages from two instances with no 429, none lost or duplicated`, async () => {
    const r = await sendAll({});
    expect(r.perInstance.every((n) => n > 0), `calls per instance ${r.perInstance}`).toBe(true);
    expect(r.status429).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    // The shared slots: one row per slot of the app's budget, none left held.
    const slots = await tdb.db.prisma.rateSlot.findMany();
    expect(slots).toHaveLength(50);
    expect(slots.filter((s) => s.holder !== null)).toHaveLength(0);
  }, 90_000);

  it("the same two instances each pacing alone (no shared budget) go over the limit — what the shared budget prevents", async () => {
    const r = await sendAll({ budget: "local" });
    expect(r.perInstance.every((n) => n > 0), `calls per instance ${r.perInstance}`).toBe(true);
    expect(r.status429).toBeGreaterThan(0);
    // The 429s are retried after Lark's reset: still nothing lost or sent twice.
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
  }, 90_000);
});

if (!PG)
  describe("two outbox workers share the per-app budget", () => {
    it.skip(`skipped — ${PG_SKIP_MESSAGE}`, () => undefined);
  });
