/**
 * Privacy at rest (issue 11): the free text of a case is AES-256-GCM ciphertext in the database
 * and readable through the service; a key rotation rewrites every field and the old key can then
 * go; the retention purge removes details of old finished cases and leaves every count as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";
import { configureCaseCrypto, decryptField, devKey, encryptField, isEncrypted, makeKeyRing, setKeyRing, tryDecrypt, UNREADABLE } from "../../src/core/crypto/field-crypto.js";
import { loadCaseByNo, SENSITIVE_FIELDS } from "../../src/domains/incidents/service.js";
import { rotateCaseKeys } from "../../src/cli/commands/keys-rotate.js";
import { purgeExpiredCases, PURGED_SUMMARY } from "../../src/cli/commands/retention-purge.js";
import { countCasesForMonth } from "../../src/domains/incidents/queries.js";
import { exportCases } from "../../src/domains/incidents/export.js";
import { verifyAudit } from "../../src/core/audit.js";
import { loadConfig } from "../../src/config/env.js";
import { runCli } from "../../src/cli/run.js";
import { commands } from "../../src/cli/registry.js";
import { CAMPAIGN, goodForm, harness, markAllSent, P, seedCampaign, type Harness } from "../incidents/support.js";

const key = () => randomBytes(32).toString("base64");
const STORY = "课间两名学生推搡并辱骂一名同学";

describe("field crypto", () => {
  it("round-trips, binds the field name, refuses tampering, passes legacy plaintext through", () => {
    const r = makeKeyRing(key());
    const c = encryptField("summary", "小明 😀 <at id=all></at>", r);
    expect(isEncrypted(c)).toBe(true);
    expect(c).not.toContain("小明");
    expect(decryptField("summary", c, r)).toBe("小明 😀 <at id=all></at>");
    // same text twice: different ciphertexts (random nonce)
    expect(encryptField("summary", "x", r)).not.toBe(encryptField("summary", "x", r));
    // moved into another column: does not open
    expect(decryptField("privateNote", c, r)).toBe(UNREADABLE);
    const flipped = c.slice(0, -3) + (c.at(-3) === "A" ? "B" : "A") + c.slice(-2);
    expect(tryDecrypt("summary", flipped, r).ok).toBe(false);
    expect(decryptField("summary", "旧数据明文", r)).toBe("旧数据明文");
    expect(encryptField("summary", null, r)).toBeNull();
    expect(decryptField("summary", "enc1:deadbeef:xx:yy", r)).toBe(UNREADABLE);
  });

  it("the env contract validates CASE_DATA_KEY and production needs one", () => {
    expect(() => loadConfig({ CASE_DATA_KEY: "short" })).toThrow(/CASE_DATA_KEY/);
    expect(() => loadConfig({ CASE_DATA_KEY_PREVIOUS: `${key()},nope` })).toThrow(/CASE_DATA_KEY_PREVIOUS/);
    expect(loadConfig({ CASE_DATA_KEY: key() }).CASE_DATA_KEY).toBeTruthy();
    expect(() => loadConfig({ NODE_ENV: "production", LARK_APP_ID: "cli_abc", LARK_APP_SECRET: "secret-1" })).toThrow(/CASE_DATA_KEY/);
    expect(loadConfig({}).CASE_DATA_KEY).toBeUndefined();
  });
});

describe.each(dbProviders())("cases at rest (%s)", (provider) => {
  let t: TestDb;
  let h: Harness;
  const K1 = key();
  const K2 = key();
  beforeEach(async () => {
    configureCaseCrypto({ CASE_DATA_KEY: K1 });
    t = await freshDb(provider);
    await seedCampaign(t.db);
    h = harness(t.db);
  });
  afterEach(async () => {
    setKeyRing(makeKeyRing(undefined));
    await t.cleanup();
  });

  async function fileAndClose(formId: string): Promise<string> {
    const r = await h.click(P.teacherA, { action: "incident_submit", formId, campaignId: CAMPAIGN }, goodForm());
    const caseNo = /案件编号 (\S+)/.exec(r.toast?.content ?? "")![1]!;
    const c = (await loadCaseByNo(t.db.prisma, caseNo))!;
    for (const [step, op] of [["medical", "skip"], ["taskforce", "done"], ["investigated", "done"], ["parents", "done"], ["counseling", "done"], ["discipline", "skip"]] as const) {
      const s = await h.click(P.principalA, { action: "incident_step", caseId: c.id, step, op });
      expect(s.toast?.type, `${step}: ${s.toast?.content}`).not.toBe("error");
    }
    const closed = await h.click(P.principalA, { action: "incident_close", caseId: c.id }, { result: "双方家长已沟通，赔礼道歉", cause: "同学矛盾", next_steps: "持续关注" });
    expect(closed.toast?.type, closed.toast?.content).not.toBe("error");
    return caseNo;
  }

  it("stores ciphertext, reads plaintext, exports plaintext", async () => {
    const r = await h.click(P.teacherA, { action: "incident_submit", formId: "f1", campaignId: CAMPAIGN }, goodForm());
    expect(r.toast?.type).toBe("success");
    const raw = (await t.db.prisma.incidentCase.findFirstOrThrow())!;
    for (const f of ["summary", "privateNote", "measures"] as const) {
      expect(isEncrypted(raw[f]), f).toBe(true);
      expect(raw[f]).not.toContain("学生");
    }
    const c = (await loadCaseByNo(t.db.prisma, raw.caseNo))!;
    expect(c.summary).toContain(STORY);
    const x = await exportCases(t.db, { campaignId: CAMPAIGN, unitKey: "school-a", from: "2021-10-01", to: "2021-10-31", actor: P.safety, now: h.clock.now() });
    expect(JSON.stringify(x.rows)).toContain(STORY);
    expect(JSON.stringify(x.rows)).not.toContain("enc1:");
  });

  it("keys rotate: every field under the new key, old key no longer needed, plaintext rows encrypted too", async () => {
    await h.click(P.teacherA, { action: "incident_submit", formId: "f1", campaignId: CAMPAIGN }, goodForm());
    await h.click(P.teacherA, { action: "incident_submit", formId: "f2", campaignId: CAMPAIGN }, goodForm());
    // a row from before encryption existed
    const legacy = (await t.db.prisma.incidentCase.findFirstOrThrow({ where: { seq: 2 } }))!;
    await t.db.prisma.incidentCase.update({ where: { id: legacy.id }, data: { summary: "旧的明文概述" } });

    configureCaseCrypto({ CASE_DATA_KEY: K2, CASE_DATA_KEY_PREVIOUS: K1 });
    const dry = await rotateCaseKeys(t.db, { dryRun: true });
    expect(dry.rewritten).toBe(6);
    const r = await rotateCaseKeys(t.db, { now: h.clock.now() });
    expect(r).toMatchObject({ cases: 2, rewritten: 6, fromPlaintext: 1, unreadable: [] });
    expect((await rotateCaseKeys(t.db)).rewritten).toBe(0);

    // K1 gone: everything still opens with K2 alone
    configureCaseCrypto({ CASE_DATA_KEY: K2 });
    const rows = await t.db.prisma.incidentCase.findMany({ orderBy: { seq: "asc" } });
    for (const row of rows) for (const f of ["summary", "privateNote", "measures"] as const) expect(row[f]!.startsWith(`enc1:${makeKeyRing(K2).current.id}:`)).toBe(true);
    expect((await loadCaseByNo(t.db.prisma, rows[0]!.caseNo))!.summary).toContain(STORY);
    expect((await loadCaseByNo(t.db.prisma, rows[1]!.caseNo))!.summary).toBe("旧的明文概述");
    // a third, unknown key cannot read: shown as unreadable, never as ciphertext
    configureCaseCrypto({ CASE_DATA_KEY: key() });
    expect((await loadCaseByNo(t.db.prisma, rows[0]!.caseNo))!.summary).toBe(UNREADABLE);
    const bad = await rotateCaseKeys(t.db, { dryRun: true });
    expect(bad.unreadable.length).toBe(6);
    expect((await verifyAudit(t.db.prisma)).problems).toEqual([]);
  });

  it("CLI: keys rotate refuses without a key; retention purge is a dry run unless --apply", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: { DATABASE_URL: t.url } as NodeJS.ProcessEnv };
    expect(await runCli(["keys", "rotate"], commands, io)).toBe(1);
    expect(err.join("\n")).toContain("CASE_DATA_KEY");
    expect(await runCli(["retention", "purge", "--bogus"], commands, io)).toBe(1);
    expect(err.join("\n")).toContain("--bogus");
    out.length = 0;
    expect(await runCli(["retention", "purge"], commands, io)).toBe(0);
    expect(out.join("\n")).toContain("计划未设定");
    expect(await runCli(["keys", "rotate", "--json"], commands, { ...io, env: { DATABASE_URL: t.url, CASE_DATA_KEY: K2, CASE_DATA_KEY_PREVIOUS: K1 } })).toBe(0);
  });

  it("audit verify (CLI) exits 1 when a case's audit row is changed or deleted", async () => {
    await h.click(P.teacherA, { action: "incident_submit", formId: "f1", campaignId: CAMPAIGN }, goodForm());
    await h.click(P.teacherB, { action: "incident_view", caseId: (await t.db.prisma.incidentCase.findFirstOrThrow()).id });
    const out: string[] = [];
    const io = { out: (x: string) => out.push(x), err: (x: string) => out.push(x), env: { DATABASE_URL: t.url } as NodeJS.ProcessEnv };
    expect(await runCli(["audit", "verify"], commands, io)).toBe(0);
    const anchor = /当前锚点：(\S+)/.exec(out.join("\n"))![1]!;
    const rows = await t.db.prisma.auditLog.findMany({ orderBy: { seq: "asc" } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // someone hides that a teacher of another school looked at the case, and edits the filing
    await t.db.prisma.auditLog.delete({ where: { seq: rows.at(-1)!.seq } });
    // The newest row deleted leaves a shorter valid chain; only the anchor recorded outside shows it.
    expect(await runCli(["audit", "verify"], commands, io)).toBe(0);
    out.length = 0;
    expect(await runCli(["audit", "verify", "--anchor", anchor], commands, io)).toBe(1);
    expect(out.join("\n")).toContain(`锚点第 ${rows.at(-1)!.seq} 条已不存在`);
    await t.db.prisma.auditLog.update({ where: { seq: rows[0]!.seq }, data: { after: rows[0]!.after!.replace("school-a", "school-b") } });
    await t.db.prisma.auditLog.delete({ where: { seq: rows[1]!.seq } });
    out.length = 0;
    expect(await runCli(["audit", "verify"], commands, io)).toBe(1);
    expect(out.join("\n")).toContain("审计日志异常");
  });

  it("retention purge: details of old finished cases gone, counts and audit chain intact, open cases kept", async () => {
    const oldNo = await fileAndClose("old");
    const openNo = (/案件编号 (\S+)/.exec((await h.click(P.teacherA, { action: "incident_submit", formId: "open", campaignId: CAMPAIGN }, goodForm())).toast!.content)!)[1]!;
    await markAllSent(t.db);
    const oldRow = (await loadCaseByNo(t.db.prisma, oldNo))!;
    expect(oldRow.status).toBe("closed");
    expect(oldRow.resultText).toBe("双方家长已沟通，赔礼道歉");
    const plan = JSON.parse((await t.db.prisma.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).planJson);
    await t.db.prisma.campaign.update({ where: { id: CAMPAIGN }, data: { planJson: JSON.stringify({ ...plan, privacy: { caseRetentionDays: 365 } }) } });
    const before = await countCasesForMonth(t.db.prisma, CAMPAIGN, "school-a", "2021-10");

    // not yet expired
    expect((await purgeExpiredCases(t.db, { now: new Date("2022-06-01T00:00:00Z") })).purgedCases).toBe(0);
    const later = new Date("2022-11-01T00:00:00Z");
    const dry = await purgeExpiredCases(t.db, { now: later, dryRun: true });
    expect(dry.campaigns[0]!.purged).toEqual([oldNo]);
    expect((await loadCaseByNo(t.db.prisma, oldNo))!.resultText).toBe("双方家长已沟通，赔礼道歉");
    const r = await purgeExpiredCases(t.db, { now: later });
    expect(r.purgedCases).toBe(1);
    expect(r.redactedMessages).toBeGreaterThan(0);

    const purged = (await loadCaseByNo(t.db.prisma, oldNo))!;
    expect(purged.summary).toBe(PURGED_SUMMARY);
    for (const f of SENSITIVE_FIELDS.filter((f) => f !== "summary")) expect(purged[f], f).toBeNull();
    expect(purged.place).not.toContain("卫生间");
    expect(purged).toMatchObject({ severity: oldRow.severity, kindPhysical: true, victimCount: oldRow.victimCount, actorCount: oldRow.actorCount, status: "closed" });
    expect((await loadCaseByNo(t.db.prisma, openNo))!.summary).toContain(STORY);
    // nothing of the story left in clear anywhere in the outbox for the purged case
    const outbox = await t.db.prisma.outboxMessage.findMany();
    expect(outbox.filter((o) => o.content.includes(oldNo) && o.content.includes("推搡"))).toEqual([]);
    expect(await countCasesForMonth(t.db.prisma, CAMPAIGN, "school-a", "2021-10")).toEqual(before);
    expect((await purgeExpiredCases(t.db, { now: later })).purgedCases).toBe(0);
    const audit = await t.db.prisma.auditLog.findMany({ where: { action: "case.purge" } });
    expect(audit).toHaveLength(1);
    expect((await verifyAudit(t.db.prisma)).problems).toEqual([]);
  });
});

it("the dev key is stable and distinct from any configured key", () => {
  expect(devKey().id).toBe(devKey().id);
  expect(makeKeyRing(key()).current.id).not.toBe(devKey().id);
  expect(makeKeyRing(undefined).dev).toBe(true);
});
