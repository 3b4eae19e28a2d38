/**
 * Phrasings behind the misses of blind set 4 (fixtures/blind4, measured once at aa49eb3, then used as dev material) and
 * the round-7 contract ruling on wholly blank deadlines. Each text below is our own, written to show one general rule;
 * none is copied from a blind notice.
 */
import { describe, expect, it } from "vitest";
import { phrasingKit, readLayout } from "./phrasing.js";

const { notice } = phrasingKit("关于开展校园安全专项检查的通知", { issuer: "某某区教育局", date: "2023年3月1日" });
const read = readLayout;

describe("blind4 phrasings (round 7)", () => {
  it("named phases each followed by 时间为<range> in one paragraph are phases, not windows", () => {
    const { phases, kinds } = read(
      notice("二、实施步骤\n检查共分三段。第一阶段为动员摸底阶段，时间为4月3日至4月14日，各校排查台账；第二阶段为集中整改阶段，时间为4月17日至5月19日，逐项销号；第三阶段为督查评估阶段，时间为5月22日至6月9日，区里抽查。"),
    );
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
      ["2023-05-22", "2023-06-09"],
    ]);
    expect(kinds).toEqual([]);
  });
  it("a named phase with its period labelled 日期： after a comma is a phase too", () => {
    const { phases, kinds } = read(notice("三、进度安排\n宣传发动阶段，日期：9月4日—9月15日。"));
    expect(phases).toEqual([["2023-09-04", "2023-09-15"]]);
    expect(kinds).toEqual([]);
  });
  it("with the ordinal (第X阶段为 / 第X步：) the phase's name need not end in 阶段", () => {
    const { phases, kinds } = read(notice("二、步骤\n第一步：摸底登记，时间为4月3日至4月21日；第二步：集中整治，时间为4月24日至6月2日。"));
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-21"],
      ["2023-04-24", "2023-06-02"],
    ]);
    expect(kinds).toEqual([]);
  });
  it("a lone 时间为<range> after a phase word that is not a name (分三个阶段) stays what it was", () => {
    const { phases } = read(notice("本次检查分两个阶段，时间为4月3日至6月9日。"));
    expect(phases).toEqual([]);
  });
  it("a step dated 次年… takes the year after the steps before it", () => {
    const { phases } = read(
      notice("四、时间安排\n第一步：宣传动员。10月9日至10月31日，各校召开动员会。\n第二步：全面整治。11月1日至12月29日，开展联合检查。\n第三步：总结提升。次年2月20日至3月15日，复查并总结。", "2023年9月20日"),
    );
    expect(phases).toEqual([
      ["2023-10-09", "2023-10-31"],
      ["2023-11-01", "2023-12-29"],
      ["2024-02-20", "2024-03-15"],
    ]);
  });
  it("a phase table copied as space-aligned text: a row whose task stands one space after its period is still a row", () => {
    const { phases } = read(
      notice("一、时间及步骤\n阶段      时间          工作内容\n排查建档    4月10日—4月28日 各校建立隐患台账\n整改落实    5月4日—6月16日  逐项整改销号\n总结验收    6月19日—6月30日 形成总结报告"),
    );
    expect(phases).toEqual([
      ["2023-04-10", "2023-04-28"],
      ["2023-05-04", "2023-06-16"],
      ["2023-06-19", "2023-06-30"],
    ]);
  });
  it("without a 阶段 header, one space after a date does not make a table row", () => {
    const { phases } = read(notice("一、工作要求\n各校    4月10日—4月28日 自查"));
    expect(phases).toEqual([]);
  });
  it("steps listed after a 步骤 heading's colon, each 名称（日期）, are phases; a blank period is an undated phase + unresolved", () => {
    const { r, phases } = read(notice("五、推进步骤：摸底排查（3月6日—3月24日）；集中整治（3月27日—5月26日）；回头检查（　月　日—　月　日）；总结上报（6月5日—6月16日）。"));
    expect(phases).toEqual([
      ["2023-03-06", "2023-03-24"],
      ["2023-03-27", "2023-05-26"],
      [null, null],
      ["2023-06-05", "2023-06-16"],
    ]);
    expect(r.unresolved.some((u) => u.field === "phases[2]")).toBe(true);
  });
  it("listed steps may be apart by commas, or carry a few words of task after their bracket when apart by semicolons", () => {
    const a = read(notice("三、实施阶段分为：宣传发动（3月6日—3月17日），排查整改（3月20日—4月28日），总结验收（5月4日—5月19日）。"));
    expect(a.phases).toEqual([
      ["2023-03-06", "2023-03-17"],
      ["2023-03-20", "2023-04-28"],
      ["2023-05-04", "2023-05-19"],
    ]);
    const b = read(notice("三、工作步骤：宣传发动（3月6日—3月17日），各校召开动员会；排查整改（3月20日—4月28日），逐项销号。"));
    expect(b.phases).toEqual([
      ["2023-03-06", "2023-03-17"],
      ["2023-03-20", "2023-04-28"],
    ]);
  });
  it("a bracketed phase period opening with 次年 is dated in the following year", () => {
    const { phases } = read(notice("三、实施步骤\n（一）排查阶段（11月6日—12月22日）：全面排查。\n（二）巩固阶段（次年1月2日—2月28日）：回头看。", "2023年10月30日"));
    expect(phases).toEqual([
      ["2023-11-06", "2023-12-22"],
      ["2024-01-02", "2024-02-28"],
    ]);
  });
  it("an obligation word + 立即/第一时间/马上 + any action is an immediate task", () => {
    for (const s of [
      "发现燃气泄漏的，学校须立即疏散师生并关闭总阀。",
      "校车发生故障的，驾驶员要立即靠边停车等候救援。",
      "接到家长反映后，班主任应当立即核查学生去向。",
      "出现传染病疑似病例的，学校务必马上隔离观察。",
      "属地派出所要第一时间介入处置。",
    ]) {
      expect(read(notice(s)).kinds, s).toEqual(["immediate"]);
    }
  });
  it("立即 that is not an obligation is not a task: taking effect, a past narrative, 不能马上, a word ending in 应/要", () => {
    for (const s of [
      "本办法自印发之日起立即生效。",
      "本规定须立即施行。",
      "事发当天，学校要立即报送了情况说明后又组织了复查。",
      "对不能马上整改的隐患，要落实临时防范措施。",
      "各校作出相应立即整改的安排，重要立即事项另文通知。",
      "轻微擦碰的，驾驶员无须立即停运检修。",
      "遇到陌生来电，学生不要马上转账汇款。",
    ]) {
      expect(read(notice(s)).kinds, s).toEqual([]);
    }
  });
});

