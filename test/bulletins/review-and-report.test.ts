/**
 * Leader review (draft to the office director, 修改 adds a 按语, 发布 posts once), the CLI's
 * JSON contract, and the final report DOCX read back from its XML.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { freshDb, type TestDb } from "../support/db.js";
import { validateCard } from "../../src/sim/rules/index.js";
import { runBulletinJob } from "../../src/domains/bulletins/jobs.js";
import { buildFinalReport } from "../../src/domains/bulletins/final-report.js";
import { runCli } from "../../src/cli/run.js";
import { commands } from "../../src/cli/registry.js";
import { BUREAU_CHAT, CAMPAIGN, DIRECTOR, OCT_BULLETIN, SAFETY, expected, makeWorld, seedWorld, type World } from "./world.js";
import { cardText, harness, outboxMessages } from "./support.js";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await freshDb("sqlite");
  w = makeWorld(4, 11);
  await seedWorld(t.db, w);
});
afterAll(async () => t?.cleanup());

describe("leader review", () => {
  it("月报审核 开启 is for the bureau only", async () => {
    const h = harness(t.db, OCT_BULLETIN);
    expect((await h.say(w.schools[0].principal, "月报审核 开启"))[0]).toContain("只有");
    expect((await h.say(SAFETY, "月报审核 开启"))[0]).toContain("已开启");
    expect((await h.say(SAFETY, "月报审核"))[0]).toContain("已开启");
  });

  it("the draft goes to the office director only; 修改 adds a 按语; 发布 posts once", async () => {
    const h = harness(t.db, OCT_BULLETIN);
    const r = await runBulletinJob(h, OCT_BULLETIN);
    expect(r).toEqual({ created: 1, queued: 1 });
    const [draft] = await outboxMessages(t.db);
    expect(draft.to).toBe(DIRECTOR);
    expect(validateCard(draft.card).ok).toBe(true);
    expect(cardText(draft.card)).toContain("待审核");
    const row = await t.db.prisma.bulletin.findFirstOrThrow();
    expect(row.status).toBe("review");
    // the reminder engine tracks the review (director first, then the leader)
    const tracked = await t.db.prisma.trackedItem.findUniqueOrThrow({ where: { key: `bulletin:${row.id}:review` } });
    expect(tracked.closedAt).toBeNull();
    expect(JSON.parse(tracked.assignees).openIds).toEqual([DIRECTOR]);

    // not the director: refused, nothing changes
    const denied = await h.click(SAFETY, { action: "bulletin_publish", bulletinId: row.id });
    expect(denied.toast?.type).toBe("error");
    expect((await t.db.prisma.bulletin.findFirstOrThrow()).status).toBe("review");

    const edit = await h.click(DIRECTOR, { action: "bulletin_edit", bulletinId: row.id });
    expect(validateCard(edit.card).ok).toBe(true);
    const tooLong = await h.click(DIRECTOR, { action: "bulletin_note", bulletinId: row.id }, { note: "字".repeat(501) });
    expect(tooLong.toast?.content).toContain("500");
    expect(validateCard(tooLong.card).ok).toBe(true);
    const saved = await h.click(DIRECTOR, { action: "bulletin_note", bulletinId: row.id }, { note: "请未报送单位于10月28日前补报。" });
    expect(saved.toast?.type).toBe("success");
    expect(cardText(saved.card)).toContain("请未报送单位于10月28日前补报");
    expect((await outboxMessages(t.db)).length).toBe(1); // nothing posted yet

    const pub = await h.click(DIRECTOR, { action: "bulletin_publish", bulletinId: row.id });
    expect(pub.toast?.type).toBe("success");
    expect(validateCard(pub.card).ok).toBe(true);
    const posted = (await outboxMessages(t.db)).slice(1);
    expect(posted.filter((m) => m.to === BUREAU_CHAT).length).toBeGreaterThanOrEqual(2);
    expect(posted.filter((m) => m.to?.startsWith("oc_school_"))).toHaveLength(4);
    for (const m of posted) expect(validateCard(m.card).ok).toBe(true);
    expect(cardText(posted[0].card)).toContain("按语");

    expect((await t.db.prisma.trackedItem.findUniqueOrThrow({ where: { key: `bulletin:${row.id}:review` } })).closedAt).not.toBeNull();
    const again = await h.click(DIRECTOR, { action: "bulletin_publish", bulletinId: row.id });
    expect(again.toast?.type).toBe("info");
    const late = await h.click(DIRECTOR, { action: "bulletin_note", bulletinId: row.id }, { note: "改一下" });
    expect(late.toast?.content).toContain("已发布");
    expect((await outboxMessages(t.db)).length).toBe(1 + posted.length);
    expect(await t.db.prisma.auditLog.count({ where: { action: "bulletin.publish" } })).toBe(1);
  });
});

describe("CLI summary --json", () => {
  const io = () => {
    const o = { out: [] as string[], err: [] as string[] };
    return { o, io: { out: (x: string) => void o.out.push(x), err: (x: string) => void o.err.push(x), env: { DATABASE_URL: t.url, LOG_LEVEL: "silent" } } };
  };

  it("prints the contract: month, totals, units with submitted, missing names", async () => {
    const x = io();
    const code = await runCli(["summary", CAMPAIGN, "--month", "2021-10", "--as-of", "2021-10-26T09:00:00+08:00", "--json"], commands, x.io);
    expect(code).toBe(0);
    const j = JSON.parse(x.o.out.join("\n"));
    const e = expected(w, null, "2021-10", OCT_BULLETIN);
    expect(j.month).toBe("2021-10");
    expect(j.totals.cases.opened).toBe(e.opened);
    expect(j.totals.reports.missing).toBe(e.missing);
    for (const s of w.schools) expect(j.units.find((u: { unitKey: string }) => u.unitKey === s.key).submitted).toBe(expected(w, s.key, "2021-10", OCT_BULLETIN).submitted);
    expect(j.missing.sort()).toEqual(w.schools.filter((s) => expected(w, s.key, "2021-10", OCT_BULLETIN).submitted === "missing").map((s) => s.name).sort());
  });

  it("prints a Chinese summary without --json", async () => {
    const x = io();
    expect(await runCli(["summary", CAMPAIGN, "--month", "2021-10", "--as-of", "2021-10-26T09:00:00+08:00"], commands, x.io)).toBe(0);
    const out = x.o.out.join("\n");
    expect(out).toContain("2021年10月");
    for (const s of w.schools) expect(out).toContain(`${s.name}：新增 ${expected(w, s.key, "2021-10", OCT_BULLETIN).opened}`);
    expect(out).toMatch(/未报送单位（\d+）|没有未报送的单位/);
  });

  it("bad input names the field", async () => {
    const x = io();
    expect(await runCli(["summary", CAMPAIGN, "--month", "2021-13", "--json"], commands, x.io)).toBe(1);
    expect(JSON.parse(x.o.out[0])).toMatchObject({ ok: false, field: "month" });
    const y = io();
    expect(await runCli(["summary", "no-such-plan", "--month", "2021-10"], commands, y.io)).toBe(1);
    expect(y.o.err[0]).toContain("no-such-plan");
  });
});

describe("final report DOCX", () => {
  it("holds the campaign's figures, the unit table and the 回头看清单", async () => {
    const now = new Date("2021-12-20T02:00:00Z");
    const { buffer, data } = await buildFinalReport(t.db, CAMPAIGN, { now, actor: "test" });
    const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    // every generated case was opened between 9-14 and 10-25, all inside the campaign
    expect(data.summary.totals.cases.opened).toBe(w.cases.length);
    expect(text).toContain(`共受理学生欺凌事件 ${w.cases.length} 件`);
    const bySev = (s: string) => w.cases.filter((c) => c.severity === s).length;
    expect(text).toContain(`情节轻微 ${bySev("minor")} 件、情节较重 ${bySev("serious")} 件、涉嫌违法犯罪 ${bySev("criminal")} 件`);
    // patrols before the campaign's first day (9-14) are outside its window
    const done = w.patrols.filter((p) => p.status === "done" && p.date >= "2021-09-14").length;
    expect(text).toContain(`已完成 ${done} 次`);
    for (const s of w.schools) expect(text).toContain(s.name);
    expect(text).toContain("2021年9月");
    expect(text).toContain("2021年12月");
    // 回头看清单: the notice's columns and the case texts, for schools with cases
    expect(text).toContain("学生欺凌事件概述");
    expect(text).toContain("同学矛盾");
    expect(text).toContain("2019年以来");
    expect(await t.db.prisma.auditLog.count({ where: { action: "case.export" } })).toBeGreaterThan(0);
  });

  it("export final-report writes the file and refuses to overwrite", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "scb-fr-")), "report.docx");
    const o = { out: [] as string[], err: [] as string[] };
    const io = { out: (x: string) => void o.out.push(x), err: (x: string) => void o.err.push(x), env: { DATABASE_URL: t.url, LOG_LEVEL: "silent" } };
    expect(await runCli(["export", "final-report", CAMPAIGN, "--out", out, "--json"], commands, io)).toBe(0);
    expect(JSON.parse(o.out[0]).file).toBe(out);
    expect(await runCli(["export", "final-report", CAMPAIGN, "--out", out], commands, io)).toBe(1);
    expect(o.err.join("\n")).toContain("已存在");
  });
});
