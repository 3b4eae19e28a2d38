/**
 * Round 16: rules from blind27–blind30 (measured once at 81b5492). Each block states a rule in our own wording, with layouts
 * that must change and neighbours that must not. (Texts are our own, not the blind sets'.)
 */
import { describe, expect, it } from "vitest";
import { phrasingKit } from "./phrasing.js";

const { read, phases, windows } = phrasingKit("关于开展校园安全专项检查的通知");

describe("a step or event split by place, group, batch or grade is one item", () => {
  const stated = (rows: string, period = "2024年4月8日至4月19日") =>
    `一、检查时间\n${period}。\n\n二、检查安排\n县局组成两个检查组，按镇分日检查，具体安排如下：\n\n日期　　　镇（单位）　　　检查组\n${rows}\n\n三、工作要求\n按时完成。`;
  it("days by township inside the stated period, from its first day to its last: one window over the period, rows add nothing", () => {
    expect(windows(stated("4月8日　　　东山镇　　　第一组\n4月10日　　　西河乡　　　第二组\n4月19日　　　县直学校　　　第一组"))).toEqual(["2024-04-08|2024-04-19"]);
  });
  it("a row naming an event of its own (a meeting) keeps the rows as days of their own", () => {
    expect(windows(stated("4月8日　　　东山镇　　　召开现场推进会\n4月19日　　　县直学校　　　第一组"))).toContain("2024-04-08|2024-04-08");
  });
  it("rows reaching past the stated period are not its parts: they stay days of their own", () => {
    expect(windows(stated("4月8日　　　东山镇　　　第一组\n4月25日　　　西河乡　　　第二组"))).toEqual(expect.arrayContaining(["2024-04-08|2024-04-08", "2024-04-25|2024-04-25"]));
  });
  it("a table row whose step is carried out batch by batch is one phase from the first batch's first day to the last one's last", () => {
    const body = "三、工作安排\n| 阶段 | 时间 | 主要任务 |\n| --- | --- | --- |\n| 宣传发动 | 3月4日-3月8日 | 召开部署会 |\n| 分批检查 | 第一批（高中）3月11日-3月22日；第二批（初中）3月25日-4月3日；第三批（小学）4月8日-4月19日 | 逐校检查，登记隐患 |\n| 整改落实 | 4月22日-5月31日 | 逐项整改销号 |\n四、工作要求\n按时完成。";
    expect(phases(body)).toEqual(expect.arrayContaining(["2024-03-04|2024-03-08", "2024-03-11|2024-04-19", "2024-04-22|2024-05-31"]));
    expect(phases(body)).toHaveLength(3);
  });
  it("a stage heading with no period of its own, then one line per grade: one phase over the grades' days", () => {
    const body = "三、工作安排\n第一阶段：动员部署（3月4日—3月8日）\n召开教师会。\n\n第二阶段：分年级开展安全主题周\n一、二年级：3月11日—3月15日，主题“过马路”；\n三、四年级：3月18日—3月22日，主题“防火”；\n五、六年级：3月25日—3月29日，主题“防溺水”。\n\n第三阶段：总结验收（4月1日—4月30日）\n学校总结。";
    expect(phases(body)).toEqual(["2024-03-04|2024-03-08", "2024-03-11|2024-03-29", "2024-04-01|2024-04-30"]);
  });
  it("sub-ranges named by area inside a step's sentence merge into one phase", () => {
    const body = "三、工作安排\n\n3月4日～3月15日 学校自查\n各学校对照细则逐项自查。\n\n3月18日到3月29日 片区互查\n全区划分两个片区交叉互查:东片学校3月18日-3月22日互查,西片学校3月25日-3月29日互查.互查结果作为区级评估参考.\n\n4月1日-4月12日 区级评估\n区教育局组成评估组实地评估.\n\n四、工作要求\n按时完成.";
    expect(phases(body)).toContain("2024-03-18|2024-03-29");
    expect(phases(body)).not.toContain("2024-03-18|2024-03-22");
    expect(phases(body)).not.toContain("2024-03-25|2024-03-29");
  });
  it("a chain of different work (自查→复查→抽查) stays several phases", () => {
    const body = "三、工作步骤\n（一）学校自查（3月4日至3月15日）。各校自查。\n（二）乡镇复查（3月18日至3月29日）。中心校复查。\n（三）县级抽查（4月1日至4月12日）。县局抽查。\n四、工作要求\n按时完成。";
    expect(phases(body)).toEqual(["2024-03-04|2024-03-15", "2024-03-18|2024-03-29", "2024-04-01|2024-04-12"]);
  });
});

