/**
 * Phrasings behind the misses of blind5, blind6 (measured once at d977174) and real heldout7, and the leftovers noticed in
 * round 7. Each text below is our own, written to show one general rule; none is copied from a measured notice.
 */
import { describe, expect, it } from "vitest";
import { phrasingKit, readLayout } from "./phrasing.js";

const { notice } = phrasingKit("关于开展校园安全专项检查的通知", { issuer: "某某区教育局", date: "2023年3月1日" });
const read = readLayout;

describe("round 8 phrasings: phase layouts", () => {
  it("steps of a 程序 section written （一）<range>:名称 are phases, 次年<month> and a month range included", () => {
    const { phases } = read(
      notice("二、验收程序\n(一)2023年4月3日-4月28日:各校自查申报\n    各校对照标准自查。\n(二)2023年10月-11月:区级验收\n    区里组织验收组。\n(三)次年2月:结果通报\n    通报结果。", "2023年3月20日"),
    );
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-28"],
      ["2023-10-01", "2023-11-30"],
      ["2024-02-01", "2024-02-29"],
    ]);
  });
  it("一是名称（A到B），二是… after 分N步 are phases whatever the names end in", () => {
    const { phases, kinds } = read(
      notice("三、工作安排\n本次活动分两步实施：一是摸底登记（4月6日到4月20日），各校建立台账；二是集中整治（4月21日至5月31日），逐项销号。"),
    );
    expect(phases).toEqual([
      ["2023-04-06", "2023-04-20"],
      ["2023-04-21", "2023-05-31"],
    ]);
    expect(kinds).toEqual([]);
  });
  it("一是…（range） without an announced number of steps is left to the other readers (no phase)", () => {
    const { phases } = read(notice("三、工作要求\n一是加强值守（4月6日至4月20日），二是做好宣传。"));
    expect(phases).toEqual([]);
  });
});

describe("round 8 phrasings: relative limits with other anchors", () => {
  it("a one-word event before 后 (灾后/震后/事发后) anchors a limit", () => {
    const { r } = read(notice("各校要在震后2日内上报校舍受损情况；事发后3个工作日内报送书面材料。"));
    expect(r.deadlines.map((d) => [d.kind, d.days, d.dayType])).toEqual([
      ["relative", 2, "unspecified"],
      ["relative", 3, "working"],
    ]);
  });
  it("a decision or a finding anchors a limit (作出…决定后 / 认定后)", () => {
    const { r } = read(notice("学校应在作出处分决定后5日内书面告知家长，并在认定后3个工作日内报区教育局备案。"));
    expect(r.deadlines.map((d) => [d.kind, d.days, d.dayType])).toEqual([
      ["relative", 5, "unspecified"],
      ["relative", 3, "working"],
    ]);
  });
  it("发现…后，要在N个工作日内 — a finding, then the limit in a later clause", () => {
    const { r } = read(notice("各校发现校车超员后，须在1个工作日内报县交通安全办公室。"));
    expect(r.deadlines.map((d) => [d.kind, d.days, d.dayType])).toEqual([["relative", 1, "working"]]);
  });
});

describe("round 8 phrasings: immediate duties", () => {
  it("立即 after a fronted object (对…立即整改) is an immediate duty", () => {
    expect(read(notice("各校全面排查，对排查出的问题立即整改到位。")).kinds).toEqual(["immediate"]);
  });
  it("立即 after a condition (发现…的，立即停止…) is an immediate duty", () => {
    expect(read(notice("检查中发现设施存在安全隐患的，立即停止使用并设置警示标志。")).kinds).toEqual(["immediate"]);
  });
  it("并立即 after a duty (应…并立即…) is an immediate duty; a reported fact with 并立即 is not", () => {
    expect(read(notice("各单位发现隐患，应及时登记并立即组织处置。")).kinds).toEqual(["immediate"]);
    expect(read(notice("去年该校接到群众反映并立即组织了排查。")).kinds).toEqual([]);
  });
  it("a denied report (无须立即报告) is not an immediate duty", () => {
    expect(read(notice("一般性问题无须立即报告，于月度总结中汇总即可。")).kinds).toEqual([]);
  });
});

