/**
 * Test helpers for the incidents domain: a campaign with two schools and the bureau, and a
 * ChatPort that writes to the real outbox (so messages commit with their transaction) and
 * records group chats instead of calling Lark.
 */
import type { BotDeps, CardActionContext, CardActionResult } from "../../src/core/bot.js";
import type { ChatPort, MessageBody, Recipient } from "../../src/core/chat-port.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Database } from "../../src/core/db/client.js";
import { createLogger } from "../../src/core/logger.js";
import { Outbox } from "../../src/core/outbox.js";

export const P = {
  teacherA: "ou_teacher_a",
  principalA: "ou_principal_a",
  committeeA: "ou_committee_a",
  adminA: "ou_admin_a",
  teacherB: "ou_teacher_b",
  principalB: "ou_principal_b",
  safety: "ou_safety",
  director: "ou_director",
  leader: "ou_leader",
  outsider: "ou_outsider",
} as const;

export const CAMPAIGN = "test-2021-anti-bullying";

export async function seedCampaign(db: Database, opts: { reportDayType?: "calendar" | "working" } = {}): Promise<void> {
  const plan = {
    id: CAMPAIGN,
    title: "防范学生欺凌专项治理攻坚行动",
    timezone: "Asia/Shanghai",
    deadlines: opts.reportDayType ? [{ key: "case-report", title: "情况报告", kind: "relative", event: "incidentClosed", days: 5, dayType: opts.reportDayType }] : [],
  };
  await db.prisma.campaign.create({ data: { id: CAMPAIGN, title: plan.title, status: "active", planJson: JSON.stringify(plan) } });
  const a = await db.prisma.unit.create({ data: { campaignId: CAMPAIGN, key: "school-a", name: "第一中学", kind: "school" } });
  const b = await db.prisma.unit.create({ data: { campaignId: CAMPAIGN, key: "school-b", name: "第二中学", kind: "school" } });
  const bureau = await db.prisma.unit.create({ data: { campaignId: CAMPAIGN, key: "bureau", name: "区教育局", kind: "bureau" } });
  const m = (key: string, role: string, openId: string, unitId: string | null, name: string) =>
    db.prisma.member.create({ data: { campaignId: CAMPAIGN, key, role, openId, unitId, name } });
  await m("school-a.teacher", "teacher", P.teacherA, a.id, "王老师");
  await m("school-a.principal", "principal", P.principalA, a.id, "李校长");
  await m("school-a.committee", "governanceCommittee", P.committeeA, a.id, "赵主任");
  await m("school-a.admin", "schoolAdmin", P.adminA, a.id, "钱干事");
  await m("school-b.teacher", "teacher", P.teacherB, b.id, "孙老师");
  await m("school-b.principal", "principal", P.principalB, b.id, "周校长");
  await m("bureau.safety", "safetyOffice", P.safety, bureau.id, "吴科长");
  await m("office.director", "officeDirector", P.director, null, "郑主任");
  await m("lg.1", "leader", P.leader, null, "冯局长");
}

export interface TestPort extends ChatPort {
  chats: { name: string; memberOpenIds: string[]; ownerOpenId?: string; key: string }[];
  /** Make createGroupChat fail (Lark refused). */
  failChats: boolean;
}

export function testPort(outbox: Outbox): TestPort {
  const enc = (b: MessageBody) => ("text" in b ? { msgType: "text" as const, content: JSON.stringify({ text: b.text }) } : { msgType: "interactive" as const, content: JSON.stringify(b.card) });
  const rcv = (to: Recipient) =>
    "user" in to ? { receiveIdType: "open_id" as const, receiveId: to.user } : "chat" in to ? { receiveIdType: "chat_id" as const, receiveId: to.chat } : { receiveIdType: "email" as const, receiveId: to.email };
  const port: TestPort = {
    chats: [],
    failChats: false,
    send: (to, body, opts) => outbox.enqueue({ op: "send", ...rcv(to), ...enc(body) }, opts),
    reply: (messageId, body, opts) => outbox.enqueue({ op: "reply", messageId, ...enc(body) }, opts),
    updateCard: (ref, card, opts) => outbox.enqueue({ op: "patch", ref, content: JSON.stringify(card) }, opts),
    urgent: (ref, kind, openIds, opts) => outbox.enqueue({ op: "urgent", ref, kind, openIds }, opts),
    batchSend: (openIds, body, opts) => outbox.enqueue({ op: "batchSend", openIds, msgType: "text" in body ? "text" : "interactive", content: "text" in body ? { text: body.text } : body.card }, opts),
    messageIdOf: (id) => outbox.messageIdOf(id),
    async createGroupChat(input) {
      if (port.failChats) throw new Error("lark refused");
      port.chats.push(input);
      return { chatId: `oc_${input.key.replace(/[^A-Za-z0-9]/g, "").slice(-20)}`, invalidMemberIds: [] };
    },
    getChatInfo: async () => null,
    lookupUsers: async () => ({ byEmail: {}, byMobile: {}, unresolved: [] }),
  };
  return port;
}

export interface Harness extends BotDeps {
  chat: TestPort;
  clock: ManualClock;
  outbox: Outbox;
  deferred: (() => Promise<void>)[];
  click(openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>, messageId?: string): Promise<CardActionResult>;
  runDeferred(): Promise<void>;
}

let eventSeq = 0;

export function harness(db: Database, start = "2021-10-12T02:00:00Z"): Harness {
  const clock = new ManualClock(start);
  const outbox = new Outbox(db, clock);
  const chat = testPort(outbox);
  const log = createLogger("silent");
  const deferred: (() => Promise<void>)[] = [];
  const h: Harness = {
    db,
    chat,
    clock,
    log,
    outbox,
    deferred,
    async click(openId, value, formValue, messageId) {
      const { incidentsModule } = await import("../../src/domains/incidents/handlers.js");
      const handler = incidentsModule.actions![String(value.action)];
      const ctx: CardActionContext = {
        db,
        chat,
        clock,
        log,
        actor: { openId },
        messageId,
        action: { value, ...(formValue ? { formValue } : {}), tag: "button" },
        eventId: `ev_${++eventSeq}`,
        defer: (w) => deferred.push(w),
      };
      return (await handler(ctx)) ?? {};
    },
    async runDeferred() {
      while (deferred.length) await deferred.shift()!();
    },
  };
  return h;
}

/** A complete valid report form value. */
export function goodForm(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurred_at: "2021-10-12 09:30 +0800",
    location: "inSchool",
    place: "教学楼三楼卫生间",
    kinds: ["physical", "verbal"],
    severity: "minor",
    major: [],
    source: "staff",
    victim_count: "1",
    actor_count: "2",
    grades: "七年级",
    summary: "课间两名学生推搡并辱骂一名同学，值班老师及时制止。",
    measures: "已送校医室检查，已通知家长。",
    private_note: "受害学生近期情绪低落。",
    public_attention: false,
    ...over,
  };
}

/** Outbox rows, decoded. */
export async function sent(db: Database): Promise<{ key: string; op: Record<string, unknown>; id: string }[]> {
  const rows = await db.prisma.outboxMessage.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ key: r.idempotencyKey, op: JSON.parse(r.content) as Record<string, unknown>, id: r.id }));
}

/** Pretend the worker sent every row: message ids become om_<outboxId>. */
export async function markAllSent(db: Database): Promise<void> {
  const rows = await db.prisma.outboxMessage.findMany({ where: { status: "pending" } });
  for (const r of rows) await db.prisma.outboxMessage.update({ where: { id: r.id }, data: { status: "sent", resultId: `om_${r.id}`, sentAt: new Date() } });
}
