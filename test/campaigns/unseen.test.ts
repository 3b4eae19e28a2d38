import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateUnseen, UNSEEN } from "./unseen.js";

/**
 * The goal of issue 3 on notices the importer was not developed against:
 * ≥ 90% of phases and deadlines exactly right, 0 invented.
 * fixtures/unseen: written before the importer was run on them (first run 29/32, 0 invented;
 *   the misses led to generic rules: weekly, clause-initial windows, longer 每学期…N次).
 * fixtures/holdout: written after those changes (first run 18/18 items, 0 invented).
 * fixtures/holdout2: Chinese-numeral dates and a plan crossing the new year (first run 6/11,
 *   3 invented: year-less January/February dates of a December notice got the old year; fixed by
 *   reading year-less dates inside the known span, or as next year's when they would fall more
 *   than 45 days before the issue date; and by "（一）名称：日期" phase lines).
 * fixtures/holdout3: deadline phrasing (17:00前, 截止时间为, 最迟不超过) and limits in later clauses
 *   of an anchored sentence (first run 5/10, 1 wrong kind; fixed generically).
 * fixtures/holdout4: "（一）名称（日期）" under "行动安排", "第一步，…", a span in "决定于…至…开展…行动"
 *   (first run 7/13, 1 extra window that was the campaign span; fixed generically).
 * fixtures/holdout5: Traditional + year end, web repost, "1. 日期到日期，名称。", several phases in one
 *   sentence, "（一）名称（12月11日至次年1月19日）", 2月中下旬 (first run 18/30 = 60 %, 1 wrong; fixed generically).
 * fixtures/holdout6: written after the holdout5 fixes — a markdown phase table, half-width punctuation, 工作进程,
 *   接报后 (first run 19/26 = 73.1 %, 0 wrong, 0 invented; fixed generically).
 * Run `npx tsx test/campaigns/unseen.ts [holdout]` for the per-file report.
 */
describe("importer on unseen notices", () => {
  for (const dir of [UNSEEN, join(UNSEEN, "../holdout"), join(UNSEEN, "../holdout2"), join(UNSEEN, "../holdout3"), join(UNSEEN, "../holdout4"), join(UNSEEN, "../holdout5"), join(UNSEEN, "../holdout6")]) {
    it(`${dir.split("/").pop()}: ≥ 90% exactly right, nothing invented`, () => {
      const e = evaluateUnseen(dir);
      expect(e.invented).toBe(0);
      expect(e.pct).toBeGreaterThanOrEqual(90);
      for (const f of e.perFile) if (f.membersRight !== undefined) expect(f.membersRight, f.file).toBe(true);
    });
  }
  it("never turns blanks or hour limits into dates", async () => {
    const { importNotice } = await import("../../src/domains/campaigns/importer.js");
    const r = importNotice("关于X的通知\n\n各校务必在____年__月__日前完成整改。发现事件后24小时内报告。\n");
    // a wholly blank deadline is kept undated (round-7 contract ruling): {kind: once, due: null} + unresolved — never a date
    expect(r.deadlines.map((d) => [d.kind, d.due])).toEqual([["once", null]]);
    expect(r.unresolved.map((u) => u.reason).join()).toMatch(/日期空白.*小时|小时.*日期空白/);
  });
});
