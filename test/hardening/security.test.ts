/**
 * Security at the edge (issue 11), through the real webhook transport of a running bot: forged
 * signatures, replayed and stale requests, wrong verification tokens, oversized bodies and
 * unknown event types are refused (or ignored) before any handler runs; card actions from people
 * outside the plan and across schools are refused and land in the audit log. The whole run's
 * log output, at debug level, is then scanned for every secret and for a child's story.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { randomBytes } from "node:crypto";
import { loadConfig } from "../../src/config/env.js";
import { startBot, type RunningBot } from "../../src/app.js";
import { createLogger } from "../../src/core/logger.js";
import { ManualClock } from "../../src/core/clock.js";
import { verifyAudit } from "../../src/core/audit.js";
import { createSimulator, cardActionEvent, messageEvent, postWebhook, webhookBotEnv, type Simulator } from "../../src/sim/index.js";
import { loadPlanFile } from "../../src/domains/campaigns/load.js";
import { activatePlan } from "../../src/domains/campaigns/activate.js";
import { domainModules } from "../../src/domains/modules.js";
import { freshSqliteUrl } from "../support/db.js";
import { goodIncident, U } from "./world.js";

const APP_ID = "cli_a9b8c7d6e5f40312";
const APP_SECRET = "hardening-app-secret-7f3a9c";
const ENCRYPT_KEY = "hardening-encrypt-key-51d2e0";
const VERIFICATION_TOKEN = "hardening-verification-token-a8c4";
const CASE_DATA_KEY = randomBytes(32).toString("base64");
const STORY = "课间两名学生推搡并辱骂一名同学，值班老师及时制止。";

const logLines: string[] = [];
let sim: Simulator;
let bot: RunningBot;
let url: string;

const tally = { requests: 0, refused: 0 };

beforeAll(async () => {
  sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }).start();
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      logLines.push(chunk.toString());
      cb();
    },
  });
  const config = loadConfig({
    ...webhookBotEnv({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, simUrl: sim.url, dbUrl: freshSqliteUrl() }),
    PORT: "0",
    CASE_DATA_KEY,
    LOG_LEVEL: "debug",
  });
  // Domain time in the demo plan's school year; the webhook's replay window uses real time.
  bot = await startBot({ config, clock: new ManualClock("2021-10-12T02:00:00Z"), log: createLogger("debug", sink), modules: domainModules, startScheduler: false, outbox: { pollMs: 20, baseBackoffMs: 20 } });
  url = `${bot.url}/lark/events`;
  sim.target = { webhook: url };
  for (const [name, openId] of Object.entries(U)) sim.addUser({ openId, name });
  const loaded = loadPlanFile("campaigns/demo-sandbox.yaml");
  if (!loaded.ok) throw new Error("demo plan does not load");
  await activatePlan(bot.db, loaded.plan, "campaigns/demo-sandbox.yaml", bot.clock.now());
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await sim?.stop();
});

const msg = (openId: string, text: string, eventId?: string, token = VERIFICATION_TOKEN) =>
  messageEvent({ appId: APP_ID, token, sender: { openId }, chatId: `oc_p2p_${openId}`, chatType: "p2p", text, ...(eventId ? { eventId } : {}) });
const click = (openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) =>
  cardActionEvent({ appId: APP_ID, token: VERIFICATION_TOKEN, operator: { openId }, messageId: `om_${randomBytes(4).toString("hex")}`, chatId: `oc_p2p_${openId}`, value, ...(formValue ? { formValue } : {}) });

async function post(payload: unknown, o: Parameters<typeof postWebhook>[2] = { encryptKey: ENCRYPT_KEY }) {
  tally.requests++;
  const r = await postWebhook(url, payload, o);
  if (r.status >= 400) tally.refused++;
  return r;
}

const auditCount = (action: string) => bot.db.prisma.auditLog.count({ where: { action } });
const inboxCount = () => bot.db.prisma.inboxEvent.count();

async function drained(): Promise<void> {
  // Messages are handled after the 200: first every event processed (its replies queued), then the outbox empty.
  for (let i = 0; i < 300; i++) {
    const busy = (await bot.db.prisma.inboxEvent.count({ where: { status: "received" } })) + (await bot.db.prisma.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }));
    if (busy === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("outbox did not drain");
}

describe("the webhook refuses what Lark did not send", () => {
  it("forged signature, missing signature, stale timestamp, wrong token, plaintext when encryption is on, oversized body", async () => {
    const before = await inboxCount();
    const warnsBefore = logLines.filter((l) => l.includes("已拒绝飞书事件请求")).length;
    expect((await post(msg(U.teacherA, "帮助"), { encryptKey: ENCRYPT_KEY, badSignature: true })).status).toBe(401);
    expect((await post(msg(U.teacherA, "帮助"), { encryptKey: ENCRYPT_KEY, noSignature: true })).status).toBe(401);
    expect((await post(msg(U.teacherA, "帮助"), { encryptKey: ENCRYPT_KEY, timestampSec: Math.floor(Date.now() / 1000) - 2 * 3600 })).status).toBe(401);
    expect((await post(msg(U.teacherA, "帮助"), { encryptKey: ENCRYPT_KEY, timestampSec: Math.floor(Date.now() / 1000) + 2 * 3600 })).status).toBe(401);
    expect((await post(msg(U.teacherA, "帮助", undefined, "not-the-token"))).status).toBe(401);
    expect((await post(msg(U.teacherA, "帮助", undefined, ""))).status).toBe(401);
    expect((await post(msg(U.teacherA, "帮助"), { encryptKey: ENCRYPT_KEY, plaintext: true, noSignature: true })).status).toBe(401);
    // encrypted with another key
    expect((await post(msg(U.teacherA, "帮助"), { encryptKey: "some-other-encrypt-key" })).status).toBe(401);
    const huge = msg(U.teacherA, "上报 " + "啊".repeat(600_000));
    expect((await post(huge)).status).toBe(413);
    const raw = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    tally.requests++;
    if (raw.status >= 400) tally.refused++;
    expect(raw.status).toBeGreaterThanOrEqual(400);
    expect(raw.status).toBeLessThan(500);
    // nothing reached the inbox; every refusal left a warning naming the reason
    expect(await inboxCount()).toBe(before);
    expect(logLines.filter((l) => l.includes("已拒绝飞书事件请求")).length - warnsBefore).toBeGreaterThanOrEqual(8);
  });

  it("a replayed event (same event id, freshly signed) is handled once", async () => {
    const env = msg(U.teacherA, "帮助", `ev_replay_${randomBytes(4).toString("hex")}`);
    for (let i = 0; i < 5; i++) expect((await post(env)).status).toBe(200);
    await drained();
    const replies = await bot.db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: `reply:${env.header.event_id}` } } });
    expect(replies).toBe(1);
  });

  it("an unknown event type is acknowledged and does nothing", async () => {
    const env = { ...msg(U.teacherA, "帮助"), header: { ...msg(U.teacherA, "帮助").header, event_type: "contact.user.deleted_v3" } };
    const outBefore = await bot.db.prisma.outboxMessage.count();
    expect((await post(env)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(await bot.db.prisma.outboxMessage.count()).toBe(outBefore);
  });
});

describe("mention injection in text the bot echoes", () => {
  it("an unknown word with <at user_id=\"all\"> is echoed inert", async () => {
    const env = msg(U.teacherA, '<at user_id="all">所有人</at> 你好');
    expect((await post(env)).status).toBe(200);
    await drained();
    const rows = await bot.db.prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: `reply:${env.header.event_id}` } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content).toContain("没有听懂");
    expect(rows[0]!.content).not.toMatch(/<at\s+(user_)?id\s*=/);
  });
});

describe("card actions from the wrong people", () => {
  let caseId: string;
  beforeAll(async () => {
    const r = await post(click(U.teacherA, { action: "incident_submit", formId: "sec-1", campaignId: "demo-sandbox" }, goodIncident()));
    expect(JSON.stringify(r.body), JSON.stringify(r.body).slice(0, 2000)).toContain("已上报");
    caseId = (await bot.db.prisma.incidentCase.findFirstOrThrow()).id;
  });

  it("someone outside every plan: refused with a Chinese toast, audited", async () => {
    const before = await bot.db.prisma.auditLog.count({ where: { actor: U.outsider } });
    const r = await post(click(U.outsider, { action: "incident_step", caseId, step: "medical", op: "done" }));
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toMatch(/[\u4e00-\u9fff]/);
    expect((await bot.db.prisma.caseStep.count({ where: { caseId } }))).toBe(0);
    expect(await bot.db.prisma.auditLog.count({ where: { actor: U.outsider } })).toBe(before + 1);
  });

  it("another school's principal, the reporter, another school's teacher: no step, no task force, no closing, each audited", async () => {
    const denied = await auditCount("case.denied");
    const attempts: [string, Record<string, unknown>, Record<string, unknown>?][] = [
      [U.principalB, { action: "incident_step", caseId, step: "medical", op: "done" }],
      [U.principalB, { action: "incident_taskforce", caseId }, { members: ["school-b.teacher"] }],
      [U.principalB, { action: "incident_close", caseId }, { result: "x", cause: "y", next_steps: "z" }],
      [U.teacherA, { action: "incident_close", caseId }, { result: "x", cause: "y", next_steps: "z" }],
      [U.teacherA, { action: "incident_taskforce", caseId }, { members: ["school-a.teacher"] }],
      [U.teacherB, { action: "incident_view", caseId }],
      [U.teacherB, { action: "incident_report_submit", caseId }],
    ];
    for (const [who, value, fv] of attempts) {
      const r = await post(click(who, value, fv));
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).toContain("无权");
    }
    const c = await bot.db.prisma.incidentCase.findUniqueOrThrow({ where: { id: caseId }, include: { steps: true, members: true } });
    expect(c.steps).toEqual([]);
    expect(c.members).toEqual([]);
    expect(c.status).toBe("open");
    expect(await auditCount("case.denied")).toBe(denied + attempts.length);
    expect((await verifyAudit(bot.db.prisma)).problems).toEqual([]);
  });
});

describe("log output", () => {
  it("holds no secret and no case text", async () => {
    await drained();
    // tokens the simulator issued during the run
    const tokens = sim.state ? JSON.stringify(sim.state).match(/t-[A-Za-z0-9._-]{16,}/g) ?? [] : [];
    const all = logLines.join("");
    expect(all.length).toBeGreaterThan(1000);
    for (const s of [APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN, CASE_DATA_KEY, ...tokens]) expect(all.includes(s), `secret in logs: ${s.slice(0, 6)}…`).toBe(false);
    expect(all.includes(STORY)).toBe(false);
    expect(all.includes("受害学生近期情绪低落")).toBe(false);
    // the case text is ciphertext in the database
    const raw = await bot.db.prisma.incidentCase.findFirstOrThrow();
    expect(raw.summary.startsWith("enc1:")).toBe(true);
    process.stdout.write(`\nSECURITY TALLY ${JSON.stringify({ ...tally, logLines: logLines.length, logBytes: all.length })}\n`);
  });
});
