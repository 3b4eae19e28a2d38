/**
 * Round 13 (precision first): where the importer cannot settle an item's kind or identity it says so in `unresolved`
 * (the raw text and what to check) instead of emitting a guess. Each block states a rule in our own wording, with layouts
 * that must give `unresolved` and no item, and clear layouts that must still give the right item. (Texts are our own.)
 */
import { describe, expect, it } from "vitest";
import type { ImportedDeadline } from "../../src/domains/campaigns/importer.js";
import type { Ctx } from "../../src/domains/campaigns/import/context.js";
import { DOUBTFUL_KIND, OWN_PERIOD, doubtfulWindows } from "../../src/domains/campaigns/import/doubtful-kind.js";
import { phrasingKit } from "./phrasing.js";

const { read, phases, windows } = phrasingKit("关于开展校园安全专项整治的通知");
const doubts = (body: string, reason: string) => read(body).unresolved.filter((u) => u.reason === reason).map((u) => u.raw);

describe("a bare dated range beside a schedule-like neighbour is not guessed to be an event", () => {
  it("two bare ranges, one starting just after the other ends, each opening its clause: both unresolved, no window", () => {
    const body = "二、工作安排\n4月8日至4月19日，各校对照清单自查；4月22日至5月10日，县局组织抽查。";
    expect(windows(body)).toEqual([]);
    expect(phases(body)).toEqual([]);
    expect(doubts(body, DOUBTFUL_KIND).sort()).toEqual(["4月22日至5月10日", "4月8日至4月19日"]);
  });
  it("the same two clauses a month apart are two events: both windows, nothing unresolved", () => {
    const body = "二、工作安排\n4月8日至4月19日，各校对照清单自查；5月20日至5月31日，县局组织抽查。";
    expect(windows(body)).toEqual(["2024-04-08|2024-04-19", "2024-05-20|2024-05-31"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
  it("a lone bare range in its own section stays a window", () => {
    const body = "一、入住教育。9月2日至9月6日，各年级组开展入住安全教育。\n二、台账管理。每月10日前报送变动情况。";
    expect(windows(body)).toEqual(["2024-09-02|2024-09-06"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
  it("an event's time label inside a stage keeps the window (检查时间为…)", () => {
    const body = "二、时间安排\n（一）排查阶段（4月1日—4月30日）。各校全面排查。\n（二）检查阶段（5月1日—5月31日）。县局组成检查组开展抽查，检查时间为5月6日至5月17日。";
    expect(windows(body)).toEqual(["2024-05-06|2024-05-17"]);
    expect(phases(body)).toEqual(["2024-04-01|2024-04-30", "2024-05-01|2024-05-31"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
  it("a tour of one- and two-day stops is a list of events: windows, nothing unresolved", () => {
    const body = "二、巡查安排\n4月8日-9日  城东学区\n4月10日  城西学区\n4月11日-12日  城南学区";
    expect(windows(body)).toEqual(["2024-04-08|2024-04-09", "2024-04-10|2024-04-10", "2024-04-11|2024-04-12"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
  it("a flattened table with a due-day row is a task list: its period rows stay windows", () => {
    const body = "一、工作安排\n序号  时间  工作内容  责任单位\n1  4月15日前  学校自查  各学校\n2  4月下旬  区级联合抽查  区教育局\n3  5月—6月  隐患整改复查  各学校";
    expect(windows(body).sort()).toEqual(["2024-04-21|2024-04-30", "2024-05-01|2024-06-30"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
  it("a part of a month in prose is an event's time, not a bare range: 4月中旬开展检查 stays a window beside a stage", () => {
    const body = "一、工作要求\n县局将于4月中旬开展检查，5月1日至5月31日为整改阶段。";
    expect(windows(body)).toEqual(["2024-04-11|2024-04-20"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
  it("a clearly announced schedule is still read as phases, not sent to unresolved", () => {
    const body = "二、具体安排\n（一）8月19日—8月23日，各班老师对教室进行自查。\n（二）8月26日—8月28日，园长带队逐项复查。";
    expect(phases(body)).toEqual(["2024-08-19|2024-08-23", "2024-08-26|2024-08-28"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
});

describe("a run of back-to-back ranges is made the schedule only when something calls it one", () => {
  it("three back-to-back inspections under 工作要求, nothing saying stage or step: unresolved, neither phases nor windows", () => {
    const body = "二、工作要求\n各校于4月8日至4月12日开展消防检查，4月15日至4月19日开展食堂检查，4月22日至4月26日开展校车检查。";
    expect(phases(body)).toEqual([]);
    expect(windows(body)).toEqual([]);
    expect(doubts(body, DOUBTFUL_KIND)).toHaveLength(3);
  });
  it("the same run under a 时间安排 heading is the schedule: three phases", () => {
    const body = "二、时间安排\n4月8日至4月12日，各校自查；4月15日至4月19日，县局抽查；4月22日至4月26日，整改。";
    expect(phases(body)).toEqual(["2024-04-08|2024-04-12", "2024-04-15|2024-04-19", "2024-04-22|2024-04-26"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
  it("announced in the sentence (分三步 / 一是…) or under a heading numbered with a comma (一,工作安排): phases", () => {
    const inline = "二、工作要求\n整治分三步进行，一是自查，4月8日至4月12日；二是抽查，4月15日至4月19日；三是整改，4月22日至4月26日。";
    expect(phases(inline)).toEqual(["2024-04-08|2024-04-12", "2024-04-15|2024-04-19", "2024-04-22|2024-04-26"]);
    const comma = "一,工作安排\n1.宣传(4月8日~4月12日):各班开展主题班会.\n2.排查(4月15日~4月19日):各班排查.\n3.总结(4月22日~4月26日):学校总结.";
    expect(phases(comma)).toEqual(["2024-04-08|2024-04-12", "2024-04-15|2024-04-19", "2024-04-22|2024-04-26"]);
  });
});

describe("a lone undeclared range becomes an event only when its line names what happens", () => {
  it("a lone range whose line names no event (落实整改) is neither phase nor window: unresolved", () => {
    const body = "一、工作安排\n1. 校园安全整治：4月8日至4月19日，各校对照清单落实整改。\n二、工作要求\n各校高度重视。";
    expect(phases(body)).toEqual([]);
    expect(windows(body)).toEqual([]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual(["4月8日至4月19日"]);
  });
  it("the same line naming a drill is that drill's window", () => {
    const body = "一、工作安排\n1. 消防演练周：4月8日至4月12日，各校组织疏散演练。\n二、工作要求\n各校高度重视。";
    expect(windows(body)).toEqual(["2024-04-08|2024-04-12"]);
    expect(doubts(body, DOUBTFUL_KIND)).toEqual([]);
  });
});

describe("the net on windows other readers emitted (the function itself, on texts whose layouts no reader takes for a window today)", () => {
  const ctx = (): Ctx => ({ issueDate: "2024-03-01", year: 2024, unresolved: [] });
  const w = (start: string, end: string | null, raw: string): ImportedDeadline => ({ kind: "window", title: "x", start, end, raw });
  it("an open-ended window (a month onward) is never an event's time", () => {
    const c = ctx();
    const d = [w("2024-09-01", null, "9月以后")];
    doubtfulWindows("一、工作安排\n9月以后，各校巩固整治成果。", c, [], d);
    expect(d).toEqual([]);
    expect(c.unresolved.map((u) => u.reason)).toEqual([DOUBTFUL_KIND]);
  });
  it("a table row's part of a month beside the next row's stage is doubtful; the same words in prose are not", () => {
    const table = "阶段      时间              工作内容\n准备      12月下旬          召开专题会议\n排查      次年1月1日至1月15日   全面排查整改";
    const c = ctx();
    const d = [w("2024-12-21", "2024-12-31", "12月下旬 召开专题会议")];
    doubtfulWindows(table, c, [{ name: "排查", start: "2025-01-01", end: "2025-01-15", raw: "次年1月1日至1月15日" }], d);
    expect(d).toEqual([]);
    const prose = ctx();
    const kept = [w("2024-12-21", "2024-12-31", "12月下旬")];
    doubtfulWindows("一、工作要求\n县局于12月下旬召开专题会议，次年1月1日至1月15日为排查阶段。", prose, [{ name: "排查阶段", start: "2025-01-01", end: "2025-01-15", raw: "次年1月1日至1月15日" }], kept);
    expect(kept).toHaveLength(1);
  });
  it("a 时间为 label that dates a named stage does not shield the range; an event's label does", () => {
    const text = "第一阶段为排查阶段，时间为3月4日至3月22日；第二阶段为整改阶段，时间为3月25日至4月19日。";
    const c = ctx();
    const d = [w("2024-03-04", "2024-03-22", "3月4日至3月22日"), w("2024-03-25", "2024-04-19", "3月25日至4月19日")];
    doubtfulWindows(text, c, [], d);
    expect(d).toEqual([]);
    const ev = ctx();
    const kept = [w("2024-03-25", "2024-04-19", "3月25日至4月19日")];
    doubtfulWindows("（一）排查阶段（3月4日至3月22日）。县局组织抽查，抽查时间为3月25日至4月19日。", ev, [{ name: "排查阶段", start: "2024-03-04", end: "2024-03-22", raw: "3月4日至3月22日" }], kept);
    expect(kept).toHaveLength(1);
  });
});

describe("a duty restated elsewhere in the notice is one item", () => {
  const kinds = (body: string) => read(body).deadlines.map((d) => `${d.kind}|${JSON.stringify(d.rule ?? d.due ?? null)}`);
  it("a weekly hand-in restated in an attachment's 说明 gives one weekly rule", () => {
    expect(kinds("一、工作要求\n（一）实行周报制度，每周五下班前报送隐患台账。\n附件：隐患台账\n说明：每周五报送一次。")).toEqual(['recurring|{"every":"week","weekday":5}']);
  });
  it("a due day repeated in a later section for the same report gives one item (as before this round)", () => {
    expect(kinds("一、工作要求\n（一）各校于4月15日前报送整治方案。\n二、其他\n整治方案请于4月15日前报送。")).toEqual(['once|"2024-04-15"']);
  });
  it("two different duties on the same weekday stay two items", () => {
    expect(kinds("一、工作要求\n（一）每周五下班前报送隐患台账。\n（二）每周五下午将校园安全巡查记录报送县局。")).toEqual([
      'recurring|{"every":"week","weekday":5}',
      'recurring|{"every":"week","weekday":5}',
    ]);
  });
});

describe("the campaign's own period is never one of its events", () => {
  it("a month-long period stated before the first heading goes to unresolved, not to a window", () => {
    const body = "县教育局将于2024年4月至6月在全县开展校园安全大检查。\n一、检查内容\n校舍、消防、食堂。\n二、工作要求\n各校于4月10日前报送自查表。";
    expect(windows(body)).toEqual([]);
    expect(doubts(body, OWN_PERIOD)).toHaveLength(1);
  });
  it("a period holding every dated phase goes to unresolved, not to a window", () => {
    const body = "一、时间安排\n（一）排查阶段（4月1日—4月30日）。\n（二）整改阶段（5月1日—6月30日）。\n二、工作要求\n县局于3月至7月对各校开展督导检查。";
    expect(windows(body)).toEqual([]);
    expect(phases(body)).toEqual(["2024-04-01|2024-04-30", "2024-05-01|2024-06-30"]);
    expect(doubts(body, OWN_PERIOD)).toHaveLength(1);
  });
  it("a short event in the opening (a three-day training) is still that event's window", () => {
    const body = "县教育局定于2024年4月18日至4月20日举办消防安全培训。\n一、培训内容\n消防器材使用。";
    expect(windows(body)).toEqual(["2024-04-18|2024-04-20"]);
    expect(doubts(body, OWN_PERIOD)).toEqual([]);
  });
  it("a month-long inspection inside the body (after the first heading) stays a window", () => {
    const body = "一、工作要求\n（一）各校于3月20日前报送方案。\n（二）区教育局于4月至5月对上年发生过事故的学校开展“回头看”。";
    expect(windows(body)).toEqual(["2024-04-01|2024-05-31"]);
    expect(doubts(body, OWN_PERIOD)).toEqual([]);
  });
});
