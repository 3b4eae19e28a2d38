/**
 * Round 15: rules from blind24–blind26 (measured once at c09c6d7). Each block states a rule in our own wording, with layouts
 * that must change and neighbours that must not. (Texts are our own, not the blind sets'.)
 */
import { describe, expect, it } from "vitest";
import { importNotice } from "../../src/domains/campaigns/importer.js";
import { phrasingKit } from "./phrasing.js";

const { read, phases } = phrasingKit("关于开展校园安全专项督导的通知");
const kinds = (body: string, date?: string, title?: string) =>
  read(body, date, title).deadlines.map((d) => `${d.kind}|${JSON.stringify(d.due ?? d.rule ?? [d.start, d.end])}`);

describe("rows laid out under a dated step, inside its period, naming only where or who, are the step's details", () => {
  const steps = (rows: string) =>
    `三、方法步骤\n（一）学校自查（3月4日至3月15日）。各校逐项自查。\n（二）县级抽查（3月18日至3月29日）。县局分片抽查，具体安排如下：\n\n日期　　　片区　　　抽查学校\n${rows}\n\n四、工作要求\n按时完成。`;
  it("per-area days and ranges inside the step: the step is one phase, no window", () => {
    const r = read(steps("3月18日—19日　　东片　　　东关小学、东关中学\n3月21日　　　西片　　　西关小学\n3月25日—27日　　县直　　　县直各校"));
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-03-04|2024-03-15", "2024-03-18|2024-03-29"]);
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("a row with an event of its own (a meeting) stays that event's window; its place-only neighbour does not", () => {
    expect(kinds(steps("3月18日　　东片　　　召开片区推进会\n3月21日　　西片　　　西关小学"))).toEqual(['window|["2024-03-18","2024-03-18"]']);
  });
  it("a row outside the step's period is not the step's detail: the rows stay windows", () => {
    expect(kinds(steps("3月18日　　东片　　　东关小学\n4月2日　　西片　　　西关小学"))).toEqual(['window|["2024-03-18","2024-03-18"]', 'window|["2024-04-02","2024-04-02"]']);
  });
  it("the same rows under a heading with no dated step are inspection days: windows", () => {
    const body = "三、督导安排\n县局组成督导组，按片区抽查，具体安排如下：\n\n日期　　　片区　　　抽查学校\n3月18日　　东片　　　东关小学、东关中学\n3月21日　　　西片　　　西关小学\n\n四、工作要求\n按时完成。";
    expect(kinds(body)).toEqual(['window|["2024-03-18","2024-03-18"]', 'window|["2024-03-21","2024-03-21"]']);
  });
  it("numbered dated clauses under the step (1.3月18日—19日，东片，…) are not a phase of their own", () => {
    const r = read("三、方法步骤\n（一）学校自查（3月4日至3月15日）。各校自查。\n（二）县级抽查（3月18日至3月29日）。县局分片抽查，具体安排如下：\n1.3月18日—19日，东片，东关小学、东关中学；\n2.3月21日，西片，西关小学。\n四、工作要求\n按时完成。");
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-03-04|2024-03-15", "2024-03-18|2024-03-29"]);
    expect(r.deadlines).toEqual([]);
  });
  it("a numbered sub-step naming work of its own inside a stage stays what it was read as", () => {
    const body = "三、方法步骤\n（一）集中整治（3月1日至4月30日）。具体安排如下：\n1.3月1日—3月15日，全面排查，建立台账；\n2.3月16日—4月30日，集中整改，逐项销号。\n四、工作要求\n按时完成。";
    expect(phases(body)).toEqual(["2024-03-01|2024-04-30", "2024-03-01|2024-03-15", "2024-03-16|2024-04-30"]);
  });
  it("dated clauses in the step's own text that say only where: no window", () => {
    expect(kinds("三、方法步骤\n（一）学校自查（3月4日至3月15日）。各校自查。\n（二）县级抽查（3月18日至3月29日）。3月18日至19日，东片；3月25日，县直学校。\n四、工作要求\n按时完成。")).toEqual([]);
  });
});

describe("a day, then a time of the school day with 前, then the hand-in: due that day (once)", () => {
  it("于X月X日（星期五）放学前交…: once", () => {
    expect(kinds("三、工作要求\n各班于3月15日（星期五）放学前将排查表交德育处。")).toEqual(['once|"2024-03-15"']);
    expect(kinds("三、工作要求\n各班于3月15日下课前完成自查。")).toEqual(['once|"2024-03-15"']);
  });
  it("inside a dated step, the hand-in on the step's last day is still once, not a one-day window", () => {
    const r = read("二、实施步骤\n一是班级排查（3月11日-3月15日）。各班逐一排查，于3月15日（星期五）放学前交德育处。\n二是整改反馈（3月18日-3月29日）。逐项整改。");
    expect(r.deadlines.map((d) => `${d.kind}|${d.due ?? d.start}`)).toEqual(["once|2024-03-15"]);
  });
  it("放学后 (after school) is when something happens, not a due day", () => {
    expect(kinds("三、工作要求\n各班于3月15日（星期五）放学后召开班会。")).toEqual(['window|["2024-03-15","2024-03-15"]']);
  });
});

describe("a numbered duty is not a step: a period qualifying it, or a day of its own, does not make a phase", () => {
  const body = (item: string) => `二、报送时间和方式\n1.各校于每月5日前报送上月月报表。\n${item}\n三、事件报告\n发生事件的，学校应立即报告。`;
  it("专项治理期间（10月至12月），各校另于每周五…报送: the weekly hand-in only, no phase, no window", () => {
    const r = read(body("2.专项治理期间（10月至12月），各校另于每周五下午4点前报送周排查表。"), "2024年9月20日");
    expect(r.phases).toEqual([]);
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
    expect(r.deadlines.some((d) => d.kind === "recurring" && (d.rule as { weekday?: number }).weekday === 5)).toBe(true);
  });
  it("首次报送于10月9日前完成（报送9月份情况）: once, not a phase", () => {
    const r = read(body("2.首次报送于10月9日前完成（报送9月份情况，因假期顺延）。"), "2024年9月20日");
    expect(r.phases).toEqual([]);
    expect(r.deadlines.filter((d) => d.kind === "once").map((d) => d.due)).toContain("2024-10-09");
  });
  it("an event's period qualifying a duty (中考期间（6月20日至22日），…封闭管理) stays a window", () => {
    expect(kinds("三、工作要求\n中考期间（6月20日至22日），各考点实行封闭管理。")).toEqual(['window|["2024-06-20","2024-06-22"]']);
  });
  it("a step named in a 时间 section with its period still is a phase", () => {
    expect(phases("二、时间安排\n（一）集中整治（4月1日至4月30日）。各校排查。\n（二）总结验收（5月1日至5月10日）。各校总结。")).toEqual(["2024-04-01|2024-04-30", "2024-05-01|2024-05-10"]);
  });
});

describe("a numbered step whose blank period is glossed as deferred (（　月　日至　月　日，具体时间另行通知）) is an undated step", () => {
  const body = (step: string) => `二、工作步骤\n（一）学校自查（3月4日至3月15日）。各校自查。\n${step}\n（三）总结提升（5月6日至5月31日）。各校总结。`;
  it("the blank range and the deferral in one bracket: phase null/null, no undated window", () => {
    const r = read(body("（二）市级复查（　　月　　日至　　月　　日，具体时间另行通知）。市局组织复查。"));
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-03-04|2024-03-15", "null|null", "2024-05-06|2024-05-31"]);
    expect(r.deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("a quoted step name (“回头看”) too", () => {
    expect(phases(body("（二）“回头看”（　月　日至　月　日，时间待定）。对整改情况进行复核。"))).toContain("null|null");
  });
  it("a blank due day in running text (于　月　日前报…) stays a blank once, not a step", () => {
    const r = read("三、工作要求\n（一）各校联络员名单请于　　月　　日前报县局。");
    expect(r.phases).toEqual([]);
    expect(r.deadlines.map((d) => `${d.kind}|${d.due}`)).toEqual(["once|null"]);
  });
});

describe("a weekly form handed up to an office by a bare 报 is a weekly hand-in", () => {
  it("每周五…填写《…表》报所在年级组 / 报德育处: weekly", () => {
    expect(kinds("三、工作要求\n每周五下午放学前，各班主任填写《隐患排查表》报所在年级组。")).toEqual(['recurring|{"every":"week","weekday":5}']);
    expect(kinds("三、工作要求\n每周一上午，各年级将上周巡查记录报德育处。")).toEqual(['recurring|{"every":"week","weekday":1}']);
  });
  it("a weekly activity whose news is 通报/公布 (not handed up) stays a routine", () => {
    expect(kinds("三、工作要求\n每周一晨会进行防溺水教育，情况通报全校。")).toEqual([]);
    expect(kinds("三、工作要求\n每周五放学前班主任进行安全提醒，并做好记录。")).toEqual([]);
  });
});

describe("a schedule table whose due rows only close it, after periods that follow each other day by day, is a schedule", () => {
  const table = (rows: string) => `二、工作要求\n各校按附件做好排查整治。\n某县教育局\n2024年3月1日\n\n附件\n\n某县校园安全排查整治时间安排表\n\n序号   时间               工作内容                    责任单位\n${rows}\n`;
  const layout = (rows: string) => {
    const r = importNotice(`关于开展校园安全排查整治的通知\n各学校：\n${table(rows)}`);
    return { phases: r.phases.map((p) => `${p.start}|${p.end}`), kinds: r.deadlines.map((d) => `${d.kind}|${d.due ?? d.start}`) };
  };
  it("three tiling periods and a closing 前 row: three phases and the once", () => {
    const l = layout(" 1     4月1日-4月10日     学校全面自查,建立台账      各学校\n 2     4月11日-4月30日    县级联合抽查               县教育局\n 3     5月1日-5月15日     集中整改销号               各学校\n 4     5月20日前          上报整改情况报告           各学校");
    expect(l.phases).toEqual(["2024-04-01|2024-04-10", "2024-04-11|2024-04-30", "2024-05-01|2024-05-15"]);
    expect(l.kinds).toEqual(["once|2024-05-20"]);
  });
  it("a gap between the periods: still a task list (no phases)", () => {
    const l = layout(" 1     4月1日-4月10日     学校全面自查,建立台账      各学校\n 2     4月15日-4月30日    县级联合抽查               县教育局\n 3     5月6日-5月15日     集中整改销号               各学校\n 4     5月20日前          上报整改情况报告           各学校");
    expect(l.phases).toEqual([]);
  });
  it("a due row among the periods: a task list (no phases)", () => {
    const l = layout(" 1     4月1日-4月10日     学校全面自查,建立台账      各学校\n 2     4月12日前          上报自查报告               各学校\n 3     4月11日-4月30日    县级联合抽查               县教育局\n 4     5月1日-5月15日     集中整改销号               各学校");
    expect(l.phases).toEqual([]);
  });
  it("two periods only before the closing row: not taken by this rule", () => {
    const l = layout(" 1     4月1日-4月10日     学校全面自查,建立台账      各学校\n 2     4月11日-4月30日    县级联合抽查               县教育局\n 3     5月20日前          上报整改情况报告           各学校");
    expect(l.phases).toEqual([]);
  });
});

describe("a numbered step whose name quotes a theme (“防溺水”专题教育月：5月) is read as its unquoted neighbours are", () => {
  // (indented as a notice's paragraphs are: an unindented line after "…：5月" would be joined to it as a broken date)
  const body = (third: string, heading = "二、阶段安排") => `${heading}\n1．开学教育周：3月4日～3月8日\n各班上好第一课。\n2．隐患排查：3月11日～3月22日\n逐室排查。\n${third}\n　　利用班会、国旗下讲话、致家长一封信等形式集中开展教育。\n4．期末总结：6月24日～7月5日\n总结本学期工作。`;
  it("in a 阶段安排 section: the quoted step is a whole-month phase", () => {
    expect(phases(body("3．“防溺水”专题教育月：5月"))).toEqual(["2024-03-04|2024-03-08", "2024-03-11|2024-03-22", "2024-05-01|2024-05-31", "2024-06-24|2024-07-05"]);
  });
  it("a quoted 检查时间 label is still a label, not a step", () => {
    expect(phases(body("3．“回头看”检查时间：5月"))).not.toContain("2024-05-01|2024-05-31");
  });
  it("outside a schedule section the quoted item is not made a step", () => {
    expect(phases(body("3．“防溺水”专题教育月：5月", "二、工作要求"))).not.toContain("2024-05-01|2024-05-31");
  });
});

describe("a sentence opening with its time, then who holds the event (举办), is that event's window", () => {
  it("（二）模拟法庭进校园。10月下旬，邀请法院在报告厅举办一场模拟法庭: window 10-21..10-31", () => {
    expect(kinds("三、主要活动\n（二）法治讲座进校园。10月下旬，邀请派出所民警在学校报告厅举办一场防诈骗专题讲座，全体学生参加。", "2024年9月1日")).toEqual(['window|["2024-10-21","2024-10-31"]']);
  });
  it("a report of one already held (举办了) is not an item", () => {
    expect(kinds("三、工作回顾\n（二）法治讲座进校园。10月下旬，学校邀请派出所民警举办了一场防诈骗专题讲座。", "2024年9月1日")).toEqual([]);
  });
  it("the time not opening the sentence (a bare date in running text) is not read", () => {
    expect(kinds("三、主要活动\n学校将结合10月下旬的法治宣传周，邀请派出所民警举办讲座。", "2024年9月1日")).toEqual([]);
  });
});

describe("a task table headed 完成时限 in its last column: a row whose time is a period is that row's event, a window", () => {
  const table = (head: string, rows: string) => `三、工作要求\n各地按附件推进。\n某省教育厅\n2024年3月1日\n\n附件1\n\n重点工作任务时间安排表\n\n${head}\n|------|----------|----------|----------|\n${rows}\n`;
  const read2 = (head: string, rows: string) => importNotice(`关于开展护校安园专项行动的通知\n各市教育局：\n${table(head, rows)}`).deadlines.map((d) => `${d.kind}|${d.due ?? d.start}|${d.end ?? ""}`);
  const rows = "| 1 | 制定实施方案并报备 | 各市 | 3月31日前 |\n| 2 | 省级联合督导 | 省专项办 | 6月中旬 |\n| 3 | 报送工作总结 | 各市 | 11月20日前 |";
  it("6月中旬 under 完成时限: window 06-11..06-20 beside the two dues", () => {
    expect(read2("| 序号 | 工作任务 | 责任单位 | 完成时限 |", rows)).toEqual(["once|2024-03-31|", "once|2024-11-20|", "window|2024-06-11|2024-06-20"]);
  });
  it("a table without a work column is not read as events", () => {
    expect(read2("| 序号 | 牵头单位 | 责任单位 | 完成时限 |", rows)).not.toContain("window|2024-06-11|2024-06-20");
  });
  it("a single day in the time cell is not made a window by the table reader", () => {
    expect(read2("| 序号 | 工作任务 | 责任单位 | 完成时限 |", "| 1 | 制定实施方案并报备 | 各市 | 3月31日前 |\n| 2 | 省级联合督导 | 省专项办 | 6月15日 |")).not.toContain("window|2024-06-15|2024-06-15");
  });
});

describe("inside a stage's description, 其中 + a range + a concentrated (集中/重点) event is a window of its own", () => {
  const stage = (clause: string) => `二、实施步骤\n第一阶段 自查（4月1日～4月19日）：各校自查。\n第二阶段 检查指导（4月22日～5月17日）：县局组织对重点学校进行现场检查指导，${clause}\n第三阶段 总结（5月20日～5月31日）：各校总结。`;
  it("其中4月29日至4月30日集中检查…场地: window 04-29..04-30, the three stages unchanged", () => {
    const r = read(stage("其中4月29日至4月30日集中检查“五一”活动场地。"));
    expect(r.phases.map((p) => `${p.start}|${p.end}`)).toEqual(["2024-04-01|2024-04-19", "2024-04-22|2024-05-17", "2024-05-20|2024-05-31"]);
    expect(kinds(stage("其中4月29日至4月30日集中检查“五一”活动场地。"))).toEqual(['window|["2024-04-29","2024-04-30"]']);
  });
  it("a per-place split of the stage's own work (其中…抽查东片) is a detail: no window", () => {
    expect(kinds(stage("其中4月22日至4月26日抽查东片学校。"))).toEqual([]);
  });
  it("the stage's end restated (…5月17日前完成) is no window", () => {
    expect(kinds(stage("5月17日前完成全部检查。")).filter((k) => k.startsWith("window"))).toEqual([]);
  });
});

describe("a blank week glossed by a blank range (周次：第　周（　月　日—　月　日）) is a form's field, not an item", () => {
  it("the weekly form's header line: no undated window", () => {
    expect(kinds("附件\n校园安全周报表\n学校：　　　　　　周次：第　　周（　　月　　日—　　月　　日）\n填表人：　　　　")).toEqual([]);
  });
  it("a blank range that is not a week's gloss (于　月　日至　月　日开展…) stays an undated window", () => {
    expect(kinds("三、工作要求\n各校于　　月　　日至　　月　　日开展应急疏散演练。")).toEqual(['window|[null,null]']);
  });
});

describe("a part of a month opening a clause, then the authorities who will hold an inspection, is that inspection's window", () => {
  const stage = (clause: string) => `二、实施步骤\n整治分三个阶段进行：9月9日到9月30日为学校自查阶段，各校逐项自查；10月1日到10月31日为集中整治阶段，各校集中整改，${clause}；11月1日到11月25日为总结巩固阶段，各校形成总结。`;
  it("10月中旬县教育局、县市场监管局将组成联合检查组…进行实地检查: window 10-11..10-20", () => {
    expect(kinds(stage("10月中旬县教育局、县市场监管局将组成联合检查组，深入各校食堂进行实地检查"), "2024年9月1日").filter((k) => k.startsWith("window"))).toEqual(['window|["2024-10-11","2024-10-20"]']);
  });
  it("two parts joined by 和 before the authorities (将分两次开展联合督查): two windows", () => {
    expect(kinds("二、工作步骤\n2. 排查整治（5月16日～8月20日）：各乡镇开展排查。6月上旬和7月中旬，县教体局、县水利局将分两次开展联合督查。", "2024年5月1日").filter((k) => k.startsWith("window"))).toEqual(['window|["2024-06-01","2024-06-10"]', 'window|["2024-07-11","2024-07-20"]']);
  });
  it("a part of a month with the schools' own work, or a report of what was done (no 将), gives no window", () => {
    expect(kinds(stage("10月中旬各校完成整改台账"), "2024年9月1日").filter((k) => k.startsWith("window"))).toEqual([]);
    expect(kinds("三、工作回顾\n10月中旬县教育局对各校食堂进行了检查，发现问题12处。", "2024年11月1日")).toEqual([]);
  });
});

describe("到/至 followed by a place (到校, 到岗) is not a range's second end", () => {
  it("于3月下旬到校…开展培训: window of 下旬, nothing unresolved", () => {
    const r = read("三、工作要求\n学校邀请县消防救援大队于3月下旬到校为全体教职工开展灭火器使用培训。");
    expect(r.deadlines.map((d) => `${d.kind}|${d.start}|${d.end}`)).toEqual(["window|2024-03-21|2024-03-31"]);
    expect(r.unresolved.filter((u) => u.field === "deadlines")).toEqual([]);
  });
  it("a real range with 到 (于3月20日到3月25日开展演练) is still one window", () => {
    expect(kinds("三、工作要求\n各校于3月20日到3月25日开展应急疏散演练。")).toEqual(['window|["2024-03-20","2024-03-25"]']);
  });
});

describe("a decorative mark before a numbered heading (🔸第一阶段：…) does not hide the number", () => {
  it("emoji-led stage headings: two phases", () => {
    expect(phases("具体安排如下↓↓↓\n\n🔸第一阶段：隐患排查（6月3日—6月12日）\n学校安全领导小组全面排查。\n\n🔸第二阶段：整改落实（6月13日—6月28日）\n总务处落实整改。")).toEqual(["2024-06-03|2024-06-12", "2024-06-13|2024-06-28"]);
  });
  it("a mark before ordinary text (▲图片, ★温馨提示) is left as it is and gives nothing", () => {
    expect(kinds("▲图片\n★温馨提示：请家长配合学校做好安全教育。")).toEqual([]);
  });
});

describe("a day's class period (下午第二节课) is a time of that day; 班会时间/演练时间 label an event's day", () => {
  it("班会时间：10月16日下午第三节: one-day window", () => {
    expect(kinds("三、活动安排\n2.全校统一召开主题班会，班会时间：10月16日下午第三节；")).toEqual(['window|["2024-10-16","2024-10-16"]']);
  });
  it("a numbered item opening with a day and its class period, then the event: one-day window", () => {
    expect(kinds("三、活动安排\n2．3月18日下午第二节课后，全校举行应急疏散演练，各班按指定路线疏散至操场；")).toEqual(['window|["2024-03-18","2024-03-18"]']);
    expect(kinds("二、开好安全教育班会。3月26日下午第二节课，各班统一召开安全教育主题班会，政教处届时安排人员巡查。")).toEqual(['window|["2024-03-26","2024-03-26"]']);
  });
  it("a class period in running text with no event opening the clause gives nothing", () => {
    expect(kinds("三、工作要求\n各班要利用好下午第二节课的时间，加强安全提醒。")).toEqual([]);
  });
});
