import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { commands } from "../../src/cli/registry.js";
import { systemClock } from "../../src/core/clock.js";
import { Outbox } from "../../src/core/outbox.js";
import { freshDb, type TestDb } from "../support/db.js";

describe("outbox list / outbox retry", () => {
  let t: TestDb;
  let parkedId: string;
  const run = async (...argv: string[]) => {
    let out = "";
    let err = "";
    const code = await runCli(argv, commands, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`), env: { DATABASE_URL: t.url } });
    return { code, out, err };
  };
  beforeAll(async () => {
    t = await freshDb();
    const o = new Outbox(t.db, systemClock);
    parkedId = (await o.enqueue({ op: "send", receiveIdType: "chat_id", receiveId: "oc_1", msgType: "text", content: "{\"text\":\"x\"}" }, { key: "p1", critical: true })).outboxId;
    await o.enqueue({ op: "send", receiveIdType: "chat_id", receiveId: "oc_2", msgType: "text", content: "{\"text\":\"y\"}" }, { key: "p2" });
    await t.db.prisma.outboxMessage.update({ where: { id: parkedId }, data: { status: "parked", attempts: 8, lastError: "rejected: 飞书接口失败：HTTP 400 code 230002" } });
  });
  afterAll(() => t.cleanup());

  it("lists parked messages with their last error, in Chinese and as JSON", async () => {
    const h = await run("outbox", "list");
    expect(h.code).toBe(0);
    expect(h.out).toContain("已搁置的消息共 1 条");
    expect(h.out).toContain("230002");
    expect(h.out).toContain("[重要]");
    const j = await run("--json", "outbox", "list");
    expect(JSON.parse(j.out)).toEqual([expect.objectContaining({ id: parkedId, status: "parked", attempts: 8, critical: true })]);
  });

  it("refuses bad arguments naming them", async () => {
    const r = await run("outbox", "list", "--status", "lost");
    expect(r.code).toBe(1);
    expect(r.err).toContain("--status");
    const n = await run("outbox", "retry");
    expect(n.code).toBe(1);
    expect(n.err).toContain("编号");
    const pending = (await t.db.prisma.outboxMessage.findFirstOrThrow({ where: { status: "pending" } })).id;
    const p = await run("outbox", "retry", pending);
    expect(p.err).toContain("只有被搁置的消息");
  });

  it("re-queues a parked message", async () => {
    const r = await run("outbox", "retry", parkedId);
    expect(r.code).toBe(0);
    expect(await t.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: parkedId } })).toMatchObject({ status: "pending", attempts: 0 });
    expect((await run("outbox", "retry", "--all")).out).toContain("没有被搁置的消息");
  });
});
