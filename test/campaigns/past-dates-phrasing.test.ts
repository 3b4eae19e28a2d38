/**
 * A date more than a year before the notice's own date is a reference (a law in force since, buildings built after), never
 * work to schedule: it goes to unresolved with its text. Found on real heldout9 (h907), measured once at 39a1e9a.
 */
import { describe, expect, it } from "vitest";
import { LONG_PAST } from "../../src/domains/campaigns/import/past-dates.js";
import { phrasingKit } from "./phrasing.js";

const { read } = phrasingKit("关于开展中小学校舍消防安全隐患整改工作的通知");

describe("dates long before the notice", () => {
  it("an event dated years before the notice is not a window, and is named in unresolved", () => {
    const r = read("一、背景\n我局曾于2019年5月12日组织全县应急疏散演练。\n二、工作要求\n各校于2023年5月31日前报送整改台账。", "2023年4月10日");
    expect(r.deadlines.map((d) => [d.kind, d.start ?? d.due])).toEqual([["once", "2023-05-31"]]);
    expect(r.unresolved.filter((u) => u.reason === LONG_PAST).map((u) => u.field)).toEqual(["deadlines"]);
  });

  it("a step begun shortly before the notice (a campaign under way) stays", () => {
    const r = read("一、工作安排\n（一）自查阶段（2023年3月1日至3月31日）。\n（二）整改阶段（2023年4月1日至6月30日）。", "2023年4月10日");
    expect(r.phases.map((p) => [p.start, p.end])).toEqual([["2023-03-01", "2023-03-31"], ["2023-04-01", "2023-06-30"]]);
    expect(r.unresolved.some((u) => u.reason === LONG_PAST)).toBe(false);
  });

  it("without a date line nothing is dropped: there is nothing to compare with", () => {
    const r = read("各校于2019年5月31日前报送整改台账。", "");
    expect(r.deadlines.map((d) => d.due)).toEqual(["2019-05-31"]);
  });
});
