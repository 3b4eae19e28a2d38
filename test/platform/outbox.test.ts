import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { createLogger, type Logger } from "../../src/core/logger.js";
import { Outbox } from "../../src/core/outbox.js";
import { OutboxWorker, type OutboxWorkerOptions } from "../../src/core/outbox-worker.js";
import { createLarkPlatform, type LarkPlatform } from "../../src/platform/lark/index.js";
import { createSimulator, type Simulator } from "../../src/sim/index.js";
import { freshDb, type TestDb } from "../support/db.js";
import { APP_ID, APP_SECRET } from "./harness.js";

/** The outbox worker sending through the real SDK to the simulator, with faults injected. */
describe("outbox worker against the simulator", () => {
  let sim: Simulator;
  let tdb: TestDb;
  let outbox: Outbox;
  let platform: LarkPlatform;
  let logged: string;
  let log: Logger;
  const workers: OutboxWorker[] = [];

  beforeEach(async () => {
    sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET }).start();
    tdb = await freshDb();
    outbox = new Outbox(tdb.db, systemClock);
    logged = "";
    log = createLogger("debug", new Writable({ write: (c, _e, cb) => ((logged += String(c)), cb()) }) as never);
    platform = createLarkPlatform({ conn: { appId: APP_ID, appSecret: APP_SECRET, domain: sim.url }, transport: "webhook", log, outbox }, async () => ({}));
    for (let i = 0; i < 25; i++) sim.addUser({ openId: `ou_u${i}`, name: `用户${i}` });
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) w.kill();
    await sim.stop();
    await tdb.cleanup();
  });

  const worker = (o: OutboxWorkerOptions = {}) => {
    const w = new OutboxWorker(outbox, platform.sender, log, { pollMs: 20, baseBackoffMs: 20, callTimeoutMs: 2000, ...o });
    workers.push(w);
    return w;
  };
  const row = (id: string) => tdb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
  const until = async (f: () => Promise<boolean>, ms = 8000) => {
    const end = Date.now() + ms;
    while (!(await f())) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const sentOrParked = async (id: string) => ["sent", "parked"].includes((await row(id)).status);
  const creates = () => sim.calls("/open-apis/im/v1/messages", "POST");

  it("retries a 429 after x-ogw-ratelimit-reset and sends once", async () => {
    sim.fail("POST", "/im/v1/messages", { status: 429, body: { code: 99991400, msg: "request trigger frequency limit" }, headers: { "x-ogw-ratelimit-limit": "50", "x-ogw-ratelimit-reset": "1" } });
    const q = await platform.chat.send({ user: "ou_u1" }, { text: "你好" }, { key: "k429" });
    worker().start();
    await until(() => sentOrParked(q.outboxId));
    const r = await row(q.outboxId);
    expect(r.status).toBe("sent");
    expect(r.attempts).toBe(1);
    const [a, b] = creates();
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(900);
    expect(sim.state.botMessagesTo("ou_u1")).toHaveLength(1);
  });

  it.each([
    ["HTTP 500 with a text body", { status: 500, body: "upstream exploded" }],
    ["HTTP 400 code 230020", { status: 400, body: { code: 230020, msg: "triggers the frequency limit" } }],
    ["HTTP 200 code 230020", { status: 200, body: { code: 230020, msg: "triggers the frequency limit" } }],
  ])("retries after %s and sends once", async (_name, fault) => {
    sim.fail("POST", "/im/v1/messages", { ...fault, times: 2 });
    const q = await platform.chat.send({ user: "ou_u2" }, { text: "重试" }, { key: `k-${_name}` });
    worker().start();
    await until(() => sentOrParked(q.outboxId));
    expect((await row(q.outboxId)).status).toBe("sent");
    expect((await row(q.outboxId)).attempts).toBe(2);
    expect(creates()).toHaveLength(3);
    expect(sim.state.botMessagesTo("ou_u2")).toHaveLength(1);
  });

  it("times out a hung call and a slow one, and the uuid keeps the slow one from posting twice", async () => {
    sim.fail("POST", "/im/v1/messages", { hang: true });
    sim.fail("POST", "/im/v1/messages", { delayMs: 600 }); // answers late, after the worker gave up
    const q = await platform.chat.send({ user: "ou_u3" }, { text: "慢" }, { key: "k-slow" });
    worker({ callTimeoutMs: 200 }).start();
    await until(() => sentOrParked(q.outboxId));
    await new Promise((r) => setTimeout(r, 700));
    expect((await row(q.outboxId)).status).toBe("sent");
    expect(creates().length).toBeGreaterThanOrEqual(3);
    expect(sim.state.botMessagesTo("ou_u3")).toHaveLength(1);
  });

  it("parks a refused message at once, lists it, and re-sends it on retry", async () => {
    sim.fail("POST", "/im/v1/messages", { status: 400, body: { code: 230002, msg: "Bot/User can NOT be out of the chat." } });
    const q = await platform.chat.send({ user: "ou_u4" }, { text: "被拒" }, { key: "k-park" });
    worker().start();
    await until(() => sentOrParked(q.outboxId));
    const parked = await outbox.list({ status: "parked" });
    expect(parked.map((p) => p.id)).toEqual([q.outboxId]);
    expect(parked[0]!.lastError).toContain("230002");
    expect(await outbox.retry({ all: true })).toBe(1);
    await until(async () => (await row(q.outboxId)).status === "sent");
    expect(sim.state.botMessagesTo("ou_u4")).toHaveLength(1);
  });

  it("parks after maxAttempts failures", async () => {
    sim.fail("POST", "/im/v1/messages", { status: 503, body: { code: 1, msg: "busy" }, times: Infinity });
    const q = await platform.chat.send({ user: "ou_u5" }, { text: "失败" }, { key: "k-max" });
    worker({ maxAttempts: 3 }).start();
    await until(() => sentOrParked(q.outboxId));
    expect(await row(q.outboxId)).toMatchObject({ status: "parked", attempts: 3 });
    expect(creates()).toHaveLength(3);
  });

  it("drops the cached token on 99991663 and retries once", async () => {
    const a = await platform.chat.send({ user: "ou_u6" }, { text: "一" }, { key: "k-t1" });
    const w = worker();
    w.start();
    await until(() => sentOrParked(a.outboxId));
    sim.invalidateTokens();
    const b = await platform.chat.send({ user: "ou_u6" }, { text: "二" }, { key: "k-t2" });
    await until(() => sentOrParked(b.outboxId));
    expect(await row(b.outboxId)).toMatchObject({ status: "sent", attempts: 0 });
    expect(sim.calls("tenant_access_token")).toHaveLength(2);
    expect(sim.state.botMessagesTo("ou_u6").map((m) => m.text)).toEqual(["一", "二"]);
  });

  it("loses nothing and sends nothing twice when the worker is killed mid-batch and another starts", async () => {
    sim.fail("POST", "/im/v1/messages", { delayMs: 300, times: 8 });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await platform.chat.send({ user: `ou_u${i}` }, { text: `通知 ${i}` }, { key: `k-kill-${i}` })).outboxId);
    const a = worker({ leaseMs: 400 });
    a.start();
    await until(async () => creates().length >= 3);
    a.kill(); // in-flight calls still reach Lark; their results are never recorded
    const b = worker({ leaseMs: 400 });
    b.start();
    await until(async () => (await tdb.db.prisma.outboxMessage.count({ where: { status: "sent" } })) === 20, 15_000);
    for (let i = 0; i < 20; i++) expect(sim.state.botMessagesTo(`ou_u${i}`)).toHaveLength(1);
    expect(sim.botMessages()).toHaveLength(20);
    // Some rows really were sent again after the kill (the uuid made Lark return the same message).
    expect(creates().length).toBeGreaterThan(20);
  });

  it("patches a card by outbox reference once the card was sent", async () => {
    const card = await platform.chat.send({ user: "ou_u7" }, { card: { schema: "2.0", body: { elements: [{ tag: "markdown", content: "待办" }] } } }, { key: "k-card" });
    const patch = await platform.chat.updateCard({ outboxId: card.outboxId }, { schema: "2.0", body: { elements: [{ tag: "markdown", content: "已完成" }] } }, { key: "k-patch" });
    const urgent = await platform.chat.urgent({ outboxId: card.outboxId }, "app", ["ou_u7"], { key: "k-urgent" });
    worker().start();
    await until(async () => (await sentOrParked(patch.outboxId)) && (await sentOrParked(urgent.outboxId)));
    const m = sim.state.botMessagesTo("ou_u7")[0]!;
    expect(JSON.stringify(m.card)).toContain("已完成");
    expect(m.urgent).toEqual([{ kind: "app", userIds: ["ou_u7"] }]);
    expect(await platform.chat.messageIdOf(card.outboxId)).toBe(m.messageId);
  });

  it("keeps the same key from queueing twice", async () => {
    const a = await platform.chat.send({ user: "ou_u8" }, { text: "x" }, { key: "same" });
    const b = await platform.chat.send({ user: "ou_u8" }, { text: "x" }, { key: "same" });
    expect(b).toEqual({ outboxId: a.outboxId, duplicate: true });
  });

  it("never logs the app secret or a token, even when the SDK logs a failed token call", async () => {
    sim.fail("POST", "tenant_access_token", { status: 500, body: "oops", times: 1 });
    const q = await platform.chat.send({ user: "ou_u9" }, { text: "秘密" }, { key: "k-secret" });
    worker().start();
    await until(() => sentOrParked(q.outboxId));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain(APP_SECRET);
    for (const t of sim.ctx.tokens.keys()) expect(logged).not.toContain(t);
  });
});
