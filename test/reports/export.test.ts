/** The XLSX export, read back with exceljs: the paper forms' exact headings and the submitted values. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "../support/db.js";
import { ManualClock } from "../../src/core/clock.js";
import { localDateToInstant } from "../../src/core/calendar.js";
import { runCli } from "../../src/cli/run.js";
import { commands } from "../../src/cli/registry.js";
import { submitPeriodic } from "../../src/domains/reports/form-flows.js";
import { selfCheckItems } from "../../src/domains/reports/forms/self-check.js";
import { activateLuozhuang, depsFor, monthly, CAMPAIGN, PRINCIPAL_A } from "./support.js";

const at = (date: string, time = "10:00") => localDateToInstant(date, time, "Asia/Shanghai");

describe("export reports", () => {
  let t: TestDb;
  const dir = mkdtempSync(join(tmpdir(), "scb-export-"));
  const file = join(dir, "2018-10.xlsx");
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, commands, { out: (x) => out.push(x), err: (x) => err.push(x), env: { ...process.env, DATABASE_URL: t.url } });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  beforeAll(async () => {
    t = await freshDb("sqlite");
    const clock = new ManualClock(at("2018-09-01"));
    await activateLuozhuang(t.db, clock.now());
    const deps = depsFor(t.db, clock);
    clock.set(at("2018-10-22"));
    const ref = { campaignId: CAMPAIGN, unitKey: "school-a", period: "2018-10" };
    const m = await submitPeriodic(deps, {
      openId: PRINCIPAL_A,
      value: { ...ref, form: "monthlyReport" },
      formValue: monthly({ docName: "罗庄区第一实验小学学生欺凌防治实施方案", docIssuedOn: "2018-05-10", handledSummary: "一起言语欺凌已处理" }),
    });
    expect(m.toast?.type).toBe("success");
    const sc: Record<string, string> = { principalName: "张校长", studentCount: "860", teacherCount: "52", contactPerson: "王主任", contactPhone: "13900000001", teacherTrainingTimes: "2", teacherTrainingPeople: "104", studentEducationTimes: "1", studentEducationPeople: "860", parentLecturesTimes: "0", parentLecturesPeople: "0", specialWork: "护苗值周岗" };
    for (const i of selfCheckItems) if (i.type === "yes_no") sc[i.fields[0].key] = i.fields[0].key === "legalAdvisor" ? "no" : "yes";
    expect((await submitPeriodic(deps, { openId: PRINCIPAL_A, value: { ...ref, form: "selfCheck" }, formValue: sc })).toast?.type).toBe("success");
  }, 60_000);
  afterAll(async () => t?.cleanup());

  it("refuses bad arguments in Chinese, naming them", async () => {
    const r = await run("export", "reports", "--plan", CAMPAIGN, "--period", "2018-13", "--out", file);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("--period 应为月份 YYYY-MM");
    expect((await run("export", "reports", "--plan", "nope", "--period", "2018-10", "--out", file)).err).toContain("找不到计划");
  });

  it("writes every school's 月报表 and 自查表 with the paper forms' headings and the values", async () => {
    const r = await run("export", "reports", "--plan", CAMPAIGN, "--period", "2018-10", "--out", file, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).units).toEqual([
      { key: "school-a", name: "罗庄区第一实验小学", monthlyReport: "按时提交", selfCheck: "按时提交" },
      { key: "school-b", name: "罗庄区实验中学", monthlyReport: "未提交", selfCheck: "未提交" },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "月报表-罗庄区第一实验小学", "自查表-罗庄区第一实验小学", "月报表-罗庄区实验中学", "自查表-罗庄区实验中学"]);

    const sum = wb.getWorksheet("汇总")!;
    expect(sum.getRow(1).values).toEqual([undefined, "学校", "月报表", "自查表", "本月校园欺凌发生事件数（件）", "接收举报发现数（件）", "构成刑事案件数(件)", "本月处理校园欺凌事件数（件）"]);
    expect(sum.getRow(2).values).toEqual([undefined, "罗庄区第一实验小学", "按时提交", "按时提交", 2, 1, 0, 1]);
    expect(sum.getCell("C3").value).toBe("未提交");

    const m = wb.getWorksheet("月报表-罗庄区第一实验小学")!;
    const g = (ref: string) => m.getCell(ref).value;
    expect(g("A1")).toBe("罗庄区中小学生欺凌防治落实年行动（10）月报表");
    expect(g("A2")).toBe("学校：罗庄区第一实验小学");
    expect(g("D2")).toBe("2018年10月22日");
    expect(g("A3")).toBe("学校防欺凌工作部署情况");
    expect(g("B3")).toBe("学校出台文件部署工作情况（名称）");
    expect(g("C3")).toBe("罗庄区第一实验小学学生欺凌防治实施方案");
    expect(g("E3")).toBe("文件编号：罗实小〔2018〕5号\n发文时间：2018-05-10");
    expect(g("B4")).toBe("设置并公布欺凌防治工作信息情况");
    expect(String(g("C4"))).toContain("校园欺凌防治监督举报电话：0539-8200002");
    expect(g("B5")).toBe("已开展专题教育活动情况");
    expect(g("C5")).toBe("活动名称：防欺凌主题班会\n参与人数：860");
    expect(g("B6")).toBe("中心小学对辖区村小开展\n监管指导情况");
    expect(g("C6")).toBe("辖区村小制定“落实方案”数：\n公布学校治理电话数：");
    expect(g("A7")).toBe("本月校园欺凌发生事件数（件）");
    expect(g("B7")).toBe(2);
    expect(g("C7")).toBe("其中");
    expect(g("D7")).toBe("接收举报发现数（件）");
    expect(g("E7")).toBe(1);
    expect(g("D8")).toBe("构成刑事案件数(件)");
    expect(g("E8")).toBe(0);
    expect(g("A9")).toBe("本月处理校园欺凌事件数（简要描述）");
    expect(g("B9")).toBe("1件。一起言语欺凌已处理");
    expect(g("A10")).toBe("主要处理方式、程序和效果（可附案例）");
    expect(g("B10")).toBe("调查核实、批评教育、心理疏导");
    expect(g("A11")).toBe("填报人：王主任");
    expect(g("D11")).toBe("校长：张校长");
    expect(m.getCell("A8").isMerged).toBe(true);

    const s = wb.getWorksheet("自查表-罗庄区第一实验小学")!;
    const h = (ref: string) => s.getCell(ref).value;
    expect(h("A1")).toBe("罗庄区中小学生欺凌防治落实年行动自查表");
    expect(h("A2")).toBe("学校（盖章）：罗庄区第一实验小学");
    expect(h("C2")).toBe("主要负责人（签字）：张校长");
    expect([h("A3"), h("B3"), h("C3"), h("D3")]).toEqual(["学生数（人）", 860, "教师数（人）", 52]);
    expect([h("A4"), h("B4"), h("C4"), h("D4")]).toEqual(["联 络 人", "王主任", "联系电话", "13900000001"]);
    expect([h("A5"), h("B5"), h("C5")]).toEqual(["项    目", "内    容", "完成情况"]);
    // every item, in the paper's order, with its answer
    const rows: [unknown, unknown, unknown][] = [];
    for (let r = 6; r < 6 + 16; r++) rows.push([s.getCell(`A${r}`).value, s.getCell(`B${r}`).value, s.getCell(`C${r}`).value]);
    expect(rows.map((r) => r[1])).toEqual(selfCheckItems.filter((i) => i.type !== "text").map((i) => i.text));
    expect(rows[0]).toEqual(["组织建构", "学生欺凌综合治理工作领导小组", "有（√）无（  ）"]);
    expect(rows[6][2]).toBe("有（  ）无（√）"); // 法律顾问: 无
    expect(rows[12][1]).toBe("依托板报、橱窗、广播、校园网、公众微信平台等菅造防范校园欺凌良好氛围");
    expect(rows[13]).toEqual(["专题教育", "开展教师校园欺凌专题培训", "（ 2 ）次 参与（ 104 ）人"]);
    expect(rows[15][2]).toBe("（ 0 ）次 参与（ 0 ）人");
    expect([s.getCell("A22").value, s.getCell("B22").value]).toEqual(["特色工作", "护苗值周岗"]);
    expect([s.getCell("A23").value, s.getCell("B23").value]).toEqual(["规划打算", "（另附页）"]);
    expect(String(s.getCell("A24").value)).toMatch(/^注：请根据“校园欺凌”工作开展情况/);

    // a school that submitted nothing: the blank paper form, marked 未提交
    const blank = wb.getWorksheet("自查表-罗庄区实验中学")!;
    expect(blank.getCell("C6").value).toBe("有（  ）无（  ）");
    const blankM = wb.getWorksheet("月报表-罗庄区实验中学")!;
    expect(blankM.getCell("D2").value).toBe("年  月  日");
    expect(blankM.getCell("A13").value).toBe("提交状态：未提交");
  });

  it("does not overwrite an existing file without --force", async () => {
    const r = await run("export", "reports", "--plan", CAMPAIGN, "--period", "2018-10", "--out", file);
    expect(r.code).toBe(1);
    expect(r.err).toContain("不会覆盖");
  });
});
