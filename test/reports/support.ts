import { loadPlanFile } from "../../src/domains/campaigns/load.js";
import { activatePlan } from "../../src/domains/campaigns/activate.js";
import type { Plan } from "../../src/domains/campaigns/schema.js";
import type { Database } from "../../src/core/db/client.js";
import { ManualClock } from "../../src/core/clock.js";
import { Outbox } from "../../src/core/outbox.js";
import { createLarkChatPort } from "../../src/platform/lark/chat-port.js";
import { createLogger } from "../../src/core/logger.js";
import type { BotDeps } from "../../src/core/bot.js";
import { localDateToInstant } from "../../src/core/calendar.js";
import { selfCheckItems } from "../../src/domains/reports/forms/self-check.js";

export const CAMPAIGN = "luozhuang-2018-implementation-year";
export const PRINCIPAL_A = "ou_lz_a_principal";
export const ADMIN_A = "ou_lz_a_admin";
export const TEACHER_A = "ou_lz_a_teacher";
export const PRINCIPAL_B = "ou_lz_b_principal";
export const SAFETY = "ou_lz_safety";

/** Seed 001's plan (campaigns/luozhuang-2018.yaml) with two schools and the safety section's head. */
export function luozhuangPlan(): Plan {
  const r = loadPlanFile("campaigns/luozhuang-2018.yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const plan = structuredClone(r.plan);
  plan.units = [
    { key: "safety-section", name: "区教体局安全科", kind: "department", admins: [{ key: "head", name: "安全科长", role: "safetyOffice", contact: { openId: SAFETY } }] },
    {
      key: "school-a",
      name: "罗庄区第一实验小学",
      kind: "school",
      admins: [
        { key: "principal", name: "张校长", role: "principal", contact: { openId: PRINCIPAL_A } },
        { key: "admin", name: "王主任", role: "schoolAdmin", contact: { openId: ADMIN_A } },
        { key: "teacher", name: "刘老师", role: "teacher", contact: { openId: TEACHER_A } },
      ],
    },
    { key: "school-b", name: "罗庄区实验中学", kind: "school", admins: [{ key: "principal", name: "陈校长", role: "principal", contact: { openId: PRINCIPAL_B } }] },
  ];
  return plan;
}

export async function activateLuozhuang(db: Database, now: Date, edit?: (p: Plan) => void): Promise<Plan> {
  const plan = luozhuangPlan();
  edit?.(plan);
  await activatePlan(db, plan, "campaigns/luozhuang-2018.yaml", now);
  return plan;
}

export function depsFor(db: Database, clock: ManualClock): BotDeps {
  const outbox = new Outbox(db, clock);
  return { db, chat: createLarkChatPort(outbox, null), clock, log: createLogger("silent") };
}

/** Queued messages (the outbox), newest last, with the card parsed. */
export async function sent(db: Database): Promise<{ key: string; to: string | null; card: Record<string, unknown> | null; text: string | null }[]> {
  const rows = await db.prisma.outboxMessage.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((r) => {
    const op = JSON.parse(r.content) as { content?: string; msgType?: string; receiveId?: string };
    const body = op.content ? (JSON.parse(op.content) as Record<string, unknown>) : null;
    return { key: r.idempotencyKey, to: op.receiveId ?? r.receiveId, card: op.msgType === "interactive" ? body : null, text: op.msgType === "text" ? String(body?.text ?? "") : null };
  });
}

/** The component with this `name` anywhere in a card. */
export function fieldOf(card: unknown, name: string): Record<string, unknown> | undefined {
  const walk = (n: unknown): Record<string, unknown> | undefined => {
    if (Array.isArray(n)) {
      for (const x of n) {
        const r = walk(x);
        if (r) return r;
      }
      return undefined;
    }
    if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (o.name === name && typeof o.tag === "string" && o.tag !== "form") return o;
      for (const v of Object.values(o)) {
        const r = walk(v);
        if (r) return r;
      }
    }
    return undefined;
  };
  return walk(card);
}

// High numbers: the incidents domain numbers its own cases from 1 in the same (unit, year).
let seq = 900;
/** A case row as the incidents domain stores it (only what the 月报表 counts matters here). */
export async function addCase(t: { db: Database }, c: { unitKey: string; occurred: string; source: string; severity: string; closed?: string }) {
  seq++;
  const at = (d: string) => localDateToInstant(d, "10:00", "Asia/Shanghai");
  const occurredAt = at(c.occurred);
  return t.db.prisma.incidentCase.create({
    data: {
      caseNo: `2018-${c.unitKey}-${String(seq).padStart(3, "0")}`,
      campaignId: CAMPAIGN,
      unitKey: c.unitKey,
      year: 2018,
      seq,
      submissionKey: `k${seq}`,
      reporterOpenId: TEACHER_A,
      flow: c.severity === "criminal" ? "inSchoolCriminal" : "inSchool",
      status: c.closed ? "closed" : "open",
      occurredAt,
      location: "inSchool",
      place: "操场",
      severity: c.severity,
      source: c.source,
      victimCount: 1,
      actorCount: 1,
      grades: "五年级",
      summary: "（测试）",
      openedAt: occurredAt,
      investigationDueAt: at(c.occurred),
      closedAt: c.closed ? at(c.closed) : null,
    },
  });
}

/** A complete 月报表 as the card's form sends it (seed 001 附件3). */
export const monthly = (over: Record<string, string> = {}) => ({
  docName: "关于开展学生欺凌防治落实年行动的实施方案",
  docNumber: "罗实小〔2018〕5号",
  docIssuedOn: "2018-05-10 +0800",
  leadDepartment: "政教处",
  leadPerson: "王主任",
  leadContact: "0539-8200001",
  reportHotline: "0539-8200002",
  activityName: "防欺凌主题班会",
  activityParticipants: "860",
  incidentCount: "2",
  reportedCount: "1",
  criminalCount: "0",
  handledCount: "1",
  handledSummary: "一起言语欺凌，已调查处理并家校沟通",
  handlingMethods: "调查核实、批评教育、心理疏导",
  filledBy: "王主任",
  principal: "张校长",
  ...over,
});

/** A complete 自查表, every 有/无 answered 有. */
export const selfCheck = (): Record<string, string> => {
  const v: Record<string, string> = {
    principalName: "张校长",
    studentCount: "860",
    teacherCount: "52",
    contactPerson: "王主任",
    contactPhone: "13900000001",
    teacherTrainingTimes: "1",
    teacherTrainingPeople: "52",
    studentEducationTimes: "2",
    studentEducationPeople: "1700",
    parentLecturesTimes: "1",
    parentLecturesPeople: "600",
    specialWork: "“护苗”值周岗",
    planAhead: "下月开展全体学生问卷调查",
  };
  for (const i of selfCheckItems) if (i.type === "yes_no") v[i.fields[0].key] = "yes";
  return v;
};
