import { describe, expect, it } from "vitest";
import { draftFromForm, parseClosing, parseIntake, parseLarkDateTime, closingDraftFromForm } from "../../src/domains/incidents/schema.js";
import { goodForm } from "./support.js";

const now = new Date("2021-10-12T06:00:00Z"); // 14:00 in Shanghai
const ctx = { now, tz: "Asia/Shanghai", unitKeys: ["school-a"] };

describe("intake form", () => {
  it("parses a complete form (Lark's date format with offset, arrays for multi-selects)", () => {
    const r = parseIntake(draftFromForm(goodForm({ major: ["weapon", "weapon"], public_attention: "true" })), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.unit).toBe("school-a");
    expect(r.value.occurredAt.toISOString()).toBe("2021-10-12T01:30:00.000Z");
    expect(r.value.kinds).toEqual(["physical", "verbal"]);
    expect(r.value.major).toEqual(["weapon"]);
    expect(r.value.victims).toBe(1);
    expect(r.value.publicAttention).toBe(true);
  });

  it("names every wrong field in Chinese, in form order, and keeps what was typed in the draft", () => {
    const fv = goodForm({ occurred_at: undefined, kinds: [], severity: "extreme", victim_count: "两个", summary: "   ", place: "x".repeat(101) });
    const draft = draftFromForm(fv);
    const r = parseIntake(draft, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(["occurred_at", "place", "kinds", "severity", "victim_count", "summary"]);
    expect(r.errors.find((e) => e.field === "occurred_at")?.message).toBe("请选择发生时间");
    expect(r.errors.find((e) => e.field === "place")?.message).toContain("具体地点不能超过 100 字");
    expect(r.errors.find((e) => e.field === "victim_count")?.message).toContain("受欺凌学生人数");
    expect(r.errors.find((e) => e.field === "summary")?.message).toBe("请填写事件概述");
    expect(draft.victims).toBe("两个");
    expect(draft.place).toHaveLength(101);
  });

  it("refuses a time in the future, a unit the reporter does not belong to, and two zero counts", () => {
    const r = parseIntake(draftFromForm(goodForm({ occurred_at: "2021-10-12 18:00 +0800", unit: "school-b", victim_count: "0", actor_count: "0" })), { ...ctx, unitKeys: ["school-a", "school-c"] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message)).toEqual(["学校的选项无效，请重新选择", "发生时间不能晚于现在", "受欺凌学生人数和实施欺凌学生人数不能都为 0"]);
  });

  it("survives any shape of form_value (forged callbacks)", () => {
    for (const fv of [undefined, {}, { kinds: "physical" }, { kinds: { a: 1 } }, { victim_count: 3, public_attention: 1 }, { occurred_at: ["2021-10-12 09:00"] }]) {
      const r = parseIntake(draftFromForm(fv as Record<string, unknown>), ctx);
      expect(r.ok).toBe(false);
    }
    expect(draftFromForm({ kinds: "physical,verbal" }).kinds).toEqual(["physical", "verbal"]);
  });

  it("refuses 30,000 characters of summary with the limit named", () => {
    const r = parseIntake(draftFromForm(goodForm({ summary: "长".repeat(30_000) })), ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field: "summary", message: "事件概述不能超过 2000 字" }]);
  });

  it("reads Lark date-times with and without an offset", () => {
    expect(parseLarkDateTime("2021-10-12 09:30 +0800")?.toISOString()).toBe("2021-10-12T01:30:00.000Z");
    expect(parseLarkDateTime("2021-10-12 09:30")?.toISOString()).toBe("2021-10-12T01:30:00.000Z");
    expect(parseLarkDateTime("2021-02-30 09:30")).toBeNull();
    expect(parseLarkDateTime("2021-10-12 25:30")).toBeNull();
    expect(parseLarkDateTime("昨天")).toBeNull();
  });
});

describe("closing form", () => {
  it("needs all three parts of the 情况报告", () => {
    const r = parseClosing(closingDraftFromForm({ result: "已处置", cause: "" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(["cause", "next_steps"]);
    const ok = parseClosing(closingDraftFromForm({ result: " 已处置 ", cause: "矛盾", next_steps: "加强巡查" }));
    expect(ok.ok && ok.value.result).toBe("已处置");
  });
});
