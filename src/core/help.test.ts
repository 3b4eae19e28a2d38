import { describe, expect, it } from "vitest";
import type { BotModule } from "./bot.js";
import { helpCard, helpText, UNKNOWN_PERSON_HELP } from "./help.js";
import { validateCard } from "../sim/rules/index.js";

const run = async () => undefined;
const modules: BotModule[] = [
  { name: "incidents", commands: [{ name: "上报", summary: "上报欺凌事件", roles: ["teacher", "principal"], run }, { name: "结案", summary: "结案", roles: ["principal"], run }] },
  { name: "reports", commands: [{ name: "月报", summary: "填写月报表", run }], help: (roles) => (roles.some((r) => r.role === "safetyOffice") ? ["查看各校提交情况"] : []) },
];

describe("helpText", () => {
  it("offers each person only the commands of their roles", () => {
    const t = helpText([{ campaignId: "c", campaignTitle: "防欺凌行动", role: "teacher", unitName: "一小" }], modules);
    expect(t).toContain("教职工（一小）");
    expect(t).toContain("「上报」");
    expect(t).toContain("「月报」");
    expect(t).not.toContain("「结案」");
    expect(t).not.toContain("查看各校提交情况");
  });

  it("adds module help lines for the role", () => {
    const t = helpText([{ campaignId: "c", campaignTitle: "防欺凌行动", role: "safetyOffice" }], modules);
    expect(t).toContain("查看各校提交情况");
    expect(t).not.toContain("「上报」");
  });

  it("tells an unknown person whom to ask", () => {
    expect(helpText([], modules)).toBe(UNKNOWN_PERSON_HELP);
    expect(UNKNOWN_PERSON_HELP).toMatch(/安全办/);
  });
});

describe("helpCard", () => {
  const withButton: BotModule[] = [...modules, { name: "x", helpButtons: () => [{ text: "上报欺凌事件", primary: true, value: { action: "incident_open_form", campaignId: "c" } }] }];

  it("carries the modules' buttons and passes Lark's card rules", () => {
    const c = helpCard([{ campaignId: "c", campaignTitle: "防欺凌行动", role: "teacher", unitName: "一小" }], withButton);
    const json = JSON.stringify(c);
    expect(json).toContain("incident_open_form");
    expect(json).toContain("上报欺凌事件");
    expect(validateCard(c)).toMatchObject({ ok: true });
  });

  it("shows a plan title with markup as typed text", () => {
    const c = helpCard([{ campaignId: "c", campaignTitle: "<at id=all></at>[x](http://e.example)", role: "teacher" }], modules);
    expect(JSON.stringify(c)).not.toContain("<at id=all>");
  });
});
