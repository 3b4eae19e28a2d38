/**
 * The inbox records events that arrive together in one statement (group commit): each id must
 * still be owned by exactly one caller — within a batch, across batches and across instances.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";
import { Inbox } from "../../src/core/inbox.js";
import { systemClock } from "../../src/core/clock.js";
import { createDatabase } from "../../src/core/db/client.js";
import type { EventEnvelope } from "../../src/core/events.js";

const env = (id: string): EventEnvelope => ({ schema: "2.0", header: { event_id: id, event_type: "im.message.receive_v1" }, event: { n: id } });

describe.each(dbProviders())("inbox group commit (%s)", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(provider);
  });
  afterAll(() => t?.cleanup());

  it("gives each id to its first caller, also when the same id comes twice in one batch", async () => {
    const inbox = new Inbox(t.db, systemClock);
    const a = env("a");
    const got = await Promise.all([inbox.record(a), inbox.record(a), inbox.record(env("b")), inbox.record(env("c")), inbox.record(env("b"))]);
    expect(got).toEqual([true, false, true, true, false]);
    expect(await inbox.record(env("a"))).toBe(false);
    const rows = await t.db.prisma.inboxEvent.findMany({ orderBy: { eventId: "asc" } });
    expect(rows.map((r) => `${r.eventId} ${r.status} ${r.attempts} ${r.payload}`)).toEqual(['a received 1 {"schema":"2.0","header":{"event_id":"a","event_type":"im.message.receive_v1"},"event":{"n":"a"}}', expect.stringMatching(/^b received 1 /), expect.stringMatching(/^c received 1 /)]);
  });

  it("two instances racing on 300 ids (more than one batch each) own each id once between them", async () => {
    const other = createDatabase(t.url);
    try {
      const x = new Inbox(t.db, systemClock);
      const y = new Inbox(other, systemClock);
      const ids = Array.from({ length: 300 }, (_, i) => `race-${i}`);
      const [rx, ry] = await Promise.all([Promise.all(ids.map((id) => x.record(env(id)))), Promise.all(ids.map((id) => y.record(env(id))))]);
      const owners = ids.map((_, i) => Number(rx[i]) + Number(ry[i]));
      expect(owners.every((n) => n === 1)).toBe(true);
      expect(await t.db.prisma.inboxEvent.count({ where: { eventId: { startsWith: "race-" } } })).toBe(300);
    } finally {
      await other.close();
    }
  });

  it("settles click events marked done later in one update, and flush waits for it", async () => {
    const inbox = new Inbox(t.db, systemClock);
    const ids = ["d1", "d2", "d3"];
    await Promise.all(ids.map((id) => inbox.record(env(id))));
    for (const id of ids) inbox.doneSoon(id);
    await inbox.flush();
    const rows = await t.db.prisma.inboxEvent.findMany({ where: { eventId: { in: ids } } });
    expect(rows.map((r) => [r.status, r.claimedUntil, r.processedAt !== null])).toEqual(ids.map(() => ["processed", null, true]));
  });
});
