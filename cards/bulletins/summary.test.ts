/** Card splitting without a database: 600 units, all missing, long names — every card valid, nobody lost. */
import { describe, expect, it } from "vitest";
import { validateCard } from "../../src/sim/rules/index.js";
import type { Figures, Summary, UnitSummary } from "../../src/domains/bulletins/types.js";
import { bureauCards, cardBytes, noticeCards, unitTableCards, type BulletinView } from "./summary.js";
import { schoolCard } from "./school.js";
import { reviewCard, editCard, publishedCard } from "./review.js";

const figures = (i: number): Figures => ({
  cases: { opened: i % 7, closed: i % 3, overdue: i % 2, open: i % 5, bySeverity: { minor: i % 4, serious: i % 2, criminal: 0 }, major: 0, byKind: { physical: 1, verbal: 2, cyber: 0, property: 0, exclusion: 1 }, byPlace: { inSchool: 3, offCampus: 1 } },
  patrols: { planned: 22, done: i % 23, missed: 1, rate: Math.round(((i % 23) / 22) * 1000) / 10 },
  findings: { raised: 3, closed: 1, open: 2 },
  reports: { owed: 2, onTime: 0, late: 0, missing: 2, pending: 0 },
});

function summary(n: number): Summary {
  const units: UnitSummary[] = Array.from({ length: n }, (_, k) => ({
    unitKey: `s${k}`,
    unit: `某某区第${k + 1}九年一贯制实验学校（北校区）*特殊_字符*`,
    kind: "school",
    ...figures(k),
    submitted: "missing",
    items: [
      { deadlineKey: "monthly", title: "学校安全隐患排查整治月报表（附件3）", due: "2021-10-25", state: "missing" },
      { deadlineKey: "self", title: "防范学生欺凌工作自查表（附件2）", due: "2021-10-25", state: "missing" },
    ],
  }));
  return {
    campaignId: "c",
    campaignTitle: "防范学生欺凌专项治理攻坚行动",
    window: { key: "2021-10", label: "2021年10月", firstDay: "2021-10-01", lastDay: "2021-10-31" },
    asOf: "2021-10-26T01:00:00.000Z",
    totals: figures(5),
    previous: null,
    change: null,
    units,
    missing: units.map((u) => ({ unitKey: u.unitKey, unit: u.unit, items: u.items.map((i) => i.title) })),
    series: [{ month: "2021-09", opened: 3, closed: 1 }, { month: "2021-10", opened: 9, closed: 4 }],
  };
}

const view = (n: number, note?: string): BulletinView => ({ summary: summary(n), kind: "monthly", asOfText: "截至2021年10月26日 09:00", note });

describe("bulletin cards at scale", () => {
  it("600 units: table and 通报 split over valid cards, every unit exactly once in each", () => {
    const v = view(600, "请各校".repeat(100));
    const cards = bureauCards(v);
    for (const c of cards) {
      const r = validateCard(c);
      expect(r.ok, JSON.stringify(r).slice(0, 200)).toBe(true);
    }
    const tables = unitTableCards(v);
    expect(tables.length).toBeGreaterThan(2);
    const rows = tables.flatMap((c) => (c.body.elements.find((e) => e.tag === "table") as unknown as { rows: { u: string }[] }).rows.map((r) => r.u));
    expect(rows).toEqual(v.summary.units.map((u) => u.unit));
    const notices = noticeCards(v);
    expect(notices.length).toBeGreaterThan(1);
    const text = JSON.stringify(notices);
    for (let k = 1; k <= 600; k++) expect(text).toContain(`某某区第${k}九年一贯制`);
    expect(notices[0].header!.title.content).toMatch(/（1\/\d+）/);
  });

  it("packs each card up to the size budget and no further (measured incrementally)", () => {
    const v = view(900);
    for (const budget of [4_000, 9_000, 30_720]) {
      const tables = unitTableCards(v, budget);
      const rowsOf = (c: (typeof tables)[number]) => (c.body.elements.find((e) => e.tag === "table") as unknown as { rows: Record<string, unknown>[] }).rows;
      expect(tables.flatMap((c) => rowsOf(c).map((r) => r.u))).toEqual(v.summary.units.map((u) => u.unit));
      tables.forEach((c, i) => {
        expect(cardBytes(c)).toBeLessThanOrEqual(budget);
        // Greedy: the next card's first row would not have fitted here (10 bytes: the "99/99" reserved for part numbers).
        if (i < tables.length - 1) expect(cardBytes(c) + cardBytes(rowsOf(tables[i + 1]!)[0]) + 1).toBeGreaterThan(budget - 10);
      });
      const notices = noticeCards(v, budget);
      const linesOf = (c: (typeof notices)[number]) => JSON.stringify(c).match(/- 某某区第\d+九年一贯制.*?未报送/g) ?? [];
      expect(notices.flatMap(linesOf)).toHaveLength(v.summary.missing.length);
      notices.forEach((c, i) => {
        expect(cardBytes(c)).toBeLessThanOrEqual(budget);
        if (i < notices.length - 1) expect(cardBytes(c) + cardBytes(linesOf(notices[i + 1]!)[0])).toBeGreaterThan(budget - 10);
      });
    }
  });

  it("user-ish text is escaped in markdown and plain in titles", () => {
    const v = view(1, "**加粗** <at id=all></at>");
    const s = JSON.stringify(bureauCards(v)[0]);
    expect(s).not.toContain("<at id=all>");
    const school = schoolCard(v, v.summary.units[0]);
    expect(school.header!.title.content).toContain("*特殊_字符*");
    expect(validateCard(school).ok).toBe(true);
  });

  it("review, edit and published cards are valid", () => {
    const r = { ...view(30, "按语"), bulletinId: "b1", audience: "局工作群 1 个、各单位工作群 30 个" };
    for (const c of [reviewCard(r), editCard(r), editCard(r, { error: "按语不能超过 500 字" }), publishedCard(r, "李主任", "2021年10月26日 10:00")]) expect(validateCard(c).ok).toBe(true);
  });

  it("nothing missing, nobody late: no 通报 card", () => {
    const v = view(3);
    v.summary.missing = [];
    for (const u of v.summary.units) u.submitted = "on-time";
    expect(noticeCards(v)).toEqual([]);
  });
});
