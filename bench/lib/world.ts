/**
 * Synthetic worlds for the benchmarks: a province-sized plan (N schools, each with one or two
 * admins that have Lark open ids), seeded through the product's own activation, plus the
 * reminder rows a card click acts on. Nothing here is measured; it only builds the inputs.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { ManualClock } from "../../src/core/clock.js";
import type { ChatPort } from "../../src/core/chat-port.js";
import type { Database } from "../../src/core/db/client.js";
import { createLogger } from "../../src/core/logger.js";
import { localDateToInstant } from "../../src/core/calendar.js";
import { activatePlan } from "../../src/domains/campaigns/activate.js";
import { planSchema, type Plan, type PlanInput } from "../../src/domains/campaigns/schema.js";
import { sweep, type SweepResult } from "../../src/domains/reminders/flows.js";
export { rng } from "../../test/support/rng.js";

export const CAMPAIGN = "bench-province-2021";
export const TZ = "Asia/Shanghai";
/** The one deadline of the fan-out plan and the sweep that sends its T-7 step to everyone. */
export const DEADLINE_DUE = "2021-10-20";
export const T7_SWEEP = localDateToInstant("2021-10-13", "09:00", TZ);

const pad = (n: number, w = 5) => String(n).padStart(w, "0");
export const schoolKey = (i: number) => `s${pad(i)}`;
export const adminOpenId = (i: number, a: number) => `ou_bench_${pad(i)}_${a}`;


/**
 * A plan with `schools` schools (each `adminsPerSchool` admins with open ids), a department and
 * the bureau, one submit-deadline for every school due {@link DEADLINE_DUE} (ladder T-7, T-0) and
 * a monthly 月报表 on the 25th, bulletins on the 26th. Recipients of the T-7 sweep = schools × admins.
 */
export function provincePlan(o: { schools: number; adminsPerSchool?: number; withMonthly?: boolean }): Plan {
  const admins = o.adminsPerSchool ?? 1;
  const units: PlanInput["units"] = [
    { key: "bureau", name: "省教育厅", kind: "bureau", admins: [{ key: "safety", name: "安全处值班", role: "safetyOffice", contact: { openId: "ou_bench_bureau_safety" } }] },
    { key: "dept-basic", name: "基础教育处", kind: "department", admins: [] },
  ];
  for (let i = 1; i <= o.schools; i++) {
    units.push({
      key: schoolKey(i),
      name: `第${i}中学`,
      kind: "school",
      admins: Array.from({ length: admins }, (_, a) => ({ key: a === 0 ? "principal" : `admin${a}`, name: `${i}号校${a === 0 ? "校长" : "管理员"}`, role: a === 0 ? "principal" : "schoolAdmin", contact: { openId: adminOpenId(i, a) } })),
    });
  }
  const deadlines: PlanInput["deadlines"] = [
    { key: "selfcheck", title: "安全自查报告", kind: "once", due: DEADLINE_DUE, assignees: { unitKind: "school" }, action: "submit", remind: ["P7D", "P0D"] },
  ];
  if (o.withMonthly) deadlines.push({ key: "monthly", title: "月报表", kind: "recurring", rule: { every: "month", day: 25 }, form: "monthlyReport", assignees: { unitKind: "school" }, action: "submit" });
  const input: PlanInput = {
    id: CAMPAIGN,
    title: "全省校园安全专项行动（基准测试）",
    issuer: "省教育厅",
    docNumber: null,
    issuedOn: "2021-09-01",
    timezone: TZ,
    span: { start: "2021-09-01", end: "2022-06-30" },
    phases: [],
    deadlines,
    leadershipGroup: { members: [{ key: "director", name: "李主任", role: "leader", concurrent: ["officeDirector"], contact: { openId: "ou_bench_director" } }] },
    units,
    chats: [{ key: "bureau", purpose: "bulletin", chatId: "oc_bench_bureau", name: "全省专项工作群" }],
    bulletins: { day: 26, time: "09:00", to: ["bureau"] },
    forms: [{ key: "monthlyReport", title: "月报表" }],
  };
  return planSchema.parse(input);
}

export async function activate(db: Database, plan: Plan): Promise<void> {
  await activatePlan(db, plan, null, new Date("2021-09-01T00:00:00Z"));
}

/** The T-7 sweep of the plan's deadline, through the given ChatPort (the outbox). */
export async function sweepT7(db: Database, chat: ChatPort, at: Date = T7_SWEEP): Promise<SweepResult> {
  const clock = new ManualClock(at.toISOString());
  return sweep({ db, chat, clock, log: createLogger("silent") });
}

export function freshSqliteUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "scb-bench-")), "bench.db")}`;
}

export const PG_BASE = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** A fresh PostgreSQL database on {@link PG_BASE}'s server, or null when the server does not answer. */
export async function freshPgUrl(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const name = `scb_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch {
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const u = new URL(PG_BASE);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
