/**
 * Round 11: phase vs window by structure. Each block states the rule in our own wording, with cases that must change
 * and cases that must not. (Texts are our own, not copied from the sets.)
 */
import { describe, expect, it } from "vitest";
import { phrasingKit } from "./phrasing.js";

const { notice, read, phases, windows } = phrasingKit("关于开展校园安全专项整治的通知");

describe("a chain of dated ranges in one paragraph is the campaign's schedule (phases), whatever the layout", () => {
  const inline = "整治分三步：一是排查登记，3月4日至3月15日，各校全面登记校车；二是集中整治，3月18日至4月30日，会同交警开展检查；三是总结提高，5月1日至5月20日，建立长效机制。";
  it("reads an inline 一是…二是…三是 chain without 阶段 as three phases and no window", () => {
    expect(phases(inline)).toEqual(["2024-03-04|2024-03-15", "2024-03-18|2024-04-30", "2024-05-01|2024-05-20"]);
    expect(windows(inline)).toEqual([]);
  });
  it("reads 第一步，name（range） steps as phases, naming each by its work", () => {
    const r = read("行动分三步进行。第一步，摸底排查（3月4日至3月20日），摸清底数；第二步，集中整治（3月21日至4月30日），逐一整改；第三步，巩固总结（5月1日至5月15日），回头看。");
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-03-04|2024-03-20", "2024-03-21|2024-04-30", "2024-05-01|2024-05-15"]);
    expect(r.phases.map((p) => p.name)).toContain("摸底排查");
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("a bare month before a list of month-range phases joins them", () => {
    const b = "一、工作进度安排\n1．3月：各校逐栋排查登记。\n2．4月—6月：委托机构进行安全鉴定。\n3．7月—8月：制定加固计划。\n二、工作要求\n各校于3月25日前报送汇总表。";
    expect(phases(b)).toContain("2024-03-01|2024-03-31");
    expect(windows(b)).toEqual([]);
  });
  it("short contiguous days of a tour stay windows (each member must last ≥ 5 days)", () => {
    const b = "检查组3月4日至3月5日检查东区学校，3月6日至3月7日检查西区学校，3月8日至3月9日检查北区学校。";
    expect(phases(b)).toEqual([]);
  });
  it("ranges far apart in date (a gap over 7 days) are not a chain", () => {
    const b = "县教育局将于3月4日至3月10日开展消防演练，4月1日至4月8日开展安全知识竞赛，5月6日至5月12日开展应急培训。";
    expect(phases(b)).toEqual([]);
  });
  it("an isolated range attached to an event stays a window", () => {
    expect(phases("县教育局将于4月8日至4月19日对各校进行安全督查。")).toEqual([]);
  });
  it("two event ranges (a self-check, then the spot-check right after) are not a schedule", () => {
    const b = "一、自查时间\n3月8日—3月15日\n二、抽查\n3月16日至3月22日之间，县教育局对部分学校进行抽查。";
    expect(phases(b)).toEqual([]);
  });
  it("a part-of-month event after the phases (5月下旬召开总结会) stays a window", () => {
    const b = "一、工作步骤\n第一阶段：自查阶段，4月1日至4月30日。\n第二阶段：整改阶段，5月1日至5月20日。\n县教育局于5月下旬召开总结会。";
    expect(windows(b)).toContain("2024-05-21|2024-05-31");
    expect(phases(b)).toEqual(["2024-04-01|2024-04-30", "2024-05-01|2024-05-20"]);
  });
});

describe("a chain stays in one section", () => {
  it("a 督查 window under the next heading after a lone phase is not its next stage", () => {
    const b = "一、工作步骤\n第一阶段：自查阶段，4月1日至4月15日。\n二、工作要求\n县教育局将于4月16日至4月20日对各校进行督查。";
    expect(windows(b)).toContain("2024-04-16|2024-04-20");
  });
  it("the same chain inside one section is read as phases", () => {
    const b = "一、工作步骤\n第一阶段：自查阶段，4月1日至4月15日。\n第二阶段：整改阶段，4月16日至4月30日，各校逐项整改。\n二、工作要求\n各校于4月10日前报送自查表。";
    expect(phases(b)).toEqual(["2024-04-01|2024-04-15", "2024-04-16|2024-04-30"]);
  });
});

describe("立即 with no must-word: the sentence still orders the act at once", () => {
  const imm = (body: string) => read(body).deadlines.filter((d) => d.kind === "immediate").length;
  it("一律立即停止使用", () => expect(imm("经鉴定为危房的校舍，一律立即停止使用，并设置警示标志。")).toBe(1));
  it("发现隐患立即整改 (a found condition with no 的)", () => expect(imm("后勤处对消防通道进行检查，发现安全隐患立即整改。")).toBe(1));
  it("听到警报后，各班教师立即组织撤离 (a time clause naming who acts)", () => expect(imm("听到警报后，各班教师立即组织学生有序撤离。")).toBe(1));
  it("not a denied one, nor a report of what was done", () => {
    expect(imm("一律不得立即离校。")).toBe(0);
    expect(imm("接到通知后，各校立即组织了排查。")).toBe(0);
  });
  it("not 立即 inside an attribute (发现…不能马上整改的)", () => expect(imm("对发现不能马上整改的隐患，要建立台账。")).toBe(0));
});

describe("a lone dated range that nothing calls a stage is an event (window)", () => {
  const list = (item: string) => `现将本学期工作安排如下：\n1. ${item}\n2. 各班主任于9月29日前将名单报心理辅导室。\n3. 各班每学期至少召开一次主题班会。`;
  it("a task list's single dated item is a window", () => {
    const b = list("新生心理普查：9月9日至9月20日，心理辅导室组织七年级新生开展测评。");
    expect(phases(b, "2024年9月2日")).toEqual([]);
    expect(windows(b, "2024年9月2日")).toContain("2024-09-09|2024-09-20");
  });
  it("a lone range its line calls a stage (自查阶段) stays a phase", () => {
    const b = list("自查阶段：9月9日至9月20日，各班对照清单开展自查。");
    expect(phases(b, "2024年9月2日")).toEqual(["2024-09-09|2024-09-20"]);
  });
  it("a lone 第三阶段 moved to new dates stays a phase", () => {
    const b = "《方案》中第三阶段“督导检查”原定时间为6月1日—6月30日，现调整为6月11日至7月10日。";
    expect(phases(b, "2024年5月20日")).toEqual(["2024-06-11|2024-07-10"]);
  });
  it("a lone range under a 步骤/进度 heading stays a phase", () => {
    expect(phases("二、工作进度\n1. 排查整改：4月8日至4月19日，各校全面排查校舍。\n三、工作要求\n各校于4月30日前报送总结。")).toEqual(["2024-04-08|2024-04-19"]);
  });
});
