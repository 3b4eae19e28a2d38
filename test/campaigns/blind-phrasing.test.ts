/**
 * Phrasings behind the misses of the blind set (fixtures/blind, measured once at 314e571, then used as dev material).
 * Each sentence below is our own, written to show one general rule; none is copied from a blind notice.
 */
import { describe, expect, it } from "vitest";
import { importNotice } from "../../src/domains/campaigns/importer.js";

const items = (t: string) => {
  const r = importNotice(t);
  return { r, phases: r.phases.map((p) => [p.start, p.end]), kinds: r.deadlines.map((d) => d.kind), deadlines: r.deadlines };
};

describe("blind-set phrasings (round 4)", () => {
  it("须/必须/要 立即报告 / 报警 / 采取措施 / 劝阻 is an immediate task (no date)", () => {
    for (const s of [
      "发生食物中毒事件，学校必须立即向区教育局报告。",
      "发现校外人员闯入的，门卫须立即报警。",
      "發現重大隱患，學校須立即採取措施。",
      "看到学生下河游泳，家长要立即进行劝阻。",
      "一旦发生踩踏事故，第一时间向区教育局报告。",
    ]) {
      const { kinds } = items(`关于做好春季安全工作的通知\n各学校：\n${s}\n某某区教育局\n2022年3月1日\n`);
      expect(kinds, s).toEqual(["immediate"]);
    }
  });
  it("立即 without an obligation (a drill instruction, a statement) is not a task", () => {
    const { kinds } = items("消防演练方案\n警报响起后，请全体师生立即撤离到操场。\n某某中学\n2021年11月5日\n");
    expect(kinds).toEqual([]);
  });
  it("a breadcrumb line of a web page is not the title: the title's year dates the notice", () => {
    const { r, phases } = items("当前位置：首页 >> 通知公告 >> 正文\n\n城南中学2021年消防安全月\n活动方案\n\n一、活动安排\n1、宣传阶段（11月1日至11月10日）：各班开展宣传。\n2、演练阶段（11月11日至11月30日）：组织疏散演练。\n");
    expect(r.title).toBe("城南中学2021年消防安全月活动方案");
    expect(phases).toEqual([
      ["2021-11-01", "2021-11-10"],
      ["2021-11-11", "2021-11-30"],
    ]);
  });
  it("即日起至<date> with no issue date: the start stays unknown, the written end is kept", () => {
    const { r, phases } = items("城南中学2021年防溺水工作方案\n一、工作步骤\n（一）宣传阶段（即日起至6月30日）：各班召开主题班会。\n（二）巡查阶段（7月1日至8月31日）：教师分组巡查。\n");
    expect(phases).toEqual([
      [null, "2021-06-30"],
      ["2021-07-01", "2021-08-31"],
    ]);
    expect(r.unresolved.some((u) => u.field === "phases[0]")).toBe(true);
  });
  it("a phase whose dates are left blank in brackets is a phase with null dates, listed in unresolved", () => {
    const { r, phases } = items("关于开展交通安全教育的方案\n2023年4月3日\n三、实施步骤\n1、动员阶段（4月10日至4月20日）：召开动员会。\n2、总结阶段（　月　日—　月　日）：各校总结上报。\n");
    expect(phases).toEqual([
      ["2023-04-10", "2023-04-20"],
      [null, null],
    ]);
    expect(r.unresolved.some((u) => u.field === "phases[1]")).toBe(true);
  });
  it("in a 步骤 section a numbered step with a blank range is an undated phase; a blank 前 in brackets is not a phase", () => {
    const { r, phases } = items("关于开展2023年校园安全检查的通知\n三、实施步骤\n（一）学校自查（4月1日—4月15日）：各校自查。\n（二）督导评估（  月  日—  月  日）：区局督导。\n四、工作要求\n（一）报送材料（  月  日前）。\n");
    expect(phases).toEqual([
      ["2023-04-01", "2023-04-15"],
      [null, null],
    ]);
    expect(r.unresolved.some((u) => u.field === "phases[1]")).toBe(true);
  });
  it("a phase heading whose '2024 年 月底前完成' has the month blank (also broken over two lines)", () => {
    const { r, phases } = items("某某区2024年校园安全隐患排查方案\n三、实施步骤\n（一）自查阶段。各校对照清单自查，2024 年\n 月底前完成。\n（二）整改阶段。各校逐项整改，2024 年 月底前完成。\n四、工作要求\n");
    expect(phases).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(r.unresolved.filter((u) => u.field.startsWith("phases[")).length).toBe(2);
    expect(r.deadlines).toEqual([]);
  });
  it("the same phase heading with its finishing date written: a phase ending then (start not given), not a deadline", () => {
    const { phases, deadlines } = items("某某区2024年校园安全隐患排查方案\n三、实施步骤\n（一）自查阶段。各校对照清单自查，3月底前完成。\n（二）整改阶段。各校逐项整改，6月15日前完成。\n四、工作要求\n");
    expect(phases).toEqual([
      [null, "2024-03-31"],
      [null, "2024-06-15"],
    ]);
    expect(deadlines).toEqual([]);
  });
  it("a pipe table without outer pipes, full-width ｜", () => {
    const { phases } = items("关于开展2019年校园周边整治的通知\n二、工作安排\n阶段｜时间｜任务\n排查摸底｜4月1日—4月20日｜建立问题清单\n集中整治｜4月21日—6月30日｜逐项整改\n");
    expect(phases).toEqual([
      ["2019-04-01", "2019-04-20"],
      ["2019-04-21", "2019-06-30"],
    ]);
  });
  it("dated phases run on after a colon: 分三步进行：A至B为…阶段；C至D为…阶段", () => {
    const { phases } = items("关于开展2021年秋季宿舍安全检查的通知\n二、方法步骤\n检查分两步进行：10月8日至10月20日为自查阶段，各院系自查；10月21日至11月10日为复查阶段，保卫处复查。\n");
    expect(phases).toEqual([
      ["2021-10-08", "2021-10-20"],
      ["2021-10-21", "2021-11-10"],
    ]);
  });
  it("'分为两个阶段：A为第一阶段，…；B为第二阶段' gives both phases, not one named 分为两个阶段", () => {
    const { r, phases } = items("关于开展2017年防欺凌专项行动的通知\n三、时间安排\n本次行动分为两个阶段：3月至6月为第一阶段，各校开展自查；9月至11月为第二阶段，县局组织督查。\n");
    expect(phases).toEqual([
      ["2017-03-01", "2017-06-30"],
      ["2017-09-01", "2017-11-30"],
    ]);
    expect(r.phases.map((p) => p.name)).toEqual(["第一阶段", "第二阶段"]);
  });
  it("发生<event>后，应在N个工作日内…: the event may be named between 发生 and 后", () => {
    const { deadlines } = items("关于加强安全信息报送的通知\n各学校：\n学校发生校车交通事故后，应在2个工作日内书面报告区教育局。\n某某区教育局\n2020年9月1日\n");
    expect(deadlines.map((d) => [d.kind, d.days, d.dayType])).toEqual([["relative", 2, "working"]]);
  });
});

