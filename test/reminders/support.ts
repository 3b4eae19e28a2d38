/**
 * Reminder test harness: the seed templates from campaigns/ with schools and Lark ids added
 * (what a bureau fills in before activating), the real outbox ChatPort, a manual clock, and a
 * walk that sweeps several times a day.
 */
import { localDateToInstant, addDays } from "../../src/core/calendar.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Database } from "../../src/core/db/client.js";
import { createLogger } from "../../src/core/logger.js";
import { Outbox } from "../../src/core/outbox.js";
import { createLarkChatPort } from "../../src/platform/lark/chat-port.js";
import { activatePlan } from "../../src/domains/campaigns/activate.js";
import { loadPlanFile } from "../../src/domains/campaigns/load.js";
import type { Plan } from "../../src/domains/campaigns/schema.js";
import { sweep, type SweepDeps, type SweepOptions, type SweepResult } from "../../src/domains/reminders/flows.js";
import { isoWithOffset } from "../../src/domains/reminders/time.js";

export const TZ = "Asia/Shanghai";

export function template(name: string): Plan {
  const r = loadPlanFile(`campaigns/${name}.yaml`);
  if (!r.ok) throw new Error(`template ${name}: ${JSON.stringify(r.errors)}`);
  return r.plan;
}

/** open id of a member key in these tests */
export const oid = (key: string) => `ou_${key.replace(/[^A-Za-z0-9]/g, "_")}`;

/** The template plus schools with a principal and a school admin (s3 only a principal), Lark ids for everyone, a bulletin chat. */
export function deployed(plan: Plan, opts: { schools?: string[]; bureauUnit?: string; safetyAdmin?: boolean } = {}): Plan {
  const p: Plan = structuredClone(plan);
  const schools = opts.schools ?? ["s1", "s2", "s3"];
  p.units = [
    ...p.units.map((u) =>
      u.key === opts.bureauUnit && opts.safetyAdmin
        ? { ...u, admins: [{ key: "safety", name: "安全科值班", role: "safetyOffice", contact: { openId: oid(`${u.key}.safety`) } }] }
        : u,
    ),
    ...schools.map((s, i) => ({
      key: s,
      name: `第${i + 1}学校`,
      kind: "school" as const,
      admins: [
        { key: "principal", name: `${s}校长`, role: "principal", contact: { openId: oid(`${s}.principal`) } },
        ...(s === "s3" ? [] : [{ key: "admin", name: `${s}管理员`, role: "schoolAdmin", contact: { openId: oid(`${s}.admin`) } }]),
      ],
    })),
  ];
  if (p.leadershipGroup)
    p.leadershipGroup.members = p.leadershipGroup.members.map((m, i) => ({ ...m, contact: { ...m.contact, openId: oid(`lg.${m.key ?? i + 1}`) } }));
  p.chats = [...p.chats, { key: "bureau", purpose: "bulletin", chatId: "oc_bureau", name: "平安校园工作群" }];
  return p;
}

export interface Harness {
  deps: SweepDeps;
  clock: ManualClock;
  outbox: Outbox;
}

export function harness(db: Database, start: string): Harness {
  const clock = new ManualClock(start);
  const outbox = new Outbox(db, clock);
  return { deps: { db, chat: createLarkChatPort(outbox, null), clock, log: createLogger("silent") }, clock, outbox };
}

export async function activate(db: Database, plan: Plan, at: Date): Promise<void> {
  await activatePlan(db, plan, null, at);
}

export const at = (date: string, time = "09:00") => localDateToInstant(date, time, TZ);

export interface WalkOptions extends SweepOptions {
  times?: string[];
  /** called before the sweeps of each day (submissions, clicks of that day) */
  onDay?: (date: string) => Promise<void>;
  /** days the process is down: no sweep at all */
  down?: (date: string, time: string) => boolean;
  /** each sweep's result, e.g. to check one message per address per run */
  onSweep?: (date: string, time: string, r: SweepResult) => Promise<void>;
}

/** Sweep at `times` (local) on every day from..to. 07:00 and 22:00 are inside the default quiet hours. */
export async function walk(h: Harness, from: string, to: string, o: WalkOptions = {}): Promise<void> {
  const times = o.times ?? ["07:00", "09:00", "09:05", "14:00", "22:00"];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    for (const t of times) {
      h.clock.set(at(d, t));
      if (t === times[0]) await o.onDay?.(d);
      if (o.down?.(d, t)) continue;
      const r = await sweep(h.deps, o);
      await o.onSweep?.(d, t, r);
    }
  }
}

/** Sent reminders as lines "MM-DD HH:MM kind item[period] step → recipients" (recipients sorted). */
export async function sentLines(db: Database, campaignId: string, filter: (r: { kind: string; itemKey: string }) => boolean = () => true): Promise<string[]> {
  const rows = await db.prisma.reminder.findMany({ where: { campaignId, status: "sent" }, orderBy: [{ createdAt: "asc" }] });
  const groups = new Map<string, string[]>();
  for (const r of rows.filter(filter)) {
    // the time the sweep sent it: the clock is not stored on the row, but scheduledAt (+ late flag) is
    const when = isoWithOffset(r.scheduledAt, TZ).slice(5, 16).replace("T", " ");
    const k = `${when} ${r.kind} ${r.itemKey}${r.periodKey === "-" ? "" : `[${r.periodKey}]`} ${r.step}${r.late ? " (late)" : ""}`;
    groups.set(k, [...(groups.get(k) ?? []), r.recipient]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} → ${v.sort().join(" ")}`);
}
