import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHINESE_DAYS_LAST_YEAR, WorkCalendar, instantToLocalDate, localDateToInstant } from "../../src/core/calendar.js";
import { runCli } from "../../src/cli/run.js";
import { commands } from "../../src/cli/registry.js";
import { activatePlan, deactivatePlan } from "../../src/domains/campaigns/activate.js";
import { draftPlanYaml } from "../../src/domains/campaigns/draft.js";
import { importNotice } from "../../src/domains/campaigns/importer.js";
import { importForms } from "../../src/domains/campaigns/forms-import.js";
import { formatPlanError, loadPlanFile, parsePlanYaml } from "../../src/domains/campaigns/load.js";
import { buildTimeline, expandDeadlines, relativeDue } from "../../src/domains/campaigns/recurrence.js";
import { planDraftProblems, type Plan } from "../../src/domains/campaigns/schema.js";
import { shiftPlan } from "../../src/domains/campaigns/shift.js";
import { freshDb, freshSqliteUrl, type TestDb } from "../support/db.js";

const ROOT = join(__dirname, "../..");
const CAMPAIGNS = join(ROOT, "campaigns");

function load(name: string): Plan {
  const r = loadPlanFile(join(CAMPAIGNS, name));
  if (!r.ok) throw new Error(r.errors.map(formatPlanError).join("\n"));
  return r.plan;
}

describe("plan files", () => {
  const files = readdirSync(CAMPAIGNS).filter((f) => f.endsWith(".yaml"));
  it("has a template per seed plus the demo plan", () => {
    expect(files).toEqual(expect.arrayContaining(["beiguan-2021.yaml", "luozhuang-2018.yaml", "shanxi-2017.yaml", "region-2024.yaml", "heilongjiang-2018.yaml", "demo-sandbox.yaml"]));
  });
  for (const f of files)
    it(`${f} validates`, () => {
      const r = loadPlanFile(join(CAMPAIGNS, f));
      expect(r.ok ? [] : r.errors.map(formatPlanError)).toEqual([]);
    });

  it("only the 2024 template is a draft, and it names the three blank phase months", () => {
    for (const f of files.filter((x) => x !== "region-2024.yaml")) expect(planDraftProblems(load(f))).toEqual([]);
    const problems = planDraftProblems(load("region-2024.yaml"));
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.split("：")[0])).toEqual(["phases[0].end", "phases[1].end", "phases[2].end"]);
    for (const p of problems) expect(p).toContain("月份");
  });

  it("errors name the file, the line and the path, in Chinese", () => {
    const text = readFileSync(join(CAMPAIGNS, "beiguan-2021.yaml"), "utf8").replace("due: 2021-12-25", "due: 2021/12/25");
    const r = parsePlanYaml(text, "campaigns/x.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = text.split("\n").findIndex((l) => l.includes("due: 2021/12/25")) + 1;
    expect(r.errors.map(formatPlanError)).toEqual([`campaigns/x.yaml:${line} deadlines[0].due：日期格式应为 YYYY-MM-DD`]);
    const bad = parsePlanYaml("id: x\ntitle: t\nissuer: null\ndocNumber: null\nissuedOn: null\nspan: {start: null, end: null}\ndeadlines:\n  - {key: a, title: A, kind: weekly}\n", "y.yaml");
    expect(!bad.ok && bad.errors[0]).toMatchObject({ line: 8, path: "deadlines[0].kind" });
    const yamlErr = parsePlanYaml("id: [x\n", "z.yaml");
    expect(!yamlErr.ok && yamlErr.errors[0].message).toMatch(/YAML 语法错误/);
  });

  it("every importer draft of a seed validates against the schema", () => {
    for (const f of readdirSync(join(ROOT, "../shared/seeds"))) {
      const text = readFileSync(join(ROOT, "../shared/seeds", f), "utf8");
      const r = parsePlanYaml(draftPlanYaml(importNotice(text), f, importForms(text)), "draft.yaml");
      expect(r.ok ? [] : r.errors.map(formatPlanError)).toEqual([]);
    }
  });
});