describe("blind-set-2 phrasings (round 5)", () => {
  it("每季度末 (报送/上报…) is the calendar quarter's last day; a bare 每季度 stays every 3 months with no anchor", () => {
    const q = items("关于做好校园安全隐患排查的通知\n各学校：\n各校每季度末将排查台账上报区教育局。\n某某区教育局\n2020年2月1日\n");
    expect(q.deadlines.map((d) => d.rule)).toEqual([{ every: "quarter", day: "last" }]);
    expect(q.deadlines[0].title).not.toMatch(/^末/);
    const n = items("关于做好校园安全隐患排查的通知\n各学校：\n各校每季度组织一次应急演练。\n某某区教育局\n2020年2月1日\n");
    expect(n.deadlines.map((d) => d.rule)).toEqual([{ every: "3 months" }]);
  });
  it("inline phases '日期为X阶段' (a 步骤/安排 section) may follow the sentence's subject", () => {
    const { phases } = items("关于开展防溺水专项行动的通知\n各学校：\n二、时间安排\n此次专项行动5月6日至5月20日为宣传阶段，5月21日至6月30日为巡查阶段。\n某某区教育局\n2022年4月28日\n");
    expect(phases).toEqual([
      ["2022-05-06", "2022-05-20"],
      ["2022-05-21", "2022-06-30"],
    ]);
  });
  it("要/须 立即停止 (使用/供应…) is an immediate task", () => {
    const { kinds } = items("关于加强校舍安全管理的通知\n各学校：\n发现教室出现墙体裂缝的，学校须立即停止使用该教室，并疏散学生。\n某某区教育局\n2021年9月1日\n");
    expect(kinds).toEqual(["immediate"]);
  });
  it("a hard-wrapped paragraph broken mid-word is joined before reading phases", () => {
    const { phases } = items(
      "关于开展交通安全创建活动的通知\n各学校：\n二、实施步骤\n    创建活动自2022年3月开始，3月为部署动员阶段，4月至5月为全面推进阶\n段，6月为总结表彰阶段。各校认真组织实施。\n某某区教育局\n2022年2月20日\n",
    );
    expect(phases).toEqual([
      ["2022-03-01", "2022-03-31"],
      ["2022-04-01", "2022-05-31"],
      ["2022-06-01", "2022-06-30"],
    ]);
  });
  it("开学后/放假离校后/返校后 N日内: a relative deadline from a school-calendar event", () => {
    for (const t of ["各校在开学后7日内将假期安全排查表报区教育局。", "学生返校后3日内，班主任要逐一核查学生假期安全情况。", "春季开学后，各校须在5个工作日内完成校舍安全排查。"]) {
      const { deadlines } = items(`关于做好假期安全工作的通知\n各学校：\n${t}\n某某区教育局\n2021年1月10日\n`);
      expect(deadlines.map((d) => [d.kind, d.dayType]), t).toEqual([["relative", /工作日/.test(t) ? "working" : "unspecified"]]);
    }
  });
  it("a phase whose dates are deferred (时间另行通知) or left blank after a colon is an undated phase", () => {
    const a = items("城南小学2022年交通安全教育方案\n三、实施步骤\n第一阶段：宣传发动（9月1日—9月15日）\n第二阶段：总结表彰（时间另行通知）\n城南小学\n2022年8月25日\n");
    expect(a.phases).toEqual([
      ["2022-09-01", "2022-09-15"],
      [null, null],
    ]);
    expect(a.r.unresolved.some((u) => /另行通知/.test(u.raw ?? ""))).toBe(true);
    const b = items("城南小学2022年交通安全教育方案\n三、实施步骤\n（一）宣传阶段：9月1日至9月15日。各班开展宣传。\n（二）总结阶段：  月  日至  月  日。总结经验。\n城南小学\n2022年8月25日\n");
    expect(b.phases).toEqual([
      ["2022-09-01", "2022-09-15"],
      [null, null],
    ]);
  });
  it("a schedule table flattened to text: a row whose time cell is a period is a window; a '…前' row stays a once", () => {
    const { deadlines } = items(
      "关于开展消防安全检查的通知\n各学校：\n一、工作安排\n序号  时间  工作内容  责任单位\n1  10月15日前  学校自查  各学校\n2  10月下旬  区级联合抽查  区教育局\n3  11月—12月  隐患整改复查  各学校\n某某区教育局\n2021年10月8日\n",
    );
    expect(deadlines.map((d) => [d.kind, d.due ?? d.start, d.end ?? null]).sort()).toEqual([
      ["once", "2021-10-15", null],
      ["window", "2021-10-21", "2021-10-31"],
      ["window", "2021-11-01", "2021-12-31"],
    ]);
  });
  it("a table of 阶段 is not read as windows", () => {
    const { deadlines } = items("城南中学防溺水工作方案\n三、实施步骤\n阶段  时间  工作内容\n宣传阶段  5月  主题班会\n巡查阶段  6月—8月  河道巡查\n城南中学\n2022年4月20日\n");
    expect(deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
});

describe("blind-set phrasings (round 6, from blind set 3)", () => {
  it("第X步，名称。日期，… in a 工作步骤 section: each step is a phase, not a window", () => {
    const { phases, deadlines } = items(
      "关于开展校舍安全排查的通知\n各学校：\n二、工作步骤\n第一步，班级自查。9月3日至9月20日，各班对照清单自查。\n第二步，学校复查。9月21日—10月10日，学校逐班复查。\n某某区教育局\n2022年9月1日\n",
    );
    expect(phases).toEqual([
      ["2022-09-03", "2022-09-20"],
      ["2022-09-21", "2022-10-10"],
    ]);
    expect(deadlines.filter((d) => d.kind === "window")).toEqual([]);
  });
  it("a 阶段 table copied as text (cells apart by runs of spaces, rows opening with a number) gives one phase a row", () => {
    const { phases } = items(
      "关于开展交通安全专项整治的通知\n各学校：\n一、工作安排\n序号  阶段  时间  主要任务\n1  宣传动员  9月5日—9月16日  制定方案\n2  排查整治  9月19日—10月28日  逐校排查\n3  验收总结  11月1日—11月11日  总结上报\n某某县教育局\n2022年9月1日\n",
    );
    expect(phases).toEqual([
      ["2022-09-05", "2022-09-16"],
      ["2022-09-19", "2022-10-28"],
      ["2022-11-01", "2022-11-11"],
    ]);
  });
  it("日期为名称阶段, several in one sentence (half-width punctuation, 为 after a comma, a subject before the first)", () => {
    const a = items("关于开展防汛安全检查的通知\n各学校:\n一,工作安排.本次检查分三个阶段:6月1日至6月10日为自查阶段,各校全面自查;6月11日至7月20日为整改阶段,逐项整改;7月21日至7月31日为验收阶段.\n某某县教体局\n2021年5月28日\n");
    expect(a.phases).toEqual([
      ["2021-06-01", "2021-06-10"],
      ["2021-06-11", "2021-07-20"],
      ["2021-07-21", "2021-07-31"],
    ]);
    expect(a.deadlines.filter((d) => d.kind === "window")).toEqual([]);
    const b = items("关于开展食品安全专项整治的通知\n各学校：\n2023年4月—5月，为自查自纠阶段，各校全面自查；6月—9月，为重点整治阶段，逐项整改；10月—11月，为总结阶段。\n某某市教育局\n2023年3月20日\n");
    expect(b.phases).toEqual([
      ["2023-04-01", "2023-05-31"],
      ["2023-06-01", "2023-09-30"],
      ["2023-10-01", "2023-11-30"],
    ]);
  });
  it("第X阶段：名称（  月  日—  月  日） — a named phase with its range left blank is an undated phase", () => {
    const { r, phases } = items("城南中学2022年交通安全教育方案\n二、工作阶段\n第一阶段：宣传教育（3月1日—3月31日）。各班开展主题班会。\n第二阶段：总结表彰（　　月　　日—　　月　　日）。视情况确定。\n城南中学\n2022年2月25日\n");
    expect(phases).toEqual([
      ["2022-03-01", "2022-03-31"],
      [null, null],
    ]);
    expect(r.phases[1].name).toBe("总结表彰");
  });
});
