/**
 * Seed 001 with its 月报表/自查表 deadline made quarterly (每季度末): the 月报表 command in November
 * opens the fourth quarter's form, prefilled from October to December and due 12-31; submitting
 * both forms completes the quarter's reminder; after 12-31 the form is locked, in the quarter's words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, dbProviders, type TestDb } from "../support/db.js";
import { ManualClock } from "../../src/core/clock.js";
import { localDateToInstant } from "../../src/core/calendar.js";
import type { CommandContext } from "../../src/core/bot.js";
import type { CardJson } from "../../src/core/chat-port.js";
import { validateCard } from "../../src/sim/rules/card.js";
import { reportsModule } from "../../src/domains/reports/handlers.js";
import { computePrefill, submitPeriodic } from "../../src/domains/reports/form-flows.js";
import { loadCampaign } from "../../src/domains/reports/context.js";
import { activateLuozhuang, addCase, depsFor, fieldOf, monthly, selfCheck, CAMPAIGN, PRINCIPAL_A } from "./support.js";

const at = (date: string, time = "10:00") => localDateToInstant(date, time, "Asia/Shanghai");

describe.each(dbProviders())("a quarterly 月报表 (%s)", (provider) => {
  let t: TestDb;
  const clock = new ManualClock(at("2018-11-20"));
  let deps: ReturnType<typeof depsFor>;
  const ref = { action: "report_submit", campaignId: CAMPAIGN, form: "monthlyReport", unitKey: "school-a", period: "2018-12" };

  beforeAll(async () => {
    t = await freshDb(provider);
    deps = depsFor(t.db, clock);
    await activateLuozhuang(t.db, at("2018-09-01"), (p) => {
      p.deadlines = p.deadlines.map((d) => (d.key === "monthly-report" ? { ...d, rule: { every: "quarter", day: "last" }, raw: "每季度末报送" } : d));
    });
    // the fourth quarter: one case a month (November's closed in December); September is the third quarter's
    await addCase(t, { unitKey: "school-a", occurred: "2018-10-09", source: "parent", severity: "minor" });
    await addCase(t, { unitKey: "school-a", occurred: "2018-11-12", source: "staff", severity: "criminal", closed: "2018-12-03" });
    await addCase(t, { unitKey: "school-a", occurred: "2018-12-05", source: "hotline", severity: "serious" });
    await addCase(t, { unitKey: "school-a", occurred: "2018-09-20", source: "parent", severity: "minor" });
  }, 60_000);
  afterAll(async () => t?.cleanup());

  async function say(name: string, args = "") {
    const cards: CardJson[] = [];
    const replies: string[] = [];
    const cmd = reportsModule.commands!.find((c) => c.name === name)!;
    const ctx = { ...deps, actor: { openId: PRINCIPAL_A }, chatId: "oc_p2p", chatType: "p2p", messageId: "om_1", text: `${name} ${args}`.trim(), args, mentions: [], eventId: "ev", reply: async (x: string) => void replies.push(x), replyCard: async (c: CardJson) => void cards.push(c) } as unknown as CommandContext;
    await cmd.run(ctx);
    return { cards, replies };
  }

  it("in November, 月报表 opens the fourth quarter's form: labelled by quarter, due 12-31, counts from October to December", async () => {
    const { cards } = await say("月报表");
    expect(cards).toHaveLength(1);
    expect(validateCard(cards[0])).toMatchObject({ ok: true });
    const s = JSON.stringify(cards[0]);
    expect(s).toContain("2018年第四季度");
    // the monthly form's words for its period and its prefill note follow the quarter
    expect(s).toContain("报表期间：2018年第四季度");
    // the notice's blank month in the title holds the quarter's months, not one of them
    expect(s).toContain("（10—12）月");
    expect(s).not.toContain("（12）月");
    expect(s).toContain("系统按本季度记录预填");
    expect(s).not.toContain("报表月份");
    expect(s).toContain("请于 2018-12-31 前提交");
    expect(s).toContain('"period":"2018-12"');
    expect(fieldOf(cards[0], "incidentCount")?.default_value).toBe("3");
    expect(fieldOf(cards[0], "handledCount")?.default_value).toBe("1");
    // any month of the quarter asked for is the same quarter's form
    expect(JSON.stringify((await say("自查表", "2018-10")).cards[0])).toContain('"period":"2018-12"');
    const c = await loadCampaign(t.db.prisma, CAMPAIGN);
    expect((await computePrefill(deps, c, { campaignId: CAMPAIGN, form: "monthlyReport", unitKey: "school-a", period: "2018-12" })).values).toMatchObject({ incidentCount: 3, reportedCount: 2, criminalCount: 1, handledCount: 1 });
  });

  it("submitted in December: on time, due 12-31, and with the 自查表 it completes the quarter's reminder", async () => {
    clock.set(at("2018-12-20"));
    expect((await submitPeriodic(deps, { openId: PRINCIPAL_A, value: ref, formValue: monthly() })).toast?.type).toBe("success");
    expect((await submitPeriodic(deps, { openId: PRINCIPAL_A, value: { ...ref, form: "selfCheck" }, formValue: selfCheck() })).toast?.type).toBe("success");
    const rows = await t.db.prisma.reportSubmission.findMany({ where: { unitKey: "school-a" }, orderBy: { form: "asc" } });
    expect(rows.map((r) => [r.form, r.period, r.dueDate, r.late])).toEqual([
      ["monthlyReport", "2018-12", "2018-12-31", false],
      ["selfCheck", "2018-12", "2018-12-31", false],
    ]);
    const done = await t.db.prisma.itemCompletion.findMany();
    expect(done.map((d) => [d.itemKey, d.periodKey, d.subject, d.late])).toEqual([["monthly-report", "2018-12", "unit:school-a", false]]);
  });

  it("editable through 12-31, locked after it in the quarter's words", async () => {
    clock.set(at("2018-12-31", "23:00"));
    expect((await submitPeriodic(deps, { openId: PRINCIPAL_A, value: ref, formValue: monthly({ handlingMethods: "补充" }) })).toast?.content).toBe("月报表已更新为第 2 版");
    clock.set(at("2019-01-01", "08:00"));
    const locked = await submitPeriodic(deps, { openId: PRINCIPAL_A, value: ref, formValue: monthly({ handlingMethods: "再改" }) });
    expect(locked.toast).toMatchObject({ type: "error", content: "2018年第四季度月报表已于截止日（2018-12-31）后锁定，不能再修改。如需更正，请联系区教育局安全科。" });
  });
});
