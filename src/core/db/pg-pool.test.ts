import { describe, expect, it } from "vitest";
import pg from "pg";
import { PG_SKIP_MESSAGE, pgBaseUrl } from "../../../test/support/db.js";
import { createPgPool, GuardedPgClient } from "./pg-pool.js";

describe("GuardedPgClient", () => {
  it("takes an 'error' with nobody else listening, where a plain pg client throws", () => {
    const err = new Error("terminating connection due to administrator command");
    expect(() => new pg.Client({ connectionString: "postgresql://nobody@127.0.0.1:1/x" }).emit("error", err)).toThrow(err.message);
    expect(() => new GuardedPgClient({ connectionString: "postgresql://nobody@127.0.0.1:1/x" }).emit("error", err)).not.toThrow();
  });
});

describe.skipIf(!pgBaseUrl)(`the bot's PostgreSQL pool${pgBaseUrl ? "" : ` — ${PG_SKIP_MESSAGE}`}`, () => {
  it("survives the server terminating a connection that is checked out between queries, and serves the next query", async () => {
    const pool = createPgPool(pgBaseUrl, { max: 2 });
    const admin = new pg.Client({ connectionString: pgBaseUrl });
    await admin.connect();
    try {
      const held = await pool.connect(); // checked out: pg-pool no longer listens on it, no query runs
      const pid = (await held.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const ended = new Promise<void>((resolve) => held.once("end", () => resolve()));
      const r = await admin.query<{ t: boolean }>("SELECT pg_terminate_backend($1) AS t", [pid]);
      expect(r.rows[0]!.t).toBe(true);
      await ended; // the 57P01 message arrived and was emitted as 'error' before the socket closed
      held.release(new Error("connection terminated"));
      expect((await pool.query<{ n: number }>("SELECT 1 AS n")).rows[0]!.n).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