describe("attachment forms from the notice text", () => {
  it("S0 附件3 (lost title restored from the attachment list) and S1 附件2 items", () => {
    const s0 = importForms(readFileSync(join(ROOT, "../shared/seeds/000_5243571e11f996c7.txt"), "utf8"));
    expect(s0.find((f) => f.ref === "附件3")).toMatchObject({
      title: "2019年以来发生过的学生欺凌事件“回头看”清单",
      header: ["单位（公章）", "责任领导签字"],
      columns: ["序号", "学生欺凌事件概述", "发生时间", "事件发生原因分析", "处理结果", "备注"],
    });
    const s1 = importForms(readFileSync(join(ROOT, "../shared/seeds/001_5694c7d43f22f392.txt"), "utf8"));
    const self = s1.find((f) => f.ref === "附件2")!;
    expect(self.title).toBe("罗庄区中小学生欺凌防治落实年行动自查表");
    expect(self.items!.filter((i) => i.type === "yes_no")).toHaveLength(13);
    expect(self.items!.filter((i) => i.type === "count_pair")).toHaveLength(3);
  });
});

describe("timeline and occurrences", () => {
  it("S0: phases and the report deadline in order; the 5-day report is event-relative", () => {
    const t = buildTimeline(load("beiguan-2021.yaml"));
    expect(t.entries.map((e) => `${e.date} ${e.type}`)).toEqual([
      "2021-09-14 spanStart",
      "2021-09-14 phaseStart",
      "2021-09-25 phaseEnd",
      "2021-09-26 phaseStart",
      "2021-11-30 phaseEnd",
      "2021-12-01 phaseStart",
      "2021-12-25 occurrence",
      "2021-12-30 phaseEnd",
      "2021-12-31 spanEnd",
    ]);
    expect(t.undated.map((d) => d.key)).toEqual(["incident-report"]);
  });

  it("S1: monthly day-25 occurrences with period keys; 每两个月 without anchor warns instead of guessing", () => {
    const plan = load("luozhuang-2018.yaml");
    const warnings: string[] = [];
    const occ = expandDeadlines(plan, { start: "2018-08-01", end: "2018-12-31" }, warnings);
    expect(occ.filter((o) => o.deadlineKey === "monthly-report").map((o) => [o.periodKey, o.due])).toEqual([
      ["2018-08", "2018-08-25"],
      ["2018-09", "2018-09-25"],
      ["2018-10", "2018-10-25"],
      ["2018-11", "2018-11-25"],
      ["2018-12", "2018-12-25"],
    ]);
    expect(occ.find((o) => o.deadlineKey === "district-inspection")).toMatchObject({ due: "2018-09-10", window: { start: "2018-09-01", end: "2018-09-10" } });
    expect(occ.find((o) => o.deadlineKey === "thematic-education")).toMatchObject({ periodKey: "2018-秋", count: { min: 1 } });
    expect(occ.some((o) => o.deadlineKey === "bimonthly-bulletin")).toBe(false);
    expect(warnings.join()).toContain("anchor");
    const anchored = { ...plan, deadlines: plan.deadlines.map((d) => (d.key === "bimonthly-bulletin" ? { ...d, rule: { every: "2 months", anchor: "2018-08-31" } } : d)) } as Plan;
    expect(expandDeadlines(anchored, { start: "2018-08-01", end: "2019-01-31" }).filter((o) => o.deadlineKey === "bimonthly-bulletin").map((o) => o.due)).toEqual([
      "2018-08-31",
      "2018-10-31",
      "2018-12-31",
    ]);
  });

  it("{every: quarter, day: last}: the last day of March, June, September and December; other quarter rules are refused", () => {
    const plan = load("luozhuang-2018.yaml");
    const q = { ...plan, deadlines: plan.deadlines.map((d) => (d.key === "bimonthly-bulletin" ? { ...d, rule: { every: "quarter", day: "last" } } : d)) } as Plan;
    expect(expandDeadlines(q, { start: "2018-07-01", end: "2019-06-29" }).filter((o) => o.deadlineKey === "bimonthly-bulletin").map((o) => [o.periodKey, o.due])).toEqual([
      ["2018-09", "2018-09-30"],
      ["2018-12", "2018-12-31"],
      ["2019-03", "2019-03-31"],
    ]);
    const yaml = readFileSync(join(CAMPAIGNS, "luozhuang-2018.yaml"), "utf8");
    expect(parsePlanYaml(yaml.replace('rule: { every: "2 months", anchor: null }', "rule: { every: quarter, day: last }"), "q.yaml").ok).toBe(true);
    expect(parsePlanYaml(yaml.replace('rule: { every: "2 months", anchor: null }', "rule: { every: quarter, day: 15 }"), "q.yaml").ok).toBe(false);
  });

  it("relative deadlines: calendar days, or working days skipping the National Day holiday", () => {
    const d = load("beiguan-2021.yaml").deadlines.find((x) => x.key === "incident-report")!;
    expect(relativeDue(d, "2021-09-29")).toBe("2021-10-04");
    expect(relativeDue({ ...d, dayType: "working" }, "2021-09-29")).toBe("2021-10-12"); // 9-30, 10-08, 10-09 (Sat make-up day), 10-11, 10-12
  });
});

