/**
 * A district of 300 schools with long names: the bureau's table is split over cards that each
 * pass the simulator's card rules (≤ 30 KB, ≤ 5 tables, ≤ 200 components), every school is in
 * exactly one table row, and the 通报 names every school that did not submit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "../support/db.js";
import { CARD_MAX_BYTES, validateCard } from "../../src/sim/rules/index.js";
import { runBulletinJob } from "../../src/domains/bulletins/jobs.js";
import { monthlySummary } from "../../src/domains/bulletins/service.js";
import { BUREAU_CHAT, OCT_BULLETIN, expected, makeWorld, seedWorld, type World } from "./world.js";
import { cardText, harness, outboxMessages, tableRows } from "./support.js";

describe("monthly bulletin, 300 schools", () => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await freshDb("sqlite");
    w = makeWorld(300, 300, { longNames: true });
    await seedWorld(t.db, w);
  }, 180_000);
  afterAll(async () => t?.cleanup());

  it("splits the table so every card fits, names every school once and every missing one in the 通报", { timeout: 120_000 }, async () => {
    const h = harness(t.db, OCT_BULLETIN);
    const r = await runBulletinJob(h, OCT_BULLETIN);
    expect(r.created).toBe(1);
    const msgs = await outboxMessages(t.db);
    let biggest = 0;
    for (const m of msgs) {
      const v = validateCard(m.card);
      expect(v.ok, `${m.key}: ${JSON.stringify(v).slice(0, 300)}`).toBe(true);
      if (v.ok) {
        biggest = Math.max(biggest, v.stats.bytes);
        expect(v.stats.tables).toBeLessThanOrEqual(5);
        expect(v.stats.charts).toBeLessThanOrEqual(5);
      }
    }
    expect(biggest).toBeLessThanOrEqual(CARD_MAX_BYTES);
    const bureau = msgs.filter((m) => m.to === BUREAU_CHAT);
    const tableCards = bureau.filter((m) => tableRows(m.card!).length > 0);
    expect(tableCards.length).toBeGreaterThan(1); // one card could not hold 300 rows
    const names = tableCards.flatMap((m) => tableRows(m.card!).map((x) => x.u));
    expect(names).toHaveLength(301); // 300 schools + the department
    expect(new Set(names).size).toBe(301);
    const missing = w.schools.filter((s) => expected(w, s.key, "2021-10", OCT_BULLETIN).submitted === "missing");
    expect(missing.length).toBeGreaterThan(20);
    const noticeText = bureau
      .filter((m) => cardText(m.card).includes("通报：未按时报送单位"))
      .map((m) => cardText(m.card))
      .join("\n");
    for (const s of missing) expect(noticeText).toContain(`${s.name}：月报表 未报送`);
    // the patrol chart keeps to the 20 lowest completion rates
    const charts = bureau.flatMap((m) => (m.card!.body as { elements: { tag: string; chart_spec?: { data: { values: unknown[] }[] } }[] }).elements.filter((e) => e.tag === "chart"));
    expect(charts.some((c) => c.chart_spec!.data[0].values.length === 20)).toBe(true);
    // each school group got its own card
    expect(msgs.filter((m) => m.to?.startsWith("oc_school_"))).toHaveLength(300);
    // informational only (speed belongs to the benchmarks): how long one summary of 300 schools takes here
    const t0 = performance.now();
    await monthlySummary(t.db.prisma, "bt-2021-anti-bullying", "2021-10", OCT_BULLETIN);
    console.info(`300 schools: ${msgs.length} messages, ${tableCards.length} table cards, largest card ${biggest} bytes, summary ${Math.round(performance.now() - t0)} ms`);
  });
});
