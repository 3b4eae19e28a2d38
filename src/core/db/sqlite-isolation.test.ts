import { afterEach, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "../../../test/support/db.js";

describe("SQLite: a write outside a transaction is not caught in someone else's rollback", () => {
  let t: TestDb;
  afterEach(() => t?.cleanup());

  it("keeps a plain write made while another transaction is open and then rolls back", async () => {
    t = await freshDb("sqlite");
    const p = t.db.prisma;
    let inTx!: () => void;
    const txStarted = new Promise<void>((r) => (inTx = r));
    let finishTx!: () => void;
    const txMayFinish = new Promise<void>((r) => (finishTx = r));
    const failing = p
      .$transaction(async (tx) => {
        await tx.chatBinding.create({ data: { chatId: "oc_in_tx" } });
        inTx();
        await txMayFinish;
        throw new Error("rolled back on purpose");
      })
      .catch((e: Error) => e.message);
    await txStarted;
    const plain = p.chatBinding.create({ data: { chatId: "oc_outside" } });
    finishTx();
    expect(await failing).toBe("rolled back on purpose");
    await plain;
    const ids = (await p.chatBinding.findMany()).map((r) => r.chatId);
    expect(ids).toEqual(["oc_outside"]);
  });

  it("still serialises concurrent transactions and plain queries without losing any", async () => {
    t = await freshDb("sqlite");
    const p = t.db.prisma;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? p.chatBinding.create({ data: { chatId: `oc_${i}` } })
          : p.$transaction(async (tx) => {
              await tx.chatBinding.create({ data: { chatId: `oc_${i}` } });
            }),
      ),
    );
    expect(await p.chatBinding.count()).toBe(20);
  });
});