describe("layouts of the same families, in other words (round 7)", () => {
  it("一是X阶段（A至B）；二是Y阶段（…）: an ordinal word 一是/二是 opens a bracket-dated phase", () => {
    const { phases } = read(notice("二、时间安排\n一是宣传发动阶段（4月3日至4月14日）；二是集中整改阶段（4月17日至5月19日）。"));
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
    ]);
  });
  it("X阶段，A至B；Y阶段，C至D — the period right after the named phase, no label", () => {
    const { phases, kinds } = read(notice("二、实施步骤\n本次检查分三个阶段：自查阶段，4月3日至4月14日；整改阶段，4月17日至5月19日；验收阶段，5月22日至6月9日。"));
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
      ["2023-05-22", "2023-06-09"],
    ]);
    expect(kinds).toEqual([]);
  });
  it("第一阶段为名称，A至B；第二阶段为…: both phases, named without 为", () => {
    const { r } = read(notice("二、时间安排\n第一阶段为学校自查，4月3日至4月14日；第二阶段为集中整改，4月17日至5月19日。"));
    expect(r.phases.map((p) => [p.name, p.start, p.end])).toEqual([
      ["学校自查", "2023-04-03", "2023-04-14"],
      ["集中整改", "2023-04-17", "2023-05-19"],
    ]);
  });
  it("a numbered step with a blank range after its colon, in a 步骤 section, is an undated phase", () => {
    const { r, phases } = read(notice("二、工作步骤\n1.动员部署：4月3日—4月14日\n2.排查整治：4月17日—5月19日\n3.总结验收：  月  日—  月  日"));
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
      [null, null],
    ]);
    expect(r.unresolved.some((u) => u.field === "phases[2]")).toBe(true);
  });
  it("次年 also opens a period written after a phase's name and colon", () => {
    const { phases } = read(notice("三、实施步骤\n（一）排查阶段：11月6日—12月22日。\n（二）巩固阶段：次年1月2日—2月28日。", "2023年10月30日"));
    expect(phases).toEqual([
      ["2023-11-06", "2023-12-22"],
      ["2024-01-02", "2024-02-28"],
    ]);
  });
  it("more step layouts: 阶段一：名称（…）, 第一步 名称 A—B, 1. X阶段 A—B, A—B：X阶段 lines", () => {
    const two = [
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
    ];
    for (const body of [
      "三、实施步骤\n阶段一：摸底登记（4月3日—4月14日）\n阶段二：集中整改（4月17日—5月19日）",
      "三、实施步骤\n第一步 摸底登记 4月3日—4月14日\n第二步 集中整改 4月17日—5月19日",
      "三、实施步骤\n1. 摸底登记阶段 4月3日—4月14日\n2. 集中整改阶段 4月17日—5月19日",
      "三、实施步骤\n4月3日—4月14日：摸底登记阶段\n4月17日—5月19日：集中整改阶段",
    ])
      expect(read(notice(body)).phases, body).toEqual(two);
  });
  it("a phase heading on its own line, its period on the next (时间：A—B, or A—B leading the sentence): a phase, not a window", () => {
    const two = [
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
    ];
    const a = read(notice("三、实施步骤\n（一）摸底登记阶段\n时间：4月3日—4月14日。各校建立台账。\n（二）集中整改阶段\n时间：4月17日—5月19日。各校逐项整改。"));
    expect(a.phases).toEqual(two);
    expect(a.kinds).toEqual([]);
    const b = read(notice("三、实施步骤\n第一阶段：摸底登记\n4月3日—4月14日，各校建立台账。\n第二阶段：集中整改\n4月17日—5月19日，各校逐项整改。"));
    expect(b.phases).toEqual(two);
    expect(b.kinds).toEqual([]);
  });
  it("numbered steps run into one line of a 步骤 section, each 名称（日期）, are one phase each", () => {
    const { phases } = read(notice("三、实施步骤\n1.摸底登记（4月3日—14日）。2.集中整改（4月17日—5月19日）。3.总结验收（6月）。"));
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
      ["2023-06-01", "2023-06-30"],
    ]);
  });
  it("a list of one-day events after 活动安排： is not a list of steps", () => {
    const { phases } = read(notice("三、活动安排：开幕仪式（5月8日）；法治讲座（5月10日）；疏散演练（5月12日）。"));
    expect(phases).toEqual([]);
  });
  it("a phase heading ending in 时间为 still runs on into its dated next line", () => {
    const { phases } = read(notice("三、实施步骤\n第一阶段：摸底登记，时间为\n4月3日至4月14日。\n第二阶段：集中整改，时间为\n4月17日至5月19日。"));
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
    ]);
  });
  it("with 第X阶段为 a 旬 or a month is a phase's period too (a single day is not)", () => {
    const { phases } = read(notice("三、时间安排\n第一阶段为摸底登记阶段，4月上旬；第二阶段为集中整改阶段，4月中旬至5月底；第三阶段为总结验收阶段，6月。"));
    expect(phases).toEqual([
      ["2023-04-01", "2023-04-10"],
      ["2023-04-11", "2023-05-31"],
      ["2023-06-01", "2023-06-30"],
    ]);
    expect(read(notice("三、时间安排\n第一步：召开动员会，4月3日；第二步：开展自查，4月10日。")).phases).toEqual([]);
  });
  it("名称：A—B；名称：C—D in a 时间安排 section: one phase per named period (not labels such as 检查时间)", () => {
    const { phases } = read(notice("三、时间安排\n摸底登记：4月3日—4月14日；集中整改：4月17日—5月19日。"));
    expect(phases).toEqual([
      ["2023-04-03", "2023-04-14"],
      ["2023-04-17", "2023-05-19"],
    ]);
    expect(read(notice("三、时间安排\n自查时间：4月3日—4月14日；抽查时间：4月17日—5月19日。")).phases).toEqual([]);
  });
  it("a phase word with a date that does not end its clause is not a phase (the date belongs to what follows)", () => {
    const { phases } = read(notice("在集中整改阶段，4月17日至5月19日各校要逐项销号。"));
    expect(phases).toEqual([]);
  });
});