describe("calendar and time zones", () => {
  it("knows statutory holidays and make-up workdays up to the package's last year, then falls back with a warning", () => {
    const c = new WorkCalendar({ holidays: ["2030-05-06"] });
    expect(CHINESE_DAYS_LAST_YEAR).toBeGreaterThanOrEqual(2025);
    expect(c.isWorkday("2021-10-01")).toBe(false);
    expect(c.isWorkday("2021-10-09")).toBe(true); // Saturday make-up day
    expect(c.warnings()).toEqual([]);
    expect(c.isWorkday("2030-05-06")).toBe(false); // plan exception
    expect(c.isWorkday("2030-05-07")).toBe(true);
    expect(c.warnings().join()).toContain("2030");
  });
  it("converts local dates in the plan time zone to instants and back", () => {
    expect(localDateToInstant("2021-09-14", "09:00").toISOString()).toBe("2021-09-14T01:00:00.000Z");
    expect(instantToLocalDate(new Date("2021-09-13T16:30:00Z"))).toBe("2021-09-14");
    expect(localDateToInstant("2021-07-01", "09:00", "Europe/London").toISOString()).toBe("2021-07-01T08:00:00.000Z");
  });
});

describe("demo plan and shiftPlan", () => {
  it("moves every date by whole weeks so that now falls inside the first phase", () => {
    const demo = load("demo-sandbox.yaml");
    const now = new Date("2026-11-22T03:00:00Z");
    const p = shiftPlan(demo, now);
    const today = "2026-11-22";
    expect(p.span.start! <= today && today <= p.span.end!).toBe(true);
    expect(p.phases[0].start! <= today && today <= p.phases[0].end!).toBe(true);
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86400000;
    expect(days(demo.span.start!, p.span.start!) % 7).toBe(0);
    expect(days(p.span.start!, p.deadlines.find((d) => d.key === "final-report")!.due!)).toBe(days(demo.span.start!, "2021-12-25"));
    expect(demo.span.start).toBe("2021-09-14"); // pure
  });
  it("has simulated people and chats for every demo school", () => {
    const demo = load("demo-sandbox.yaml");
    const schools = demo.units.filter((u) => u.kind === "school");
    expect(schools.length).toBeGreaterThanOrEqual(2);
    for (const s of schools) {
      expect(s.chat?.chatId).toMatch(/^oc_demo_/);
      expect(s.admins.map((a) => a.role).sort()).toEqual(["principal", "teacher"]);
      for (const a of s.admins) expect(a.contact?.openId).toMatch(/^ou_demo_/);
    }
  });
});

describe("activation", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb("sqlite");
  });
  afterAll(async () => t.cleanup());

  it("refuses a draft, naming what to fill in", async () => {
    await expect(activatePlan(t.db, load("region-2024.yaml"), "campaigns/region-2024.yaml", new Date())).rejects.toMatchObject({
      code: "plan_draft",
      userMessage: expect.stringContaining("phases[2].end"),
    });
    expect(await t.db.prisma.campaign.count()).toBe(0);
  });

  it("writes campaign, units and members; re-activation updates by key; resolver fills open ids", async () => {
    const plan = load("beiguan-2021.yaml");
    const r1 = await activatePlan(t.db, plan, "campaigns/beiguan-2021.yaml", new Date("2021-09-14T01:00:00Z"));
    expect(r1.members).toBe(16); // 14 group members + 李喆 as safetyOffice + office director
    expect(r1.membersWithoutOpenId).toHaveLength(16);
    const withEmail = { ...plan, leadershipGroup: { ...plan.leadershipGroup!, members: plan.leadershipGroup!.members.map((m) => (m.name === "宋林娥" ? { ...m, contact: { email: "song@example.com" } } : m)) } };
    const r2 = await activatePlan(t.db, withEmail, "campaigns/beiguan-2021.yaml", new Date(), { resolveOpenId: async (m) => (m.email === "song@example.com" ? "ou_song" : null) });
    expect(r2.membersWithoutOpenId).toHaveLength(15);
    expect(await t.db.prisma.member.count({ where: { campaignId: plan.id } })).toBe(16);
    expect(await t.db.prisma.member.findFirst({ where: { campaignId: plan.id, key: "office.director" } })).toMatchObject({ name: "李慎军", role: "officeDirector" });
    expect(await t.db.prisma.member.findFirst({ where: { openId: "ou_song" } })).toMatchObject({ role: "leader" });
    expect(await t.db.prisma.campaign.findUnique({ where: { id: plan.id } })).toMatchObject({ status: "active" });
    await deactivatePlan(t.db, plan.id);
    expect(await t.db.prisma.campaign.findUnique({ where: { id: plan.id } })).toMatchObject({ status: "inactive" });
    await expect(deactivatePlan(t.db, "nope")).rejects.toMatchObject({ code: "not_found" });
  });

  it("demo plan: units with chats and members with simulated open ids", async () => {
    const r = await activatePlan(t.db, shiftPlan(load("demo-sandbox.yaml"), new Date()), null, new Date());
    expect(r.membersWithoutOpenId).toEqual([]);
    expect(await t.db.prisma.unit.count({ where: { campaignId: "demo-sandbox" } })).toBe(4);
    expect(await t.db.prisma.member.findFirst({ where: { campaignId: "demo-sandbox", key: "school-a.principal" } })).toMatchObject({ openId: "ou_demo_school_a_principal" });
  });
});

