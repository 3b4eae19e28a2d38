import { describe, expect, it } from "vitest";
import { createDatabase } from "./client.js";
import { sqliteSynchronous } from "./url.js";
import { freshSqliteUrl } from "../../../test/support/db.js";

describe("SQLite commit durability", () => {
  it("reads ?synchronous= from the URL, NORMAL unless FULL is asked for", () => {
    expect(sqliteSynchronous("file:./data/bot.db")).toBe("NORMAL");
    expect(sqliteSynchronous("file:./data/bot.db?synchronous=full")).toBe("FULL");
    expect(sqliteSynchronous("file:./data/bot.db?connection_limit=1&synchronous=FULL")).toBe("FULL");
    expect(sqliteSynchronous("file:./data/bot.db?synchronous=off")).toBe("NORMAL");
  });

  it("sets it on the connection Prisma's adapter opens", async () => {
    for (const [suffix, level] of [["", 1n], ["?synchronous=full", 2n]] as const) {
      const db = createDatabase(freshSqliteUrl() + suffix);
      try {
        const rows = await db.prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
        expect(BigInt(rows[0]!.synchronous)).toBe(level);
      } finally {
        await db.close();
      }
    }
  });
});
