import { describe, expect, it } from "vitest";
import { parseDateExpr } from "../../src/domains/campaigns/dates.js";
import { importNotice } from "../../src/domains/campaigns/importer.js";

describe("date phrasing found by holdout5", () => {
  it("中下旬 / 上中旬 are two thirds of a month (leap February included)", () => {
    expect(parseDateExpr("2月中下旬", { year: 2024 })).toMatchObject({ ok: true, start: "2024-02-11", end: "2024-02-29", granularity: "third" });
    expect(parseDateExpr("9月上中旬", { year: 2025 })).toMatchObject({ ok: true, start: "2025-09-01", end: "2025-09-20" });
  });
  it("次年 on a range end is the year after the start, even when the months would not say so", () => {
    expect(parseDateExpr("12月11日至次年1月19日", { year: 2023 })).toMatchObject({ ok: true, start: "2023-12-11", end: "2024-01-19" });
    expect(parseDateExpr("3月1日至次年3月31日", { year: 2023 })).toMatchObject({ ok: true, start: "2023-03-01", end: "2024-03-31" });
  });
  it("a phase's bare month does not hide a later deadline in the same month", () => {
    const r = importNotice("关于开展某某工作的通知\n\n某教发〔2019〕3号\n\n一、时间步骤\n2019年4月1日—4月30日开展自查，5月由局组织抽查。\n二、要求\n各校于5月8日前报送自查报告。\n\n某教育局\n2019年3月20日\n");
    expect(r.phases.map((p) => [p.start, p.end])).toEqual([["2019-04-01", "2019-04-30"], ["2019-05-01", "2019-05-31"]]);
    expect(r.deadlines.filter((d) => d.kind === "once").map((d) => d.due)).toEqual(["2019-05-08"]);
  });
});

describe("phrasing found by holdout6", () => {
  it("a markdown table of phases is read only under a 阶段 header or a 步骤 section", () => {
    const t = (head: string) => importNotice(`关于开展某活动的通知\n\n某校发〔2022〕1号\n\n一、${head}\n| 阶段 | 时间 | 任务 |\n| 启动部署 | 5月9日—5月20日 | 制定方案 |\n\n某校\n2022年5月6日\n`);
    expect(t("活动进度").phases.map((p) => [p.name, p.start, p.end])).toEqual([["启动部署", "2022-05-09", "2022-05-20"]]);
    const noHeader = importNotice("关于X的通知\n\n一、有关说明\n| 名称 | 5月9日—5月20日 | 备注 |\n\n某局\n2022年5月6日\n");
    expect(noHeader.phases).toEqual([]);
  });
  it("接报后N个工作日内 is a relative limit", () => {
    const r = importNotice("关于X的通知\n\n区教体局在接报后2个工作日内派员核查。\n\n某局\n2026年3月10日\n");
    expect(r.deadlines.map((d) => [d.kind, d.days, d.dayType])).toEqual([["relative", 2, "working"]]);
  });
});