describe("plan CLI", () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, commands, { out: (x) => out.push(x), err: (x) => err.push(x), env: { ...process.env, DATABASE_URL: url } });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  let url = "";
  beforeAll(() => {
    url = freshSqliteUrl();
  });

  it("validate: exit 0 for a template, 1 with file:line path for an error", async () => {
    expect((await run("plan", "validate", join(CAMPAIGNS, "beiguan-2021.yaml"))).code).toBe(0);
    // a quarter-end rule validates; a quarter rule with a day number does not
    const dir = mkdtempSync(join(tmpdir(), "plan-q-"));
    const yaml = readFileSync(join(CAMPAIGNS, "luozhuang-2018.yaml"), "utf8");
    writeFileSync(join(dir, "q.yaml"), yaml.replace('rule: { every: "2 months", anchor: null }', "rule: { every: quarter, day: last }"));
    writeFileSync(join(dir, "q-bad.yaml"), yaml.replace('rule: { every: "2 months", anchor: null }', "rule: { every: quarter, day: 15 }"));
    expect((await run("plan", "validate", join(dir, "q.yaml"))).code).toBe(0);
    expect((await run("plan", "validate", join(dir, "q-bad.yaml"))).code).toBe(1);
    const bad = await run("plan", "validate", join(ROOT, "test/campaigns/fixtures/bad-plan.yaml"));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad-plan\.yaml:\d+ deadlines\[0\]\.due：日期格式应为 YYYY-MM-DD/);
  });

  it("import --json follows the contract", async () => {
    const r = await run("plan", "import", join(ROOT, "../shared/seeds/004_b4547788bfac275e.txt"), "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(["title", "issuer", "docNumber", "issuedOn", "span", "phases", "deadlines", "leadershipGroup", "duties", "contacts", "unresolved"]);
    expect(j.phases[2]).toEqual({ name: "开展专项督导检查，落实长效机制", start: "2018-05-01", end: null, raw: "5月以后" });
  });

  it("import refuses a file far larger than any notice, naming the file and the limit, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-big-"));
    const big = join(dir, "整站.txt");
    writeFileSync(big, "关于开展校园安全专项整治的通知\n".repeat(40_000));
    const r = await run("plan", "import", big, "--out", join(dir, "草稿.yaml"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("文件过大");
    expect(r.err).toContain("整站.txt");
    expect(r.err).toContain("512 KB");
    expect(existsSync(join(dir, "草稿.yaml"))).toBe(false);
  });

  it("timeline --json, activate refuses the 2024 draft, activate/deactivate the demo", async () => {
    const t = JSON.parse((await run("plan", "timeline", join(CAMPAIGNS, "luozhuang-2018.yaml"), "--json")).out);
    expect(t.entries.length).toBeGreaterThan(5);
    const refused = await run("plan", "activate", join(CAMPAIGNS, "region-2024.yaml"));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("部署摸底阶段的完成月份空白");
    expect((await run("plan", "activate", join(CAMPAIGNS, "demo-sandbox.yaml"))).code).toBe(0);
    expect((await run("plan", "deactivate", "demo-sandbox")).code).toBe(0);
  });
});
