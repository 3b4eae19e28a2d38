import { describe, expect, it } from "vitest";
import pg from "pg";
import { PG_SKIP_MESSAGE, pgBaseUrl } from "../../../test/support/db.js";
import { createDatabase } from "./client.js";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!pgBaseUrl)(`PostgreSQL transactions whose connection dies${pgBaseUrl ? "" : ` — ${PG_SKIP_MESSAGE}`}`, () => {
  async function terminate(pid: number): Promise<void> {
    const admin = new pg.Client({ connectionString: pgBaseUrl });
    await admin.connect();
    try {
      expect((await admin.query<{ t: boolean }>("SELECT pg_terminate_backend($1) AS t", [pid])).rows[0]!.t).toBe(true);
    } finally {
      await admin.end();
    }
  }
  const backendPid = async (q: { $queryRawUnsafe: (sql: string) => Promise<unknown> }) => Number(((await q.$queryRawUnsafe("SELECT pg_backend_pid() AS pid")) as { pid: number }[])[0]!.pid);

  it.each([
    ["a statement inside it fails, then ROLLBACK fails", true],
    ["its last statement succeeded, then COMMIT fails", false],
  ])("give the connection back to the pool when %s", async (_name, queryAfterKill) => {
    const db = createDatabase(pgBaseUrl);
    try {
      await db.prisma.$queryRawUnsafe("SELECT 1");
      const failed = db.prisma.$transaction(async (tx) => {
        await terminate(await backendPid(tx));
        await pause(100);
        if (queryAfterKill) await tx.$queryRawUnsafe("SELECT 1");
      });
      await expect(failed).rejects.toThrow();
      await pause(50);
      expect(db.connections()!.inUse).toBe(0);
      // the pool is whole: ten transactions at once still find connections
      const sums = await Promise.all(Array.from({ length: 10 }, (_, i) => db.prisma.$transaction(async (tx) => (await tx.$queryRawUnsafe(`SELECT ${i} AS n`)) as unknown)));
      expect(sums).toHaveLength(10);
      expect(db.connections()!.inUse).toBe(0);
    } finally {
      await db.close();
    }
  });
});