describe("round 8 phrasings: years and spans", () => {
  it("次年 before a single due day gives it the year after the notice's", () => {
    const { r } = read(notice("各校于5月20日前报送方案；次年1月10日前报送年度总结。", "2023年4月6日"));
    expect(r.deadlines.map((d) => [d.kind, d.due])).toEqual([
      ["once", "2023-05-20"],
      ["once", "2024-01-10"],
    ]);
  });
  it("a whole month the notice decides on (决定在2023年5月开展…活动) is the span, not a window", () => {
    const { r, kinds } = read(notice("学校决定在2023年5月开展“防溺水宣传月”活动。各班于5月26日前上交总结。", "2023年4月28日"));
    expect(r.span).toMatchObject({ start: "2023-05-01", end: "2023-05-31" });
    expect(kinds).toEqual(["once"]);
  });
});

describe("round 8 phrasings: the dated steps of a check", () => {
  it("under 检查方式, numbered steps with a bracketed range are phases; the period they tile is the span, not a window", () => {
    const { r, phases, kinds } = read(
      notice("一、检查时间\n2023年6月5日-2023年6月9日。\n二、检查方式\n(一)部门自查(2023年6月5日-2023年6月7日)\n各部门对照清单自查。\n(二)学校抽查(2023年6月8日-2023年6月9日)\n后勤处组织抽查。", "2023年6月1日"),
    );
    expect(phases).toEqual([
      ["2023-06-05", "2023-06-07"],
      ["2023-06-08", "2023-06-09"],
    ]);
    expect(kinds).toEqual([]);
    expect(r.span).toMatchObject({ start: "2023-06-05", end: "2023-06-09" });
  });
  it("under 检查方式, a numbered step and its 时间: line (per-site days too) is a phase from its first day to its last", () => {
    const { phases, kinds } = read(
      notice("(二)检查方式\n本次检查分为院系自查、学校督查两个阶段。\n1.院系自查\n自查时间:2023年5月8日—2023年5月10日\n自查内容:全面排查。\n2.学校督查\n督查时间:2023年5月11-12日(东校区),5月15日(西校区)\n督查组组成:保卫处等。", "2023年5月4日"),
    );
    expect(phases).toEqual([
      ["2023-05-08", "2023-05-10"],
      ["2023-05-11", "2023-05-15"],
    ]);
    expect(kinds).toEqual([]);
  });
  it("outside a check's 方式 section a numbered name(range) stays a window", () => {
    const { phases } = read(notice("三、工作要求\n(一)集中宣传(2023年6月5日-2023年6月7日)\n各校组织宣传。", "2023年6月1日"));
    expect(phases).toEqual([]);
  });
});

