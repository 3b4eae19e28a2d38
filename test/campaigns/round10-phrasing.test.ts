/**
 * Round 10: safety nets against invention (one text read twice, the span read as an item) and general rules for the
 * layouts blind11–14 missed. Each block states the rule in our own wording, with cases that must become items and cases
 * that must not.
 */
import { describe, expect, it } from "vitest";
import { phrasingKit } from "./phrasing.js";

const { notice, read, phases, windows } = phrasingKit("关于做好校园安全工作的通知");

describe("net: a schedule row read both as a phase and as a window is one item, the phase", () => {
  const table = (rows: string) => `二、时间安排\n\n  阶段          时间                     主要内容\n${rows}\n三、工作要求\n各学校于1月10日前报送排查表。`;
  const rows =
    "  宣传发动      12月下旬                 召开专题会议，开展寒假安全教育\n" +
    "  集中排查      次年1月1日至1月15日       对校舍、取暖设施全面排查整改\n" +
    "  假期管控      1月16日至2月22日          落实假期值班和巡查";
  it("keeps the rows as phases (次年 in a row's date cell too) and reads no window from them", () => {
    const r = read(table(rows), "2023年12月20日");
    expect(r.phases.map((p) => `${p.name}|${p.start}|${p.end}`)).toEqual([
      "宣传发动|2023-12-21|2023-12-31",
      "集中排查|2024-01-01|2024-01-15",
      "假期管控|2024-01-16|2024-02-22",
    ]);
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("keeps a window whose dates are not a phase's", () => {
    const w = windows("一、工作步骤\n第一阶段：自查阶段，4月1日至4月15日。\n二、工作要求\n县教育局将于4月16日至4月20日对各校进行督查。");
    expect(w).toEqual(["2024-04-16|2024-04-20"]);
  });
  it("keeps a separate sentence that happens to give a phase's dates", () => {
    const w = windows("整治工作分三个阶段进行：8月20日至8月31日为学校自查阶段，各校全面自查；9月21日至9月30日为检查验收阶段，逐校验收。县教体局将于9月下旬组成检查组抽查。", "2024年8月15日");
    expect(w).toEqual(["2024-09-21|2024-09-30"]);
  });
  it("keeps a window that only shares a start with a phase", () => {
    const w = windows("一、工作步骤\n第一阶段：自查阶段，4月1日至4月15日。\n二、工作要求\n县教育局将于4月1日至4月10日对各校进行督查。");
    expect(w).toEqual(["2024-04-01|2024-04-10"]);
  });
});

describe("net: the campaign's own period is the span, not one more window", () => {
  it("a decided range with 联合/集中开展 is the span and no window", () => {
    const r = read("市教育局、市公安局决定于2024年9月至12月联合开展学校周边治安综合治理专项行动。各学校于12月25日前报送工作总结。", "2024年9月2日");
    expect(r.span).toMatchObject({ start: "2024-09-01", end: "2024-12-31" });
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("a decided month written in Chinese numerals (九月份) is the span", () => {
    const r = read("我校决定在九月份开展“交通安全宣传月”活动，现将具体安排通知如下。各班于9月19日前交手抄报。", "2024年8月28日");
    expect(r.span).toMatchObject({ start: "2024-09-01", end: "2024-09-30" });
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("a one-off event's own time stays its window", () => {
    const r = read("为提高师生应急能力，我校决定组织开展灭火器使用演练活动。\n时间：12月12日—12月16日\n地点：操场", "2024年12月1日");
    expect(r.deadlines.filter((d) => d.kind === "window").map((d) => `${d.start}|${d.end}`)).toEqual(["2024-12-12|2024-12-16"]);
  });
  it("a window inside the span is kept", () => {
    const w = windows("决定于2024年9月至12月集中开展专项行动。县教育局将于10月中旬对各校进行督查。", "2024年9月2日");
    expect(w).toEqual(["2024-10-11|2024-10-20"]);
  });
});

describe("a named 阶段 opening a clause, its period in brackets, is a phase", () => {
  it("reads a run of named phases after 分三个阶段", () => {
    expect(phases("此次专项工作分三个阶段进行：宣传发动阶段（5月6日—5月12日），各校召开专题班会；集中整治阶段（5月13日—8月20日），逐一排查危险水域；总结阶段（8月21日—8月31日），形成工作报告。", "2024年4月29日"))
      .toEqual(["2024-05-06|2024-05-12", "2024-05-13|2024-08-20", "2024-08-21|2024-08-31"]);
  });
  it("once the phases are announced, a whole month and an open end are phases' periods", () => {
    const r = read("创建工作分三个阶段实施：启动部署阶段（2025年3月），制定创建方案；推进创建阶段（2025年4月—9月），逐项落实；评估命名阶段（2025年10月以后），组织评估。", "2025年2月26日");
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2025-03-01|2025-03-31", "2025-04-01|2025-09-30", "2025-10-01|null"]);
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("not without a range when no phases are announced, not a due day, not 这个阶段", () => {
    expect(phases("各校要抓好宣传发动阶段（2024年3月），营造氛围。")).toEqual([]);
    expect(phases("各校在自查阶段（4月15日前）完成台账。")).toEqual([]);
    expect(phases("学校在这个阶段（4月1日—4月15日）要全面自查。")).toEqual([]);
  });
});

describe("once the phases are announced, a named 阶段 with its period straight after is a phase", () => {
  it("reads 自查阶段3月1日-3月15日 in a run after 分三个阶段", () => {
    expect(phases("本次大排查分三个阶段进行:自查阶段3月1日-3月15日,各校逐项自查;整改阶段3月16日-4月20日,逐项销号;复查阶段4月21日-4月30日,县局复查验收.", "2021年2月26日"))
      .toEqual(["2021-03-01|2021-03-15", "2021-03-16|2021-04-20", "2021-04-21|2021-04-30"]);
  });
  it("not without the announcement", () => {
    expect(phases("各校要做好自查阶段3月1日-3月15日的工作,确保质量.", "2021年2月26日")).toEqual([]);
  });
});

describe("a run of numbered items, each a name with its bracketed period, in order, is the schedule", () => {
  it("reads dated headings as phases (a whole 旬 too, a year turned)", () => {
    const body = "一、放假前安全排查（12月20日至1月10日）\n各校要全面排查，排查表请于1月8日前报送。\n二、假期安全管理\n各校落实值班制度。\n三、春季开学前检查（2月1日至2月10日）\n各校开学前再检查一遍。";
    expect(phases(body, "2022年12月20日")).toEqual(["2022-12-20|2023-01-10", "2023-02-01|2023-02-10"]);
    const lines = "二、工作安排\n一是自查自纠（3月15日至4月10日）。各学校逐项开展自查。\n二是抽查检查（4月11日至5月20日）。各区县联合抽查。\n三是总结通报（5月下旬）。各地梳理整治情况。";
    expect(phases(lines, "2024年3月8日")).toEqual(["2024-03-15|2024-04-10", "2024-04-11|2024-05-20", "2024-05-21|2024-05-31"]);
  });
  it("not a lone dated heading, not due days, not items out of order", () => {
    expect(phases("一、安全排查（4月1日至4月10日）\n各校全面排查。\n二、工作要求\n各校落实。")).toEqual([]);
    expect(phases("一、自查（4月10日前）\n各校自查。\n二、整改（4月30日前）\n各校整改。")).toEqual([]);
    expect(phases("一、督查（5月1日至5月10日）\n县局督查。\n二、自查（4月1日至4月20日）\n各校自查。")).toEqual([]);
  });
});

describe("smaller general readings (blind11–14)", () => {
  const rel = (body: string) => read(body).deadlines.filter((d) => d.kind === "relative").map((d) => `${d.days}|${d.dayType}`);
  it("续报 is an action: a follow-up report within N days is a limit", () => {
    expect(rel("事故处置有新进展的，应在7日内续报。")).toEqual(["7|unspecified"]);
    expect(rel("近7日内续报的情况不再重复统计。")).toEqual([]);
  });
  it("a full stop typed as '.' after Chinese text ends a sentence: a period opening the next is when its work runs", () => {
    expect(windows("(四)加强指导.10月下旬,区辅导中心将组织专家到各校开展巡回指导.", "2025年9月1日")).toEqual(["2025-10-21|2025-10-31"]);
    expect(windows("(四)加强指导.截至10月下旬,区辅导中心已开展了巡回指导.", "2025年9月1日")).toEqual([]);
  });
  it("an event's time heading over a line opening with one day is that event's day", () => {
    expect(windows("一、演练时间\n2024年4月18日（星期四）上午9:30（如遇雨天顺延）\n二、演练地点\n园内操场", "2024年4月1日")).toEqual(["2024-04-18|2024-04-18"]);
    expect(windows("一、演练时间\n2024年4月18日前各班自行安排\n二、演练地点\n园内操场", "2024年4月1日")).toEqual([]);
    expect(windows("一、工作时间\n2024年4月18日起各校落实值班\n二、要求\n各校落实。", "2024年4月1日")).toEqual([]);
  });
});

describe("one activity held by group on its own days (分别) is one window", () => {
  it("from the first group's day to the last's", () => {
    expect(windows("初一年级9月10日、初二年级9月12日、初三年级9月15日分别开展“小小交通劝导员”实践活动。", "2025年8月28日")).toEqual(["2025-09-10|2025-09-15"]);
  });
  it("not without 分别, not out of order", () => {
    expect(windows("初一年级9月10日、初二年级9月12日报送名单。", "2025年8月28日")).toEqual([]);
    expect(windows("初一年级9月15日、初二年级9月12日分别开展实践活动。", "2025年8月28日")).toEqual([]);
  });
});

describe("a step dated per grade, the grade after its day, is one phase", () => {
  it("from the first grade's day to the last's", () => {
    expect(phases("第二步：分年级开展安全教育（4月11-12日一、二年级，4月13日三、四年级，4月14日五、六年级）。由班主任开展教育。", "2016年4月1日"))
      .toEqual(["2016-04-11|2016-04-14"]);
  });
  it("not a list of grades' due days", () => {
    expect(phases("三、各年级于4月11日前报送名单。\n（4月13日前三、四年级，4月14日前五、六年级）", "2016年4月1日")).toEqual([]);
  });
});

describe("a row of a 阶段 table with its date cell left blank is an undated phase", () => {
  const table = (row: string) => `二、整治步骤\n\n    阶段          时间                   主要任务\n  排查摸底   9月15日至9月30日     建立问题清单\n${row}\n\n三、工作要求\n各校落实。`;
  it("an undated phase + unresolved, no undated window", () => {
    const r = read(table("  总结验收   （  月  日至  月  日）  总结成效，组织验收"), "2016年9月1日");
    expect(r.phases.map((p) => `${p.name}|${p.start}|${p.end}`)).toEqual(["排查摸底|2016-09-15|2016-09-30", "总结验收|null|null"]);
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
    expect(r.unresolved.some((u) => u.field === "phases[1]")).toBe(true);
  });
  it("outside a 阶段 table a blank range stays an undated window", () => {
    const r = read("各校于　月　日至　月　日开展自查。", "2016年9月1日");
    expect(r.phases).toEqual([]);
    expect(r.deadlines.filter((d) => d.kind === "window").map((d) => `${d.start}|${d.end}`)).toEqual(["null|null"]);
  });
});