describe("wholly blank deadlines (round-7 contract ruling)", () => {
  it("于　　月　　日前 / ____年__月__日前 is an undated once item AND an unresolved entry", () => {
    for (const s of ["各校于　　月　　日前将整改报告报区教育局。", "各校务必在____年__月__日前完成隐患销号。", "请于  年  月  日前交回执。", "请各校于＿＿月＿＿日前报送总结。", "各校于2023年　月　日前报送总结。", "请于　　月　　日（星期　）前报送名单。", "回执截止时间：　　年　　月　　日。"]) {
      const { r } = read(notice(s));
      expect(r.deadlines.map((d) => [d.kind, d.due]), s).toEqual([["once", null]]);
      expect(r.unresolved.some((u) => u.field === "deadlines" && /日期空白/.test(u.reason)), s).toBe(true);
    }
  });
  it("a form's blank signature date (no 前, no 截止) is not a deadline", () => {
    const { r } = read(notice("填表人：　　　　填表日期：　　年　　月　　日"));
    expect(r.deadlines).toEqual([]);
  });
  it("a month written with its day blank is not wholly blank (no undated item from it)", () => {
    const { r } = read(notice("各校于9 月  日前报送总结。"));
    expect(r.deadlines.filter((d) => d.kind === "once" && d.due === null)).toEqual([]);
  });
  it("a blank date inside a blank-dated phase stays the phase's, not a deadline", () => {
    const { r, phases } = read(notice("三、实施步骤\n（一）自查阶段。各校逐项自查，2023 年 月底前完成。\n"));
    expect(phases).toEqual([[null, null]]);
    expect(r.deadlines).toEqual([]);
  });
});