describe("an event the notice reports as already done is no item", () => {
  it("已上好 on the notice's own day: no window", () => {
    expect(windows("一、工作开展情况\n开学第一天（3月1日）各班已上好安全教育第一课。\n二、下步打算\n继续抓好安全工作。")).toEqual([]);
  });
  it("已经完成 of an earlier range: no window", () => {
    expect(windows("一、工作开展情况\n2月20日至2月23日，各校已经完成开学前安全检查。\n二、下步打算\n继续抓好。")).toEqual([]);
  });
  it("the same event still to come (定于) stays a window", () => {
    expect(windows("一、工作安排\n学校定于3月15日举行安全教育第一课。\n二、工作要求\n按时完成。")).toEqual(["2024-03-15|2024-03-15"]);
  });
  it("已 with a date after the notice's own is not a report of the past: the window stays", () => {
    expect(windows("一、工作安排\n3月20日至3月22日，各校已安排开展应急疏散演练。\n二、工作要求\n按时完成。")).toEqual(["2024-03-20|2024-03-22"]);
  });
});

describe("an event's period inside a stage's description is that event's window, never a stage of its own", () => {
  const table = (cell: string) =>
    `三、工作安排\n| 阶段 | 时间 | 主要任务 |\n| --- | --- | --- |\n| 自查自纠 | 3月4日—3月31日 | 各校逐项自查 |\n| 督导抽查 | 9月2日—10月31日 | ${cell} |\n| 总结巩固 | 11月1日—11月29日 | 各校全面总结 |\n四、工作要求\n按时完成。`;
  it("抽查时间为A至B inside the 督导抽查 row: four stages stay, the spot-check is a window", () => {
    const r = read(table("县局组织督学开展抽查，抽查时间为10月14日至10月25日"));
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-03-04|2024-03-31", "2024-09-02|2024-10-31", "2024-11-01|2024-11-29"]);
    expect(r.deadlines.filter((d) => d.kind === "window").map((d) => `${d.start}|${d.end}`)).toEqual(["2024-10-14|2024-10-25"]);
  });
  it("without such a label the row's stages are read as before: no window", () => {
    expect(windows(table("县局组织督学开展抽查"))).toEqual([]);
  });
});

describe("a step announcing its parts after a colon, then one line per area with its places and days, is one phase", () => {
  const steps = (parts: string) =>
    `三、方法步骤\n第一步，学校自查（9月2日至9月27日）。各校全面自查。\n第二步，分片检查。县局组织两个检查组，按片区对各校开展检查：\n${parts}\n检查采取查阅资料、实地查看等方式进行。\n第三步，总结提高（11月4日至11月15日）。各校总结。\n四、工作要求\n按时完成。`;
  it("一片：places，days；二片：…: one phase from the first area's first day to the last one's last", () => {
    expect(phases(steps("　　一片：东城区、西城区，10月14日—15日；\n　　二片：县直各学校，10月17日—18日。"))).toEqual(["2024-09-02|2024-09-27", "2024-10-14|2024-10-18", "2024-11-04|2024-11-15"]);
  });
  it("parts out of order are not one step's: no merged phase", () => {
    expect(phases(steps("　　一片：东城区、西城区，10月17日—18日；\n　　二片：县直各学校，10月14日—15日。"))).not.toContain("2024-10-14|2024-10-18");
  });
  it("a single area line is no run of parts: no phase for the step", () => {
    expect(phases(steps("　　一片：东城区、西城区，10月14日—15日。"))).not.toContain("2024-10-14|2024-10-15");
  });
});

describe("a day opening a sentence, then the work done on it, is that day's event", () => {
  it("M月D日，各校要…上一堂安全课: a one-day window", () => {
    expect(windows("二、活动内容\n（一）上好安全课。3月25日，各中小学要统一利用升旗仪式，由校长为全体学生上一堂安全教育课。")).toEqual(["2024-03-25|2024-03-25"]);
  });
  it("a day glossed by its weekday, named as a memorial day, then 当日…组织: a one-day window", () => {
    expect(windows("二、活动内容\n（一）开展演练。11月9日（星期六）为全国消防日，当日各学校要统一组织一次疏散演练。")).toEqual(["2024-11-09|2024-11-09"]);
  });
  it("a day with 晚8时 before the work: a one-day window", () => {
    expect(windows("二、活动内容\n（一）收看节目。9月1日晚8时，各校要组织学生和家长同步收看专题节目。")).toEqual(["2024-09-01|2024-09-01"]);
  });
  it("a memorial day named with no work on it, or a report of a lesson already given, is no event", () => {
    expect(windows("二、活动内容\n（一）了解节日。11月9日（星期六）为全国消防日，各校要做好宣传。")).toEqual([]);
    expect(windows("二、工作情况\n（一）安全课。3月25日，各中小学已为全体学生上了一堂安全教育课。", "2024年3月28日")).toEqual([]);
  });
});

