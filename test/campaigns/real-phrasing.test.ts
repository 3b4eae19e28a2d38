/**
 * Phrasings found on the DEV half of the real public notices (fixtures/real, texts kept outside the repo).
 * The sentences below are our own, written to show each general rule; they are not copies of the notices.
 */
import { describe, expect, it } from "vitest";
import { importNotice } from "../../src/domains/campaigns/importer.js";

const items = (t: string) => {
  const r = importNotice(t);
  return { r, phases: r.phases.map((p) => [p.start, p.end]), deadlines: r.deadlines.map((d) => ({ kind: d.kind, due: d.due, start: d.start, end: d.end, rule: d.rule })) };
};

describe("real-notice phrasings (dev half)", () => {
  it("several phases on one line, labelled 第X阶段（日期）：名称, one bracket left unclosed", () => {
    const { phases } = items("关于开展校园安全检查的通知\n二、时间安排\n1、第一阶段(4月8日—4月15日)：学校自查，第二阶段(4月16日—18日)：抽查，第三阶段(4月19日—22日：整改。\n某某中学\n2019年4月1日\n");
    expect(phases).toEqual([
      ["2019-04-08", "2019-04-15"],
      ["2019-04-16", "2019-04-18"],
      ["2019-04-19", "2019-04-22"],
    ]);
  });
  it("a （一）名称阶段（日期） phase inside a paragraph whose line breaks were lost, with spaced digits", () => {
    const { phases } = items("2021年防溺水专项行动方案\n五、工作步骤 分两个阶段进行: (一)宣传发动阶段( 5 月上旬 — 5 月 20 日 ) 各校开展宣传。 (二)集中整治阶段( 5 月 21 日 — 8 月 31 日 ) 各校排查整治。\n");
    expect(phases).toEqual([
      ["2021-05-01", "2021-05-20"],
      ["2021-05-21", "2021-08-31"],
    ]);
  });
  it("第X阶段为<month range>, several in one sentence", () => {
    const { phases } = items("新闻稿\n2017年03月02日 10:00\n通知指出，行动分两个阶段，第一阶段为3月—6月，主要是自查；第二阶段为9月—11月，主要是督查。\n");
    expect(phases).toEqual([
      ["2017-03-01", "2017-06-30"],
      ["2017-09-01", "2017-11-30"],
    ]);
  });
  it("a nameless 第X阶段：日期 whose year nowhere appears: the phase is kept undated, never given a year", () => {
    const { r, phases, deadlines } = items("专项行动实施方案\n三、时间安排\n第一阶段：3月1日至3月20日。各校自查，并于3月15日前报送自查表。\n");
    expect(phases).toEqual([[null, null]]);
    expect(deadlines).toEqual([{ kind: "once", due: null, start: undefined, end: undefined, rule: undefined }]);
    expect(r.unresolved.filter((u) => /缺少年份/.test(u.reason)).length).toBe(2);
  });
  it("每月…于次月N日前 is a monthly deadline on day N", () => {
    const { deadlines } = items("关于做好月报工作的通知\n从3月至6月，每月填写统计表，于次月5日前报送市教育局。\n市教育局\n2022年2月20日\n");
    expect(deadlines).toEqual([{ kind: "recurring", due: undefined, start: undefined, end: undefined, rule: { every: "month", day: 5 } }]);
  });
  it("检查时间：A至B is a window (the inspection), neither a phase nor the campaign span", () => {
    const { r, phases, deadlines } = items("关于迎接安全检查的通知\n二、时间安排\n1、检查时间：5月6日至7日；检查人员：各校分管校长。\n某某中学\n2020年4月28日\n");
    expect(phases).toEqual([]);
    expect(r.span.start).toBeNull();
    expect(deadlines).toEqual([{ kind: "window", due: undefined, start: "2020-05-06", end: "2020-05-07", rule: undefined }]);
  });
  it("a month followed by a number without 日 (在5月8前) is incomplete: unresolved, never the whole month", () => {
    const { r, deadlines } = items("关于报送方案的通知\n请各校将方案在 5 月 8前报送。\n县教育局\n2020年4月20日\n");
    expect(deadlines).toEqual([]);
    expect(r.unresolved.some((u) => /不完整/.test(u.reason))).toBe(true);
  });
  it("two different things due the same day are two deadlines; the same date restated is one", () => {
    const { deadlines } = items("关于考评工作的通知\n各学校于12月1日前完成自查。请各学区于11月24日前上交申报表，各直属学校于12月1日前上交到市教育局。\n各学校务必于12月1日前完成自查。\n市教育局\n2023年11月10日\n");
    expect(deadlines.map((d) => d.due)).toEqual(["2023-12-01", "2023-11-24", "2023-12-01"]);
  });
  it("a year-less date inside a span written with its years takes the span's year", () => {
    const { deadlines } = items("关于开展安全教育活动的通知\n三、活动时间2018年3月—2019年1月。\n四、市教育局于3月26日下午举行启动仪式。\n");
    expect(deadlines).toEqual([{ kind: "window", due: undefined, start: "2018-03-26", end: "2018-03-26", rule: undefined }]);
  });
  it("info-disclosure metadata gives the doc number and the issue date when the text has no such lines", () => {
    const { r } = items("信息名称：关于开展安全检查的通知\n文件编号：某教安〔2019〕7号 发布机构：市教育局\n生成日期：2019-05-06 公开日期：2019-05-07\n关于开展安全检查的通知\n各学校于5月20日前报送。\n");
    expect(r.docNumber).toBe("某教安〔2019〕7号");
    expect(r.issuedOn).toBe("2019-05-06");
  });

  it("a signature dated 2019.4.2 / 2019、4、2 is the issue date (and gives the year)", () => {
    expect(importNotice("关于报送活动情况的通知\n请各校于4月12日前报送。\n教育局办公室\n2019.4.2\n").issuedOn).toBe("2019-04-02");
    const { deadlines } = items("关于报送活动情况的通知\n请各校于4月12日前报送。\n教育局办公室\n2019、4、2\n");
    expect(deadlines.map((d) => d.due)).toEqual(["2019-04-12"]);
  });
  it("a weekday with its date in brackets before 之前 is the due day", () => {
    const { deadlines } = items("关于填报自查表的通知\n请各单位于下周三(5月6日)之前将自查表送至教育局。\n某区教育局\n2020年4月28日\n");
    expect(deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2020-05-06"]]);
  });
  it("a period in brackets after 期间 is a window; without a year it is kept undated", () => {
    expect(items("关于暑期安全的通知\n暑假期间（7月10日至8月31日），各校每周安排人员值守。\n县教育局\n2021年7月1日\n").deadlines).toEqual([{ kind: "window", due: undefined, start: "2021-07-10", end: "2021-08-31", rule: undefined }]);
    expect(items("简讯\n放假期间（7月10日至8月31日），各校每周安排人员值守。\n").deadlines).toEqual([{ kind: "window", due: undefined, start: null, end: null, rule: undefined }]);
  });
});

/** Round 2: phrasings from the first held-out half (now dev). Sentences are our own. */
describe("real-notice phrasings (held-out half, round 2)", () => {
  it("a day followed by a hand-in verb is a due day even without 前; two hand-ins on the same day stay two", () => {
    const { deadlines } = items("关于排查校舍的通知\n请各校把排查报告于10月8日交中心校，把隐患台账于10月8日上报教育局。\n某某中心校\n2019年9月25日\n");
    expect(deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2019-10-08"], ["once", "2019-10-08"]]);
  });
  it("a day followed by an event (于…举行) is still a window, and a news report's 于…发布 is not a deadline", () => {
    expect(items("关于开展演练的通知\n学校定于5月12日举行全校疏散演练。\n某某小学\n2022年5月1日\n").deadlines.map((d) => d.kind)).toEqual(["window"]);
    const { deadlines } = items("关于开展演练的通知\n教育部于5月12日发布了指南，各校认真学习。\n某某小学\n2022年5月14日\n");
    expect(deadlines.filter((d) => d.kind === "once")).toEqual([]);
  });
  it("a date directly followed by 对…检查 in running text is when the inspection happens (Chinese-numeral month too)", () => {
    const { deadlines } = items("关于做好迎检工作的通知\n各校要做好准备，迎接省厅十月中旬对我县校园安全工作的督查。\n县教育局\n2020年9月28日\n");
    expect(deadlines).toEqual([{ kind: "window", due: undefined, start: "2020-10-11", end: "2020-10-20", rule: undefined }]);
  });
  it("本周X前 / 下周X前 count from the issue date (weeks Monday–Sunday); without an issue date they stay unresolved", () => {
    // 2021-03-10 is a Wednesday
    const { deadlines } = items("关于报送自查表的通知\n请各班本周五前交自查表，下周二前交整改清单。\n学生处\n2021年3月10日\n");
    expect(deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2021-03-12"], ["once", "2021-03-16"]]);
    const past = items("关于报送自查表的通知\n请各班本周一前交自查表。\n学生处\n2021年3月10日\n");
    expect(past.deadlines).toEqual([]);
    expect(past.r.unresolved.some((u) => /早于发文日期/.test(u.reason))).toBe(true);
    const none = items("关于报送自查表的通知\n请各班本周五前交自查表。\n");
    expect(none.deadlines).toEqual([]);
    expect(none.r.unresolved.some((u) => /未找到发文日期/.test(u.reason))).toBe(true);
  });
  it("决定于A至B对…开展<anything> is the campaign's own period (span), not a window", () => {
    const { r, deadlines } = items("关于开展校舍安全排查的通知\n经研究，决定于2023年3月6日至3月10日对全县中小学开展校舍安全专项排查，请各校做好准备。\n县教育局\n2023年3月1日\n");
    expect([r.span.start, r.span.end]).toEqual(["2023-03-06", "2023-03-10"]);
    expect(deadlines).toEqual([]);
  });
  it("a title glued to the body (line breaks lost) still gives the title and its year", () => {
    const { r, phases } = items(
      "2023年某县中小学防范电信诈骗宣传活动方案为提高师生防骗意识，根据上级要求，结合我县实际，制定本方案，请各校认真组织实施并按时报送材料。 三、时间安排 (一)宣传阶段(3 月 1 日-3 月 20 日)。各校开展宣传。 (二)总结阶段(3 月 21 日-3 月 31 日)。各校总结。",
    );
    expect(r.title).toBe("2023年某县中小学防范电信诈骗宣传活动方案");
    expect(phases).toEqual([["2023-03-01", "2023-03-20"], ["2023-03-21", "2023-03-31"]]);
  });
  it("an inspection-time heading with the date alone on the next line is a window", () => {
    const { r, deadlines } = items("关于开展食堂安全检查的通知\n各学校：\n一、检查时间\n2021年11月上旬\n二、检查内容\n食品安全。\n市教育局\n2021年10月20日\n");
    expect(r.span.start).toBeNull();
    expect(r.phases).toEqual([]);
    expect(deadlines).toEqual([{ kind: "window", due: undefined, start: "2021-11-01", end: "2021-11-10", rule: undefined }]);
  });
  it("截止日期：X月X日 (with a colon) is a due day", () => {
    const { deadlines } = items("关于征集安全手抄报的通知\n各班上交一份作品。截止日期：5月15日。\n德育处\n2019年4月28日\n");
    expect(deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2019-05-15"]]);
  });
});

/** Fixes after the single heldout2 run (round 2, "after fixes"). Sentences are our own. */
describe("real-notice phrasings (heldout2, after its single run)", () => {
  it("pinyin glosses from template sites are noise; a year run into 学校/春季 in the title dates the text", () => {
    const { r, deadlines } = items("2021学校春季开(kāi)学(xué)安全检查通知\n一、检查时(shí)间\n3月8日—12日。\n");
    expect(r.title).toBe("2021学校春季开学安全检查通知");
    expect(deadlines).toEqual([{ kind: "window", due: undefined, start: "2021-03-08", end: "2021-03-12", rule: undefined }]);
  });
  it("a Chinese-numeral date line written with ○ is the issue date", () => {
    expect(importNotice("关于报送值班表的通知\n各单位于5月3日前报送值班表。\n校长办公室\n二○一九年四月二十六日\n").issuedOn).toBe("2019-04-26");
  });
  it("with no other year, the year inside the quoted title of the basis notice dates the text (reported as inferred)", () => {
    const { r, deadlines } = items("各学院：\n根据《关于开展2019年度实验室安全检查的通知》要求，请于6月5日前报送自查表。\n");
    expect(deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2019-06-05"]]);
    expect(r.unresolved.some((u) => u.field === "year" && /依据文件标题/.test(u.reason))).toBe(true);
  });
  it("N日内 after an event that closes (闭幕) is a relative limit", () => {
    const r = importNotice("关于报送总结的通知\n运动会闭幕后3日内报送总结。\n某中学\n2022年10月1日\n");
    expect(r.deadlines.map((d) => [d.kind, d.days, d.dayType])).toEqual([["relative", 3, "unspecified"]]);
  });
  it("截稿时间：日期 is a due day", () => {
    const { deadlines } = items("关于安全主题征文的通知\n二、报送\n1.截稿时间：2022年5月20日。\n团委\n2022年4月1日\n");
    expect(deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2022-05-20"]]);
  });
  it("an inspection-time heading whose next line carries a time of day too", () => {
    const { deadlines } = items("关于开展节前检查的通知\n二、检查时间\n2023年9月27日下午14:30\n三、参加人员\n各部门负责人。\n保卫处\n2023年9月25日\n");
    expect(deadlines).toEqual([{ kind: "window", due: undefined, start: "2023-09-27", end: "2023-09-27", rule: undefined }]);
  });
  it("名称阶段为A至B, several in one sentence, is a phase each; a day that does not exist leaves that phase undated", () => {
    const { phases } = items("简讯\n整治从2019年3月至2019年6月，排查阶段为3月5日至4月10日；整改阶段为4月11日至5月31日；验收阶段为6月1日至6月31日。\n");
    expect(phases).toEqual([["2019-03-05", "2019-04-10"], ["2019-04-11", "2019-05-31"], [null, null]]);
  });
  it("X前完成Y阶段 is a phase ending that day (start unknown), not a deadline", () => {
    const { phases, deadlines } = items("关于开展食堂检查的通知\n检查分两个阶段，3月10日前完成自查阶段，4月20日前完成抽查阶段。\n市教育局\n2021年3月1日\n");
    expect(phases).toEqual([[null, "2021-03-10"], [null, "2021-04-20"]]);
    expect(deadlines).toEqual([]);
  });
  it("（一）A—B：activity… steps of an 安排 section are phases, even when the activity is long or on the next lines", () => {
    const { phases } = items("关于举办安全绘画比赛的通知\n三、具体安排\n（一）4月1日—4月10日：各校宣传发动，组织学生报名。\n（二）4月11日—4月25日：\n1、学生创作。\n2、各校初评。\n县教育局\n2020年3月25日\n");
    expect(phases).toEqual([["2020-04-01", "2020-04-10"], ["2020-04-11", "2020-04-25"]]);
  });
  it("a date opening a sentence, then who acts and (a few clauses later) what they do, is a window; a report with 了 is not", () => {
    expect(items("关于禁毒宣传的通知\n（二）宣传日活动。5月20日，各校要在校门口，采用设点、发资料等方式，开展宣传。\n县教育局\n2019年5月6日\n").deadlines).toEqual([
      { kind: "window", due: undefined, start: "2019-05-20", end: "2019-05-20", rule: undefined },
    ]);
    expect(items("简讯\n5月20日，各校在校门口，采用设点等方式，开展了宣传。\n县教育局\n2019年5月21日\n").deadlines).toEqual([]);
  });
  it("于N日前 without a month takes the month of the date just before it in the sentence; an earlier day is unresolved", () => {
    const { deadlines } = items("关于假前检查的通知\n各单位于6月20日前完成自查，学校将于28日前组织抽查。\n保卫处\n2022年6月10日\n");
    expect(deadlines.map((d) => [d.kind, d.due]).sort()).toEqual([["once", "2022-06-20"], ["once", "2022-06-28"]]);
    const { r, deadlines: d2 } = items("关于假前检查的通知\n各单位于6月20日前完成自查，学校将于8日前组织抽查。\n保卫处\n2022年6月1日\n");
    expect(d2.map((d) => d.due)).toEqual(["2022-06-20"]);
    expect(r.unresolved.some((u) => /没有写月份/.test(u.reason))).toBe(true);
  });
  it("without an issue date, a footer 'YYYY年M月D日印发' reads a far-earlier year-less January as next year's", () => {
    const { r, deadlines } = items("关于冬季消防工作的通知\n各校12月20日前报送方案，1月10日前报送自查表。\n某区教育局办公室 2015年12月3日印发\n");
    expect(r.issuedOn).toBeNull();
    expect(deadlines.map((d) => d.due)).toEqual(["2015-12-20", "2016-01-10"]);
  });
});

/** Fixes after the single heldout3 run ("after fixes"). Sentences are our own. */
describe("real-notice phrasings (heldout3, after its single run)", () => {
  const windows = (t: string) => importNotice(t).deadlines.filter((d) => d.kind === "window").map((d) => [d.start, d.end]);
  it("a weekday with 下周, or three time words, between a date and 之前/前 still make it a due day", () => {
    const { deadlines } = items("关于报送自查表的通知\n请于4月12日(下周五)17:00之前上交自查表，并于4月19日(周五)下午5点前报送整改清单。\n保卫处\n2021年4月6日\n");
    expect(deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2021-04-12"], ["once", "2021-04-19"]]);
  });
  it("a numbered 自查时间 heading keeps its date line, and the next numbered item is not glued to it", () => {
    expect(windows("关于实验室自查的通知\n1、自查时间\n2022年5月9日—5月13日\n2、自查范围\n各实验室。\n设备处\n2022年5月6日\n")).toEqual([["2022-05-09", "2022-05-13"]]);
  });
  it("the month written once for a day range (5月6-10日) and 月 once for a month range (9-10月)", () => {
    const { deadlines } = items("关于安全抽查的通知\n各部门：\n5月6-10日之间学校将对各部门进行抽查。省厅将于2021年9-10月期间进行复查。\n保卫处\n2021年4月30日\n");
    expect(deadlines.map((d) => [d.start, d.end])).toEqual([["2021-05-06", "2021-05-10"], ["2021-09-01", "2021-10-31"]]);
  });
  it("one line per site under an inspection-time heading: one window each", () => {
    expect(windows("关于节前检查的通知\n（二）节前安全检查时间：\n北校区：4月28日上午9:00-11:00\n南校区：4月29日下午 2:30-4:30\n保卫处\n2022年4月25日\n")).toEqual([
      ["2022-04-28", "2022-04-28"],
      ["2022-04-29", "2022-04-29"],
    ]);
  });
  it("a sentence opening with the date, a weekday and a time, then where and what (在…召开) is a window; a report (了) is not", () => {
    expect(windows("关于召开安全会议的通知\n一、会议安排\n2021年9月6日(星期一)下午3:00在行政楼会议室召开安全工作会议。\n办公室\n2021年9月1日\n")).toEqual([["2021-09-06", "2021-09-06"]]);
    expect(windows("简讯\n2021年9月6日下午在行政楼会议室召开了安全工作会议。\n办公室\n2021年9月7日\n")).toEqual([]);
  });
  it("several activities each with a bare 时间： line are windows, and none of them is the campaign span", () => {
    const r = importNotice("关于开展消防宣传活动的通知\n一、消防展板展示\n时间：11月2日-11月8日\n二、灭火演练\n时间：2020年11月5日 15:00\n保卫处\n2020年10月30日\n");
    expect(r.span.start).toBeNull();
    expect(r.deadlines.map((d) => [d.start, d.end])).toEqual([["2020-11-02", "2020-11-08"], ["2020-11-05", "2020-11-05"]]);
  });
  it("a bare 时间 heading whose next line is a day with a time range and a weekday is a window; so is 会议时间 + '…开始，会期半天'", () => {
    expect(windows("关于举办讲座的通知\n一、时间：\n2019年5月15日14:30至16:00（星期三）；\n二、地点：报告厅\n保卫处\n2019年5月10日\n")).toEqual([["2019-05-15", "2019-05-15"]]);
    expect(windows("关于召开推进会的通知\n一、会议时间\n2022年6月8日(周三)上午9:00开始，会期半天。\n二、会议地点\n三楼会议室。\n市教育局\n2022年6月6日\n")).toEqual([["2022-06-08", "2022-06-08"]]);
  });
  it("a list of periods after 时间为 gives one window each; an element with a typo is unresolved, never guessed", () => {
    const r = importNotice("关于宿舍检查的通知\n本学期检查两次，具体时间为3月10日-3月14日、4月7日-4月11日，每日19:00-21:00。\n学生处\n2023年2月20日\n");
    expect(r.deadlines.map((d) => [d.start, d.end])).toEqual([["2023-03-10", "2023-03-14"], ["2023-04-07", "2023-04-11"]]);
    const bad = importNotice("关于宿舍检查的通知\n具体时间为3月10日-3日14日、4月7日-4月11日。\n学生处\n2023年2月20日\n");
    expect(bad.deadlines.map((d) => [d.start, d.end])).toEqual([["2023-04-07", "2023-04-11"]]);
    expect(bad.unresolved.some((u) => u.raw === "3月10日-3日14日")).toBe(true);
  });
  it("further bare days listed after a one-day event (10月26日（A校区）、28日（B校区）) are windows of the same month", () => {
    expect(windows("关于举行消防演练的通知\n演练将分别于11月3日（东区）、5日（西区）举行。\n保卫处\n2021年10月28日\n")).toEqual([
      ["2021-11-03", "2021-11-03"],
      ["2021-11-05", "2021-11-05"],
    ]);
  });
  it("an event announced, then restated under its time label, is one window; two labelled activities on one day stay two", () => {
    expect(windows("关于举行培训的通知\n我处拟于2022年5月18日举行消防培训。\n一、培训时间：5月18日（周三）14:00\n保卫处\n2022年5月10日\n")).toEqual([["2022-05-18", "2022-05-18"]]);
    expect(windows("关于消防活动的通知\n一、讲座\n时间：2022年5月18日 14:00\n二、演练\n时间：2022年5月18日 16:00\n保卫处\n2022年5月10日\n")).toEqual([
      ["2022-05-18", "2022-05-18"],
      ["2022-05-18", "2022-05-18"],
    ]);
  });
});

/** Fixes after the single heldout4 run ("after fixes"). Sentences are our own. */
describe("real-notice phrasings (heldout4, after its single run)", () => {
  it("when a rule takes effect (将于9月1日起施行) is not a task; a campaign that starts on a day still is", () => {
    expect(importNotice("关于转发安全管理规定的通知\n《规定》将于3月1日起施行，请各校组织学习。\n市教育局\n2022年2月10日\n").deadlines).toEqual([]);
    expect(importNotice("关于转发安全管理规定的通知\n新规定自2022年3月1日起实施。\n市教育局\n2022年2月10日\n").deadlines).toEqual([]);
    expect(importNotice("关于开展排查的通知\n市教育局将于3月1日起组织检查组开展督导检查。\n市教育局\n2022年2月10日\n").deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2022-03-01", null]]);
  });
  it("steps announced by '…安排如下：' and opening with their dates (一、A~B，who does what) are phases", () => {
    const { phases, deadlines } = items("各学院：\n现将实验室安全检查工作安排如下：\n一、5月6日~5月15日，各学院对本院实验室进行自查。\n二、5月18日~5月22日，设备处组织抽查。\n三、其他要求。\n设备处\n二零一九年四月三十日\n");
    expect(phases).toEqual([["2019-05-06", "2019-05-15"], ["2019-05-18", "2019-05-22"]]);
    expect(deadlines).toEqual([]);
  });
  it("a phase numbered with an Arabic ordinal in brackets, its dates a year-month range: (1)名称阶段(2024年3月-5月)", () => {
    const { phases } = items("实施方案\n4、实施步骤(1)排查阶段(2023年9月-10月)。各校排查。(2)整治阶段(2023年11月-12月)。各校整治。\n");
    expect(phases).toEqual([["2023-09-01", "2023-10-31"], ["2023-11-01", "2023-12-31"]]);
  });
});


/** Fixes after the single heldout5 run ("after fixes"). Sentences are our own. */
describe("real-notice phrasings (heldout5, after its single run)", () => {
  it("a named phase with its period in brackets after the colon, the text running on: 名称阶段:(2023年4月—5月)请…", () => {
    const { phases } = items("消防检查安排\n1、部门自查阶段:(2023年4月—5月)各部门对照清单自查。\n2、学校抽查阶段:(2023年6月上旬)保卫处抽查。\n保卫处\n2023年3月20日\n");
    expect(phases).toEqual([["2023-04-01", "2023-05-31"], ["2023-06-01", "2023-06-10"]]);
  });
  it("a phase label ending with its period is a heading: the next line is not glued onto its date", () => {
    const { phases } = items("工作方案\n第一阶段:2021年3月—5月\n各班开展主题教育。\n第二阶段:2021年5月—7月\n学校组织全面自查。\n");
    expect(phases).toEqual([["2021-03-01", "2021-05-31"], ["2021-05-01", "2021-07-31"]]);
  });
  it("第X阶段 with its name, and its period on the next line as 时间:…, is a phase (not a window)", () => {
    const { phases, deadlines } = items("2023交通安全宣传活动方案\n四、活动安排\n第一阶段:宣传动员\n时间:3月—4月\n各校召开动员会。\n第二阶段:集中宣传\n时间:5月—6月\n内容:各校开展宣传。\n");
    expect(phases).toEqual([["2023-03-01", "2023-04-30"], ["2023-05-01", "2023-06-30"]]);
    expect(deadlines).toEqual([]);
  });
  it("a year opening the title straight before its first word (2023交通安全…) dates the notice", () => {
    expect(importNotice("2023交通安全宣传活动方案\n各班于5月10日前上交手抄报。\n").deadlines.map((d) => d.due)).toEqual(["2023-05-10"]);
  });
  it("a template's blanked year (第二阶段:20xx年9月—12月) keeps the phase without dates, never a year from elsewhere", () => {
    const { phases } = items("某中学2021年度工作方案\n第一阶段:20xx年3月—6月\n各班开展教育。\n第二阶段:20xx年9月—12月\n学校自查。\n");
    expect(phases).toEqual([[null, null], [null, null]]);
  });
  it("从6月1日起…为期N天 is a window of those N days; 活动时间 followed by a whole month (going on with 其中…) is the span", () => {
    const { r, deadlines } = items("禁毒宣传计划\n三、活动时间\n2019年5月,其中从5月6日起开展为期5天的集中宣传。\n四、要求\n各校认真组织。\n");
    expect(deadlines).toEqual([{ kind: "window", due: undefined, start: "2019-05-06", end: "2019-05-10", rule: undefined }]);
    expect([r.span.start, r.span.end]).toEqual(["2019-05-01", "2019-05-31"]);
  });
  it("the year of an annual day's origin story (…1992年…将每年11月9日定为…) does not date the notice's own days", () => {
    const { deadlines } = items("消防日活动策划书\n1992年,公安部发出通知,将每年11月9日定为消防宣传日。\n各班于11月8日前出一期黑板报。\n");
    expect(deadlines.map((d) => [d.kind, d.due])).toEqual([["once", null]]);
  });
});
describe("real-notice phrasings (heldout5, after its single run) — cited requirements", () => {
  it("a frequency cited as a standing requirement (…每季度一次的检查要求) is not a recurring task; a plain one still is", () => {
    expect(importNotice("关于做好安全工作的通知\n各校要落实食堂每季度一次的检查要求。\n市教育局\n2021年3月1日\n").deadlines).toEqual([]);
    expect(importNotice("关于做好安全工作的通知\n各校每季度开展一次食堂检查。\n市教育局\n2021年3月1日\n").deadlines.map((d) => d.rule)).toEqual([{ every: "3 months" }]);
  });
});
describe("real-notice phrasings (heldout5, after its single run) — activities' own times", () => {
  it("a short numbered heading, then a line opening with the day, a time range and a comma: that activity's window", () => {
    const { deadlines } = items("宣传日活动方案\n(三)举办广场宣传活动\n2020年12月4日上午9时-11时，组织志愿者在广场发放资料。\n");
    expect(deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2020-12-04", "2020-12-04"]]);
  });
  it("a period standing alone as the first sentence of a line under an activity heading is that activity's window", () => {
    const { deadlines } = items("宣传月方案\n1、法律知识进社区活动\n2020年11月16日至11月27日。各单位到社区开展宣传。\n");
    expect(deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2020-11-16", "2020-11-27"]]);
  });
  it("A启动，B完成 is one window from start to finish; without a year it stays undated", () => {
    expect(items("活动安排\n2、各班制作展板，2021年5月6日启动，5月20日完成，由德育处负责。\n").deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2021-05-06", "2021-05-20"]]);
    expect(items("活动安排\n2、各班制作展板，5月6日启动，5月20日完成，由德育处负责。\n").deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", null, null]]);
  });
  it("a broken sentence ending in 于 is still joined with its date on the next line", () => {
    expect(items("关于报送材料的通知\n1、请各校于\n5月20日前报送材料。\n市教育局\n2021年5月6日\n").deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2021-05-20"]]);
  });
});
describe("real-notice phrasings (heldout5, after its single run) — an event with its place", () => {
  it("a sentence opening with a day and time whose activity gives its place (…，地点：…) is that event's window", () => {
    expect(items("四、活动安排\n3、2022年6月24日下午3:00禁毒知识讲座，地点：学校报告厅。\n").deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2022-06-24", "2022-06-24"]]);
    // a place mentioned after a date in running text, not opening the sentence, is not enough
    expect(items("四、活动安排\n学生曾于去年参观，今年6月24日的讲座另行通知，地点：报告厅。\n").deadlines).toEqual([]);
  });
});
describe("real-notice phrasings (heldout5, after its single run) — numbered items opening with a year", () => {
  it("'3、2022年…' is item 3 opening with a date: not glued onto the line before it", () => {
    expect(items("活动安排\n3、2022年6月24日下午3:00禁毒知识讲座，地点：学校报告厅。\n").deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2022-06-24", "2022-06-24"]]);
  });
});
describe("real-notice phrasings (heldout5, after its single run) — an occasion used for an activity", () => {
  it("利用周一（5月6日）升旗仪式… / 利用5月13日班会课… is when that activity happens; a date merely mentioned is not", () => {
    expect(items("四、活动安排\n1、利用周一(2019年5月6日)升旗仪式进行动员。\n2、利用5月13日班会课开展讨论。\n").deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2019-05-06", "2019-05-06"], ["window", "2019-05-13", "2019-05-13"]]);
    expect(items("四、活动安排\n各班利用课余时间学习，5月6日的材料已下发。\n").deadlines).toEqual([]);
  });
});
describe("real-notice phrasings (heldout6, after its single run)", () => {
  it("a numbered item opening with a day, then who acts (各单位在…转发…) is that day's activity; a report of what was done is not", () => {
    expect(items("三、活动内容\n1、2022年4月15日，各校在校园网站转发宣传材料。\n").deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2022-04-15", "2022-04-15"]]);
    expect(items("三、活动回顾\n1、2022年4月15日，各校在校园网站转发了宣传材料。\n").deadlines).toEqual([]);
  });
});
describe("common phrasings probed after heldout6 (our own sentences)", () => {
  it("lines 'A—B，名称阶段。' (the name after a comma, no 为) are phases, one line each; '12月，名称阶段。' is the whole month", () => {
    const { phases } = items("关于开展专项整治的通知\n三、时间安排\n9月1日—9月15日，动员部署阶段。\n9月16日—10月31日，自查自纠阶段。\n12月，总结验收阶段。\n县教育局\n2023年8月25日\n");
    expect(phases).toEqual([["2023-09-01", "2023-09-15"], ["2023-09-16", "2023-10-31"], ["2023-12-01", "2023-12-31"]]);
  });
  it("第一阶段为名称阶段（日期） keeps the name without the 为", () => {
    const { r } = items("关于开展专项整治的通知\n第一阶段为宣传发动阶段（9月1日至9月15日）。\n县教育局\n2023年8月25日\n");
    expect(r.phases.map((p) => [p.name, p.start, p.end])).toEqual([["宣传发动阶段", "2023-09-01", "2023-09-15"]]);
  });
});
describe("things that are not tasks (probed after heldout6, our own sentences)", () => {
  const H = "关于做好秋季开学安全工作的通知\n各学校：\n";
  const F = "\n县教育局\n2023年8月25日\n";
  it("the school calendar (于9月1日正式开学) is not a task; an activity on that day still is", () => {
    expect(items(H + "全县中小学于9月1日正式开学。" + F).deadlines).toEqual([]);
    expect(items(H + "各校于9月1日开展开学安全第一课。" + F).deadlines.map((d) => [d.kind, d.start])).toEqual([["window", "2023-09-01"]]);
  });
  it("a report of what already happened before the notice (…召开，会上传达了…) is not a task; a coming meeting is", () => {
    expect(items(H + "会议于8月20日上午在县教育局召开，会上传达了上级精神。" + F).deadlines).toEqual([]);
    expect(items(H + "8月22日，县教育局组织召开了秋季开学安全工作会议。" + F).deadlines).toEqual([]);
    expect(items(H + "县教育局定于8月30日上午召开安全工作会议，为了开好会议，请各校做好准备。" + F).deadlines.map((d) => [d.kind, d.start])).toEqual([["window", "2023-08-30"]]);
  });
});
describe("more common phrasings probed after heldout6 (our own sentences)", () => {
  const H = "关于开展隐患排查的通知\n各学校：\n";
  const F = "\n县教育局\n2023年8月25日\n";
  it("a due day written with dots or dashes before 前 (9.20前 / 2023.9.20前 / 2023-09-20前); a decimal or a metadata timestamp is not a date", () => {
    for (const d of ["9.20", "2023.9.20", "2023-09-20"]) expect(items(H + `请各校于${d}前报送台账。` + F).deadlines.map((x) => [x.kind, x.due]), d).toEqual([["once", "2023-09-20"]]);
    expect(items(H + "隐患整改率须达到9.5成以上。" + F).deadlines).toEqual([]);
    expect(items("开学检查通知\n时间:2022-06-20 03:23:53\n各校认真做好检查。\n").deadlines).toEqual([]);
  });
  it("第三阶段：名称（日期） is a phase even without a 步骤/阶段 section heading", () => {
    expect(items(H + "第三阶段：总结提升（11月1日—11月30日）。各校总结。" + F).phases).toEqual([["2023-11-01", "2023-11-30"]]);
  });
});
describe("year-end and numbered month steps (probed after heldout6, our own sentences)", () => {
  const H = "关于开展专项整治的实施方案\n各学校：\n";
  const F = "\n县教育局\n2023年8月25日\n";
  it("'2023年年底前' and '年底前' are due on 31 December", () => {
    expect(items(H + "各校要在2023年年底前完成整改。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-12-31"]]);
    expect(items(H + "各校年底前报送工作总结。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-12-31"]]);
  });
  it("'2.9月中旬至10月底：…' is item 2 opening with a month (not glued onto item 1): every step of the 安排 is a phase", () => {
    const { phases } = items(H + "四、工作安排\n1.9月上旬：各校制定工作方案。\n2.9月中旬至10月底：各校开展排查整治。\n3.11月：县教育局组织督查。" + F);
    expect(phases).toEqual([["2023-09-01", "2023-09-10"], ["2023-09-11", "2023-10-31"], ["2023-11-01", "2023-11-30"]]);
  });
});
describe("the notice's own campaign period (probed after heldout6, our own sentences)", () => {
  it("'各校于A至B期间开展专项整治行动' under a title naming that campaign is the span, not a window; another activity's period stays a window", () => {
    const a = items("关于开展校园安全专项整治行动的通知\n各学校：\n各校于9月1日至12月31日期间开展专项整治行动。\n县教育局\n2023年8月25日\n");
    expect([a.r.span.start, a.r.span.end, a.deadlines]).toEqual(["2023-09-01", "2023-12-31", []]);
    const b = items("关于开展校园安全专项整治行动的通知\n各学校：\n各校于9月1日至9月10日开展应急疏散演练。\n县教育局\n2023年8月25日\n");
    expect(b.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-09-01", "2023-09-10"]]);
  });
});
describe("reports, named weeks and glossed time phrases (probed after heldout6, our own sentences)", () => {
  const H = "关于加强校园安全管理的通知\n各学校：\n";
  const F = "\n县教育局\n2023年8月25日\n";
  it("a count as of a day (截至8月底，全县共…已…) is a report, not a deadline; 截至…报送 still is one", () => {
    expect(items(H + "截至2023年8月底，全县共排查隐患326处，已整改300处。" + F).deadlines).toEqual([]);
    expect(items(H + "截止到8月20日，已有15所学校完成自查。" + F).deadlines).toEqual([]);
    expect(items(H + "自查报告报送截至9月20日。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-09-20"]]);
  });
  it("a period named as an event week (A至B为安全教育周，…) is a window, also right after the addressee line", () => {
    expect(items(H + "9月1日至9月7日为开学安全教育周，各校要组织开展安全教育。" + F).deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-09-01", "2023-09-07"]]);
  });
  it("a date in brackets glossing a time phrase after 于 (于开学第一周（9月4日—9月8日）开展…) is that window", () => {
    expect(items(H + "各校要于开学第一周（9月4日—9月8日）开展应急疏散演练。" + F).deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-09-04", "2023-09-08"]]);
  });
});
describe("weeks and batches (probed after heldout6, our own sentences)", () => {
  const H = "关于开展宿舍安全检查的通知\n各学院：\n";
  const F = "\n学生处\n2023年11月6日\n";
  it("于第12周（11月20日—24日）组织… is that window", () => {
    expect(items(H + "学校将于第12周（11月20日—24日）组织检查组进行检查。" + F).deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-11-20", "2023-11-24"]]);
  });
  it("第一批…，第二批… each batch's days are a window", () => {
    expect(items(H + "检查分两批进行：第一批11月13日—17日，第二批11月20日—24日。" + F).deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-11-13", "2023-11-17"], ["window", "2023-11-20", "2023-11-24"]]);
  });
});
describe("more event labels (probed after heldout6, our own sentences)", () => {
  it("评审时间：11月下旬 / 讲座时间：10月20日下午 are those events' windows, like 检查时间", () => {
    const H = "关于开展安全征文活动的通知\n各学校：\n";
    const F = "\n县教育局\n2023年10月8日\n";
    expect(items(H + "评审时间：11月下旬。" + F).deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-11-21", "2023-11-30"]]);
    expect(items(H + "讲座时间：10月20日下午3:00。" + F).deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-10-20", "2023-10-20"]]);
  });
});
describe("spacing, slashes and 前往 (probed after heldout6, our own sentences)", () => {
  const H = "关于报送材料的通知\n各学校：\n";
  const F = "\n县教育局\n2023年8月25日\n";
  it("'于 9 月 20 日 前' (a space before 前) is still a due day; '9/20前' too", () => {
    expect(items(H + "请各校于 9 月 20 日 前报送。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-09-20"]]);
    expect(items(H + "请各校于9/20前报送。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-09-20"]]);
  });
  it("'于9月20日前往…' is going somewhere on that day (a window), not a due day", () => {
    expect(items(H + "请各校安全员于9月20日前往县教育局参加培训。" + F).deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-09-20", "2023-09-20"]]);
  });
});
describe("an excerpt opening with its addressees", () => {
  it("has no title (the addressee line is not taken as one)", () => {
    expect(importNotice("全校各相关单位：\n请于3月20日前报送。\n保卫处\n2022年3月1日\n").title).toBeNull();
    expect(importNotice("关于报送材料的通知\n全校各相关单位：\n请于3月20日前报送。\n保卫处\n2022年3月1日\n").title).toBe("关于报送材料的通知");
  });
});
describe("a period line under a time heading", () => {
  it("'二、时间安排' + 'A至B。…' is not read as one activity's window (that line is the campaign's own time)", () => {
    expect(items("关于开展专项整治的通知\n各学校：\n二、时间安排\n2023年9月1日至12月31日。全县开展专项整治。\n县教育局\n2023年8月25日\n").deadlines).toEqual([]);
  });
});
describe("guards on the report and school-calendar rules", () => {
  const H = "关于做好开学安全工作的通知\n各学校：\n", F = "\n县教育局\n2023年8月25日\n";
  it("'截至9月20日，各校须全部完成整改' is still a deadline; '截至8月20日，全县已完成…' is a report", () => {
    expect(items(H + "截至9月20日，各校须全部完成整改。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-09-20"]]);
    expect(items(H + "截至8月20日，全县已完成自查。" + F).deadlines).toEqual([]);
  });
});
describe("guards on 年底前 and the title year", () => {
  const H = "关于做好安全工作的通知\n各学校：\n", F = "\n县教育局\n2023年8月25日\n";
  it("学年末前 / 上年末 / 每年年底前 are not 31 December of the notice's year", () => {
    for (const c of ["各校要在学年末前完成评估。", "截至上年末，全县共有学校30所。", "各校每年年底前报送总结。"]) expect(items(H + c + F).deadlines.map((d) => d.due), c).not.toContain("2023-12-31");
  });
  it("a count opening the title (2000名学生…) is not a year", () => {
    expect(importNotice("2000名学生安全培训方案\n各校于5月10日前报送。\n").deadlines.map((d) => d.due)).toEqual([null]);
  });
});
describe("more phase layouts (probed after heldout6, our own sentences)", () => {
  const H = "关于开展校园安全专项整治的实施方案\n各学校：\n五、实施步骤\n";
  const F = "\n县教育局\n2023年8月25日\n";
  it("第一阶段（名称）：A—B", () => {
    expect(items(H + "第一阶段（宣传发动）：3月1日—3月10日。\n第二阶段（集中整治）：3月11日—4月30日。" + F).phases).toEqual([["2024-03-01", "2024-03-10"], ["2024-03-11", "2024-04-30"]]);
  });
  it("a table row copied as text: '第一阶段 名称 A—B'", () => {
    expect(items(H + "第一阶段 宣传发动 9月1日—9月10日\n第二阶段 集中整治 9月11日—10月31日" + F).phases).toEqual([["2023-09-01", "2023-09-10"], ["2023-09-11", "2023-10-31"]]);
  });
  it("'（一）名称。A—B，who does what。' — the step's period leads its second sentence", () => {
    expect(items(H + "（一）宣传发动。9月1日—9月10日，各校召开动员会。\n（二）集中整治。9月11日—10月31日，各校全面整治。" + F).phases).toEqual([["2023-09-01", "2023-09-10"], ["2023-09-11", "2023-10-31"]]);
  });
});
describe("due-day variants (probed after heldout6, our own sentences)", () => {
  const H = "关于报送材料的通知\n各学校：\n", F = "\n县教育局\n2023年8月25日\n";
  it("'9月20日（含）前' and '于9月20日上午报送' are due days; '9月20日前后' is neither a due day nor a guess", () => {
    expect(items(H + "请各校于9月20日（含）前报送。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-09-20"]]);
    expect(items(H + "请各校于9月20日上午报送排查表。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-09-20"]]);
    expect(items(H + "9月20日前后，县教育局将组织督查。" + F).deadlines.filter((d) => d.kind === "once")).toEqual([]);
  });
});
describe("months counted from the issue date (our own sentences)", () => {
  it("本月底前 / 下月10日前 from the issue date; without an issue date they stay unresolved; 每月…本月 is untouched", () => {
    const F = "\n县教育局\n2023年12月15日\n";
    expect(items("关于报送材料的通知\n请于本月底前报送。\n下月10日前完成整改。" + F).deadlines.map((d) => [d.kind, d.due])).toEqual([["once", "2023-12-31"], ["once", "2024-01-10"]]);
    expect(items("关于报送材料的通知\n请于本月底前报送。\n").deadlines).toEqual([]);
    expect(items("关于报送材料的通知\n各校每月10日前报送本月安全情况。" + F).deadlines.map((d) => d.rule)).toEqual([{ every: "month", day: 10 }]);
  });
});
describe("weekdays inside a range (our own sentences)", () => {
  it("'10月16日（周一）至10月20日（周五）' is the whole range, not the first day (was a wrong one-day window)", () => {
    const { deadlines, phases } = items("关于开展安全检查的通知\n各学校：\n检查时间：10月16日（周一）至10月20日（周五）。\n第一阶段（9月25日（周一）—10月6日（周五））：自查。\n县教育局\n2023年9月25日\n");
    expect(deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-10-16", "2023-10-20"]]);
    expect(phases).toEqual([["2023-09-25", "2023-10-06"]]);
  });
});
describe("times of day inside a range (our own sentences)", () => {
  it("'10月16日8:00至10月20日17:00' / '10月16日上午至10月20日下午' are the whole range; a time range within one day stays one day", () => {
    const H = "关于开展安全检查的通知\n各学校：\n", F = "\n县教育局\n2023年9月25日\n";
    for (const c of ["检查时间：10月16日8:00至10月20日17:00。", "检查时间：10月16日上午至10月20日下午。"]) expect(items(H + c + F).deadlines.map((d) => [d.kind, d.start, d.end]), c).toEqual([["window", "2023-10-16", "2023-10-20"]]);
    expect(items(H + "请于10月13日17:00—18:00到保卫处领取材料。" + F).deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([["window", "2023-10-13", "2023-10-13"]]);
  });
});