describe("round 8 phrasings: events, the school calendar, reports", () => {
  it("an event announced by its 旬 and restated under its own time label is one window, on the labelled day", () => {
    const { r } = read(notice("我校将于5月中旬开展新生心理测评工作。\n二、测评时间\n本次测评时间为2023年5月16日，各班按时参加。", "2023年5月4日"));
    expect(r.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-05-16", "2023-05-16"]]);
  });
  it("a 旬 announcement with no labelled restatement stays a window over the 旬", () => {
    const { r } = read(notice("我校将于5月中旬开展新生心理测评工作。", "2023年5月4日"));
    expect(r.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-05-11", "2023-05-20"]]);
  });
  it("a term's reporting day (报到) is the school calendar, not a due day", () => {
    expect(read(notice("今年暑假自7月3日起，8月30日报到，8月31日正式开学。教师于8月27日到校报到。", "2023年6月20日")).kinds).toEqual([]);
  });
  it("a range opening a clause and followed at once by the work done in it is a window", () => {
    const { r } = read(notice("教师8月27日到校，8月28日至30日集中培训、备课，做好开学准备。", "2023年6月20日"));
    expect(r.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-08-28", "2023-08-30"]]);
  });
  it("the check a notice reports on (…通报如下) is not a task; its due day for fixes is", () => {
    const { r } = read(notice("3月1日，保卫处对各学院进行消防检查，现将检查发现的问题通报如下：\n各学院于3月8日前提交整改报告。", "2023年3月1日"));
    expect(r.deadlines.map((d) => [d.kind, d.due ?? d.start])).toEqual([["once", "2023-03-08"]]);
  });
});

describe("round 8 phrasings: a one-off event's time, glossed phase names", () => {
  it("when the notice decides on one drill/training, the period under its bare 时间 label is also that event's window", () => {
    const { r } = read(notice("为提高应急能力，特决定组织开展地震疏散演练活动。具体事项通知如下：时间:2023年5月8日—5月12日,每日上午10:00。地点:操场", "2023年5月4日"));
    expect(r.span).toMatchObject({ start: "2023-05-08", end: "2023-05-12" });
    expect(r.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-05-08", "2023-05-12"]]);
  });
  it("a campaign (not a one-off event) with a 时间 label keeps it as the span only", () => {
    const { r } = read(notice("区教育局决定开展校园安全专项整治行动。时间:2023年5月8日—6月30日。", "2023年5月4日"));
    expect(r.span).toMatchObject({ start: "2023-05-08", end: "2023-06-30" });
    expect(r.deadlines).toEqual([]);
  });
  it("a phase name may carry a bracketed gloss: 第一阶段:学校(幼儿园)自查阶段(A—B)", () => {
    const { phases } = read(notice("第一阶段:学校(幼儿园)自查阶段(5月8日—5月19日)。各校全面自查。\n第二阶段:督查阶段(5月22日—5月26日)。", "2023年5月4日"));
    expect(phases).toEqual([
      ["2023-05-08", "2023-05-19"],
      ["2023-05-22", "2023-05-26"],
    ]);
  });
});

describe("round 8 phrasings: blank dates", () => {
  it("a wholly blank window (于　月　日至　月　日开展…) is an undated window + unresolved", () => {
    const { r } = read(notice("各校于　月　日至　月　日开展应急疏散演练。"));
    expect(r.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", null, null]]);
    expect(r.unresolved.some((u) => u.field === "deadlines" && /空白/.test(u.reason))).toBe(true);
  });
  it("本月　日前 (the day left blank) is an undated once + unresolved", () => {
    const { r } = read(notice("请各班于本月　日前上交安全承诺书。"));
    expect(r.deadlines.map((d) => [d.kind, d.due])).toEqual([["once", null]]);
    expect(r.unresolved.some((u) => u.field === "deadlines" && /空白/.test(u.reason))).toBe(true);
  });
  it("a blank phase range stays the phase's (no extra window)", () => {
    const { r, kinds } = read(notice("二、工作步骤\n（一）动员部署阶段（　月　日至　月　日）\n（二）集中整治阶段（　月　日至　月　日）"));
    expect(r.phases.map((p) => [p.start, p.end])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(kinds).toEqual([]);
  });
});

describe("round 8: long sentences (the readers look near each date)", () => {
  it("a 'sentence' thousands of characters long (no full stops) still gives each dated clause its own deliverable", () => {
    const filler = "并做好宣传教育和隐患排查工作".repeat(200);
    const { r } = read(notice(`各校要于3月10日前报送自查报告，${filler}，各校于3月20日前报送整改方案`));
    expect(r.deadlines.map((d) => [d.kind, d.due, d.title])).toEqual([
      ["once", "2023-03-10", "自查报告"],
      ["once", "2023-03-20", "整改方案"],
    ]);
  });
});

describe("round 8 phrasings: a limit counted before an event", () => {
  it("须提前N天向…请假/申请 is a relative limit (N days ahead of the event)", () => {
    const { r } = read(notice("确需外出的学生，须提前三天向班主任办理请假手续；举办大型活动的，应提前5个工作日报备。"));
    expect(r.deadlines.map((d) => [d.kind, d.days, d.dayType])).toEqual([
      ["relative", 3, "unspecified"],
      ["relative", 5, "working"],
    ]);
  });
  it("提前 without a must-word, or 提前完成 (ahead of schedule), is no limit", () => {
    expect(read(notice("部分学校提前两天完成了自查。各校可提前完成整改。")).kinds).toEqual([]);
  });
});