describe("small misses: a survey's time label, a lecture given after a 旬, a bare 交 to an office weekly, 形成 a report within N days", () => {
  const all = (body: string, date?: string) => read(body, date).deadlines.map((d) => `${d.kind}|${JSON.stringify(d.due ?? d.rule ?? d.days ?? [d.start, d.end])}`);
  it("问卷时间: A-B is the survey's window; a bare 时间 after another word is not read as one", () => {
    expect(windows("1. 调查对象: 全体学生.\n2. 问卷时间: 3月11日-3月15日,利用班会课集中填写.\n3. 各班按时完成.")).toEqual(["2024-03-11|2024-03-15"]);
    expect(windows("1. 调查对象: 全体学生.\n2. 填写说明: 3月11日-3月15日的情况如实填写.\n3. 各班按时完成.")).toEqual([]);
  });
  it("M月下旬，someone 到校作专题讲座: that lecture's window; 作 a speech or a revision is no event", () => {
    expect(windows("（五）开展法治教育。4月下旬，学校邀请法治副校长到校作专题法治讲座。")).toEqual(["2024-04-21|2024-04-30"]);
    expect(windows("（五）完善制度。4月下旬，法治副校长到校作总结发言。")).toEqual([]);
    expect(windows("（五）完善制度。4月下旬，学校安全制度作全面修订。")).toEqual([]);
  });
  it("每周X…将《表》交德育处 is a weekly hand-in; 每周X…交流 is a routine", () => {
    expect(all("（二）活动期间，各班主任每周四放学前将《班级安全记录表》交德育处。")).toEqual(['recurring|{"every":"week","weekday":4}']);
    expect(all("（二）活动期间，各班主任每周四放学前组织学生交流安全心得。")).toEqual([]);
  });
  it("并在N个工作日内形成书面报告 is a relative limit; a look back (近N日内形成的记录) is not", () => {
    expect(all("（三）发生安全事件，学校须先行处置，并在2个工作日内形成书面报告报县局。")).toEqual(["relative|2"]);
    expect(all("（三）检查组查阅近7日内形成的值班记录。")).toEqual([]);
  });
});

describe("in a 进程/安排 section, lines opening with a period then a short step name are the steps", () => {
  it("numbered, mixed separators, the name closed by a full stop: three phases", () => {
    expect(phases("二、工作进程\n\n1．4月8日～4月19日 摸底排查。各校摸清隐患。\n\n2．4月22日到6月28日 集中整治。联合整治周边环境。\n\n3．7月1日-7月12日 总结验收。县局组织验收。\n\n三、工作要求\n按时完成。")).toEqual(["2024-04-08|2024-04-19", "2024-04-22|2024-06-28", "2024-07-01|2024-07-12"]);
  });
  it("unnumbered, the last step open-ended (M月以后)", () => {
    expect(phases("三、工作安排\n\n3月11日～3月22日 学校自评\n各校自评.\n\n3月25日-4月5日 区级评估\n区局实地评估.\n\n5月以后 整改复查\n各校整改.\n\n四、工作要求\n按时完成.")).toEqual(["2024-03-11|2024-03-22", "2024-03-25|2024-04-05", "2024-05-01|null"]);
  });
  it("a tour of districts (names that are places) is no run of steps", () => {
    expect(phases("三、督导时间安排\n\n9月9日　　　　　　东城区\n9月10日-11日　　　 西城区\n9月12日-13日　　　 县直学校\n\n四、结果运用\n通报。")).toEqual([]);
  });
  it("outside a 进程/安排/步骤 section the same lines are not read as steps", () => {
    expect(phases("二、工作要求\n\n1．4月8日～4月19日 摸底排查。各校摸清隐患。\n\n2．4月22日到6月28日 集中整治。联合整治周边环境。\n\n三、其他\n无。")).toEqual([]);
  });
});

describe("a 第N阶段 with its blank period glossed as deferred is an undated phase", () => {
  const body = (third: string) => `二、工作步骤\n第一阶段：排查建档（4月8日至4月30日）。各校排查。\n第二阶段：集中整治（5月1日至6月28日）。各校整改。\n${third}\n三、工作要求\n按时完成。`;
  it("第三阶段：巩固提升（　月　日至　月　日，具体时间另行通知）: a third, undated phase, and no window", () => {
    const r = read(body("第三阶段：巩固提升（　月　日至　月　日，具体时间另行通知）。县局组织复查。"));
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-04-08|2024-04-30", "2024-05-01|2024-06-28", "null|null"]);
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("a bracket that says something else after the blank is not a deferred step", () => {
    expect(read(body("第三阶段：巩固提升（　月　日至　月　日，各校自定）。县局组织复查。")).phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-04-08|2024-04-30", "2024-05-01|2024-06-28"]);
  });
});
