/**
 * Round 14: rules from the misses of blind19–blind23 (measured once at 3704984). Each block states a rule in our own
 * wording, with layouts that must change and neighbours that must not. (Texts are our own, not the blind sets'.)
 */
import { describe, expect, it } from "vitest";
import { phrasingKit } from "./phrasing.js";

const { read, phases } = phrasingKit("关于开展校园安全专项整治的通知");
const kinds = (body: string, date?: string, title?: string) =>
  read(body, date, title).deadlines.map((d) => `${d.kind}|${JSON.stringify(d.due ?? d.rule ?? [d.start, d.end])}`);

describe("a campaign for next year announced late in this year dates every year-less day in next year", () => {
  const body = "二、工作安排\n（一）动员部署（1月—2月）。各地于1月15日前报送方案。\n（二）集中整治（3月—10月）。11月底前报送年度总结。\n三、工作要求\n年底前，各校完成整改销号。";
  it("a title naming next year's 专项整治, issued in December: stages AND deadlines take next year", () => {
    const r = read(body, "2026年12月10日", "关于开展2027年全县校园周边环境专项整治的通知");
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2027-01-01|2027-02-28", "2027-03-01|2027-10-31"]);
    expect(r.deadlines.filter((d) => d.kind === "once").map((d) => d.due)).toEqual(["2027-01-15", "2027-11-30", "2027-12-31"]);
  });
  it("the same body under a title naming this year's 专项整治 keeps this year for November and December", () => {
    const r = read(body, "2026年12月10日", "关于开展2026年全县校园周边环境专项整治的通知");
    expect(r.deadlines.filter((d) => d.kind === "once").map((d) => d.due)).toContain("2026-11-30");
  });
  it("a 专项整治 of next year announced early in the year is not read as next year's plan", () => {
    const r = read(body, "2026年3月1日", "关于开展2027年全县校园周边环境专项整治的通知");
    expect(r.deadlines.filter((d) => d.kind === "once").map((d) => d.due)).toContain("2026-11-30");
  });
});

describe("only a weekly hand-in is a weekly item; a weekly activity is a routine", () => {
  it("a weekly talk, a weekly flag-raising reminder: no item", () => {
    expect(kinds("一、工作要求\n班主任每周四放学前对学生进行一次交通安全提醒。")).toEqual([]);
    expect(kinds("一、工作要求\n每周一晨会进行防溺水教育，值日教师每天巡查。")).toEqual([]);
  });
  it("a weekly report sent up, or something handed over to an office: a weekly item", () => {
    expect(kinds("一、工作要求\n学校每周四下午将本周安全巡查情况报镇中心校安办。")).toEqual(['recurring|{"every":"week","weekday":4}']);
    expect(kinds("一、工作要求\n各校每周一上午填报上周隐患排查台账。")).toEqual(['recurring|{"every":"week","weekday":1}']);
  });
  it("the hand-in must be in the weekly clause itself, not in the next sentence", () => {
    expect(kinds("一、工作要求\n每周三开展一次消防巡查。巡查记录归档备查。")).toEqual([]);
  });
});

describe("次年 is the year after the campaign's, even after a stage that already crosses into it", () => {
  it("a stage running into next January, then a stage dated 次年1月: the same next year, not one further", () => {
    const body = "二、实施步骤\n（一）排查阶段：11月20日至12月5日。\n（二）整改阶段：12月6日至次年1月10日。\n（三）复查阶段：次年1月11日至1月20日。";
    expect(phases(body, "2024年11月10日")).toEqual(["2024-11-20|2024-12-05", "2024-12-06|2025-01-10", "2025-01-11|2025-01-20"]);
  });
  it("a 次年 stage after stages wholly in the notice's year is still next year", () => {
    const body = "二、实施步骤\n（一）排查阶段：9月1日至10月31日。\n（二）整改阶段：11月1日至12月31日。\n（三）总结阶段：次年1月1日至1月15日。";
    expect(phases(body, "2024年8月20日")).toEqual(["2024-09-01|2024-10-31", "2024-11-01|2024-12-31", "2025-01-01|2025-01-15"]);
  });
});

describe("a day, then what is handed in, then the hand-in verb is a due day even without 前", () => {
  it("于X月X日将…总结报送 / 将…材料上报: once", () => {
    expect(kinds("三、工作要求\n各校于11月20日将年度安全工作总结报送县教育局安全股。")).toEqual(['once|"2024-11-20"']);
    expect(kinds("三、工作要求\n各校于6月10日将自查材料上报县局。")).toEqual(['once|"2024-06-10"']);
  });
  it("于X月X日将组织…检查 (将 = will, no hand-in) stays a window", () => {
    expect(kinds("三、工作要求\n县局于11月20日将组织专家开展抽查。")).toEqual(['window|["2024-11-20","2024-11-20"]']);
  });
  it("于X月X日将…通报 (a notice to all, not a hand-in) stays a window", () => {
    expect(kinds("三、工作要求\n县局于11月20日将检查情况在全县通报。")).toEqual(['window|["2024-11-20","2024-11-20"]']);
  });
});

