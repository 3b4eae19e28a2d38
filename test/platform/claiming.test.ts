import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { createDatabase, type Database } from "../../src/core/db/client.js";
import type { EventEnvelope } from "../../src/core/events.js";
import { Inbox } from "../../src/core/inbox.js";
import { Outbox } from "../../src/core/outbox.js";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";

const env = (id: string): EventEnvelope => ({ schema: "2.0", header: { event_id: id, event_type: "im.message.receive_v1" }, event: {} });

/**
 * Two instances share one database. On PostgreSQL each opens its own connection pool, as two
 * processes would. SQLite is the one-instance deployment: there the two "instances" are two
 * workers sharing the process's connection (two better-sqlite3 connections in one process
 * would block each other's event loop while waiting for the write lock).
 */
describe.each(dbProviders())("inbox and outbox claiming on %s", (provider) => {
  let t: TestDb;
  let other: Database;
  beforeAll(async () => {
    t = await freshDb(provider);
    other = provider === "postgresql" ? createDatabase(t.url) : t.db;
  });
  afterAll(async () => {
    if (other !== t.db) await other.close();
    await t.cleanup();
  });

  it("two instances claiming the same outbox concurrently never get the same row", async () => {
    const a = new Outbox(t.db, systemClock);
    const b = new Outbox(other, systemClock);
    for (let i = 0; i < 40; i++) await a.enqueue({ op: "send", receiveIdType: "open_id", receiveId: `ou_${i}`, msgType: "text", content: "{\"text\":\"x\"}" }, { key: `claim-${i}` });
    const [ra, rb, rc] = await Promise.all([a.claim("A", 40, 60_000), b.claim("B", 40, 60_000), a.claim("C", 40, 60_000)]);
    const ids = [...ra, ...rb, ...rc].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
    // Nothing is left to claim while the leases hold.
    expect(await b.claim("D", 40, 60_000)).toHaveLength(0);
  });

  it("an expired lease (a dead worker) lets another instance take the row over", async () => {
    const a = new Outbox(t.db, systemClock);
    const b = new Outbox(other, systemClock);
    const q = await a.enqueue({ op: "send", receiveIdType: "chat_id", receiveId: "oc_1", msgType: "text", content: "{\"text\":\"y\"}" }, { key: "lease-1" });
    expect((await a.claim("A", 100, 1)).map((r) => r.id)).toContain(q.outboxId);
    await new Promise((r) => setTimeout(r, 20));
    const taken = await b.claim("B", 100, 60_000);
    expect(taken.map((r) => r.id)).toContain(q.outboxId);
    // The dead worker's late result is not recorded over the new owner's claim.
    await a.markSent(q.outboxId, "A", "om_late");
    expect((await b.get(q.outboxId))!.status).toBe("sending");
  });

  it("records an event id once across instances, racing", async () => {
    const a = new Inbox(t.db, systemClock);
    const b = new Inbox(other, systemClock);
    const results = await Promise.all([a.record(env("ev-race")), b.record(env("ev-race")), a.record(env("ev-race")), b.record(env("ev-race"))]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("recovers an unfinished event on exactly one instance once its lease ran out", async () => {
    const a = new Inbox(t.db, systemClock, 1);
    const b = new Inbox(other, systemClock, 60_000);
    expect(await a.record(env("ev-crash"))).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    const [x, y] = await Promise.all([b.recoverable(), new Inbox(t.db, systemClock, 60_000).recoverable()]);
    const got = [...x, ...y].filter((e) => e.header.event_id === "ev-crash");
    expect(got).toHaveLength(1);
    await b.done("ev-crash");
    expect(await b.recoverable()).toHaveLength(0);
  });
});
