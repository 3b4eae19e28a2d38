/**
 * Round 9: general mechanisms (not phrasings of one set). Each block states the rule in our own wording, with cases that
 * must become items and cases that must not.
 */
import { describe, expect, it } from "vitest";
import { importNotice } from "../../src/domains/campaigns/importer.js";

const notice = (body: string, date = "2024年3月1日", title = "关于做好校园安全工作的通知") => `${title}\n各学校：\n${body}\n某县教育局\n${date}\n`;
const rel = (body: string) => importNotice(notice(body)).deadlines.filter((d) => d.kind === "relative").map((d) => `${d.days}|${d.dayType}`);

describe("an obligation with (在)N(个工作)日/天内 is a relative limit, anchor named or not", () => {
  it("reads the limit whatever precedes it", () => {
    expect(rel("收到群众投诉后，后勤处应当在5个工作日内核查完毕并回复。")).toEqual(["5|working"]);
    expect(rel("教师申请调换宿舍的，宿管办在4日内答复。")).toEqual(["4|unspecified"]);
    expect(rel("检查中发现的问题，各校必须在15日内整改到位。")).toEqual(["15|unspecified"]);
    expect(rel("法定代表人变更的，学校应在变更后6日内到县局备案。")).toEqual(["6|unspecified"]);
    expect(rel("学校在知悉后2个工作日内报送书面说明。")).toEqual(["2|working"]);
    expect(rel("发生食物中毒的，要立即报告，并在3个工作日内报送调查报告。")).toEqual(["3|working"]);
    expect(rel("对排查出的纠纷，原则上在10个自然日内办结。")).toEqual(["10|calendar"]);
    expect(rel("整改结束后8天内，学校须向县消防大队报送回执。")).toEqual(["8|unspecified"]);
  });
  it("joins a limit broken over two lines", () => {
    expect(rel("县区教育局应在事件发生后4个\n工作日内向市教育局书面报告。")).toEqual(["4|working"]);
  });
  it("is not a limit: a look back, a condition, a date's day, a period tied to a date, an hour limit, no duty", () => {
    expect(rel("近7日内有发热症状的学生暂缓返校。")).toEqual([]);
    expect(rel("返校前14天内不得前往外地。")).toEqual([]);
    expect(rel("各校于3月1日至10日内完成自查。")).toEqual([]);
    expect(rel("自3月5日起30日内完成全员培训。")).toEqual([]);
    expect(rel("发生事故的，学校须在2小时内电话报告。")).toEqual([]);
    expect(rel("监控录像保存30日内的记录。")).toEqual([]);
    expect(rel("去年全县30天内发生两起溺水事故。")).toEqual([]);
  });
});

describe("a plan for next year, issued late this year: year-less dates take the plan's year", () => {
  const plan = (title: string, date: string) =>
    importNotice(notice("一、实施步骤\n（一）启动阶段（2025年1月—3月）。各校制定方案。\n（二）验收阶段（11月）。县局组织验收。\n二、各校于11月20日前报送总结。", date, title));
  it("takes the year the title names for the plan", () => {
    const r = plan("关于印发《2025年全县校园安全提升行动方案》的通知", "2024年11月10日");
    expect(r.phases.map((p) => [p.start, p.end])).toContainEqual(["2025-11-01", "2025-11-30"]);
    expect(r.deadlines.filter((d) => d.kind === "once").map((d) => d.due)).toEqual(["2025-11-20"]);
  });
  it("keeps the issue year: a plan for this year, a season straddling the new year, a notice issued early in the year", () => {
    expect(plan("关于印发《2024年全县校园安全提升行动方案》的通知", "2024年11月10日").phases.map((p) => p.start)).toContain("2024-11-01");
    expect(plan("关于做好2025年寒假及春节期间安全工作的通知", "2024年11月10日").phases.map((p) => p.start)).toContain("2024-11-01");
    expect(plan("关于印发《2025年全县校园安全工作要点》的通知", "2024年3月10日").phases.map((p) => p.start)).toContain("2024-11-01");
  });
});