describe("an announced run of steps (分N步：一是…二是…) counted in full takes a month and a blank as steps' periods", () => {
  it("分三步 with a month, a range and a blank range: three phases, the last undated, no window", () => {
    const body = "二、工作安排\n整治分三步进行：一是宣传发动（9月），各校制定方案；二是排查整改（10月至11月），逐项整改；三是验收总结（　月　日至　月　日），总结经验。";
    const r = read(body, "2024年8月20日");
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-09-01|2024-09-30", "2024-10-01|2024-11-30", "null|null"]);
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("the count announced differs from the steps found: the month is not made a step", () => {
    const body = "二、工作安排\n整治分四步进行：一是宣传发动（9月），各校制定方案；二是排查整改（10月至11月），逐项整改。";
    expect(phases(body, "2024年8月20日")).not.toContain("2024-09-01|2024-09-30");
  });
  it("every step a month, none a range: not taken by this rule", () => {
    const body = "二、工作安排\n整治分两步进行：一是宣传发动（9月），各校制定方案；二是排查整改（10月），逐项整改。";
    expect(phases(body, "2024年8月20日")).not.toContain("2024-09-01|2024-09-30");
  });
});

describe("a must-word, 在 and N个工作日内 is a limit whatever verb follows", () => {
  it("应在3个工作日内与家长面谈 / 须在2个工作日内安排维修: relative, working days", () => {
    expect(kinds("三、工作要求\n确需转介的，心理教师应在3个工作日内与家长面谈沟通。")).toEqual(['relative|[null,null]']);
    expect(read("三、工作要求\n对报告的隐患，后勤处须在2个工作日内安排维修。").deadlines.map((d) => `${d.days}|${d.dayType}`)).toEqual(["2|working"]);
  });
  it("no must-word before 在 (a statement, not a duty): no limit", () => {
    expect(kinds("三、工作要求\n去年该校在3个工作日内与全部家长取得联系。")).toEqual([]);
  });
});

describe("a step whose time the notice defers (另行通知) is an undated step beside dated ones", () => {
  it("in a spaced 阶段 table: the deferred row is a phase with no dates", () => {
    const body = "三、时间安排\n阶段            时间                    主要工作\n自查        3月1日—3月20日         全面排查\n整改        3月21日—5月31日        逐项整改\n验收        另行通知                县局组织验收";
    expect(phases(body)).toEqual(["2024-03-01|2024-03-20", "2024-03-21|2024-05-31", "null|null"]);
  });
  it("a deferred row outside a 阶段 table is not a phase", () => {
    const body = "三、其他\n表彰名单        另行通知";
    expect(phases(body)).toEqual([]);
  });
  it("inline, after dated steps: 第四步为…阶段，具体时间另行通知 is a fourth, undated phase", () => {
    const body = "二、步骤\n工作分四步进行：4月1日至4月10日为自查阶段；4月11日至4月30日为核查阶段；5月1日至5月20日为整改阶段；第四步为迎接验收阶段，具体时间另行通知。";
    expect(phases(body)).toEqual(["2024-04-01|2024-04-10", "2024-04-11|2024-04-30", "2024-05-01|2024-05-20", "null|null"]);
  });
  it("a lone deferred sentence with no dated steps on its line is not made a phase here", () => {
    expect(phases("二、其他\n总结表彰工作，第二步为评选阶段，具体时间另行通知。")).toEqual([]);
  });
});

describe("a month-by-month plan under a 月度工作安排 heading: each month heading is a phase", () => {
  const plan = (months: string[], heading = "二、月度工作安排") =>
    `${heading}\n${months.map((m) => `${m}\n1．开展安全教育；\n2．排查隐患。`).join("\n")}\n三、工作要求\n各部门抓好落实。`;
  it("九月 … 一月 in a notice of late August: five phases, January in the next year", () => {
    expect(phases(plan(["九月", "十月", "十一月", "十二月", "一月"]), "2024年8月28日")).toEqual([
      "2024-09-01|2024-09-30", "2024-10-01|2024-10-31", "2024-11-01|2024-11-30", "2024-12-01|2024-12-31", "2025-01-01|2025-01-31",
    ]);
  });
  it("months not one after another, or only two of them: no phases", () => {
    expect(phases(plan(["九月", "十一月", "十二月"]), "2024年8月28日")).toEqual([]);
    expect(phases(plan(["九月", "十月"]), "2024年8月28日")).toEqual([]);
  });
  it("month headings under a heading that names no monthly plan: no phases", () => {
    expect(phases(plan(["九月", "十月", "十一月"], "二、主要工作"), "2024年8月28日")).toEqual([]);
  });
});
