import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, verifyAudit } from "./audit.js";
import { dbProviders, freshDb, type TestDb } from "../../test/support/db.js";

describe.each(dbProviders())("audit chain on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(provider);
  });
  afterAll(() => t.cleanup());

  const entry = (i: number) => ({ actor: "ou_a", action: "case.view", entityType: "case", entityId: `c${i}`, at: new Date(Date.UTC(2021, 9, 1, 0, 0, i)), after: { i } });

  it("verifies an intact chain, also when appended concurrently", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => appendAudit(t.db, entry(i))));
    const r = await verifyAudit(t.db.prisma);
    expect(r.rows).toBe(12);
    expect(r.problems).toEqual([]);
  });

  it("detects a changed row", async () => {
    const row = await t.db.prisma.auditLog.findFirstOrThrow({ where: { entityId: "c3" } });
    await t.db.prisma.auditLog.update({ where: { seq: row.seq }, data: { after: '{"i":999}' } });
    const r = await verifyAudit(t.db.prisma);
    expect(r.problems).toContainEqual(expect.objectContaining({ seq: row.seq, problem: "changed" }));
  });

  it("detects a deleted row", async () => {
    const row = await t.db.prisma.auditLog.findFirstOrThrow({ where: { entityId: "c7" } });
    await t.db.prisma.auditLog.delete({ where: { seq: row.seq } });
    const r = await verifyAudit(t.db.prisma);
    expect(r.problems.some((p) => p.problem === "broken-link")).toBe(true);
  });
});
