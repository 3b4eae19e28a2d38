/**
 * Reads and writes of the reminder engine (no sending, no rules): the active campaigns, the
 * state the pure schedule needs, the keys already recorded, daily counts, acknowledgements.
 */
import { randomUUID } from "node:crypto";
import type { Membership } from "../../core/bot.js";
import { Prisma, type Db } from "../../core/db/client.js";
import { batcherOf, type Batcher } from "../../core/db/batcher.js";
import { planSchema, type Plan } from "../campaigns/schema.js";
import type { Tx } from "./api.js";
import { planPeople } from "./people.js";
import type { ReminderState, TrackedView } from "./schedule.js";

export interface ActiveCampaign {
  id: string;
  title: string;
  plan: Plan;
  activatedAt: Date | null;
}

// The sweep reads every active plan each minute; the same snapshot text parses to the same plan.
const planMemo = new Map<string, Plan>();

function parsePlanJson(text: string): { ok: true; plan: Plan } | { ok: false; reason: string } {
  const hit = planMemo.get(text);
  if (hit) return { ok: true, plan: hit };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "planJson 不是有效的 JSON" };
  }
  const p = planSchema.safeParse(json);
  if (!p.success) return { ok: false, reason: p.error.issues[0]?.message ?? "计划无效" };
  if (planMemo.size > 50) planMemo.clear();
  planMemo.set(text, p.data);
  return { ok: true, plan: p.data };
}

/** Active campaigns whose stored plan still parses (a broken snapshot is reported, not swept). */
export async function activeCampaigns(db: Db, onBroken?: (id: string, reason: string) => void): Promise<ActiveCampaign[]> {
  const rows = await db.campaign.findMany({ where: { status: "active" }, orderBy: { id: "asc" } });
  const out: ActiveCampaign[] = [];
  for (const r of rows) {
    const p = parsePlanJson(r.planJson);
    if (!p.ok) {
      onBroken?.(r.id, p.reason);
      continue;
    }
    out.push({ id: r.id, title: r.title, plan: p.plan, activatedAt: r.activatedAt });
  }
  return out;
}

// Card clicks ask for the same plan again and again: keyed by the row's version (updatedAt),
// so a re-activated or deactivated plan is read afresh and nothing stale is served.
const planByVersion = new Map<string, { version: number; campaign: ActiveCampaign | null }>();

/** The campaign's plan when the caller already knows the row's `updatedAt` (e.g. from a join). */
export async function campaignPlanAt(db: Db, campaignId: string, updatedAt: Date): Promise<ActiveCampaign | null> {
  const version = updatedAt.getTime();
  const hit = planByVersion.get(campaignId);
  if (hit && hit.version === version) return hit.campaign;
  const campaign = await campaignPlan(db, campaignId);
  if (planByVersion.size > 50) planByVersion.clear();
  planByVersion.set(campaignId, { version, campaign });
  return campaign;
}

export async function campaignPlan(db: Db, campaignId: string): Promise<ActiveCampaign | null> {
  const r = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!r) return null;
  const p = parsePlanJson(r.planJson);
  return p.ok ? { id: r.id, title: r.title, plan: p.plan, activatedAt: r.activatedAt } : null;
}

function parseList(s: string | null): string[] | null {
  if (!s) return null;
  try {
    const v = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : null;
  } catch {
    return null;
  }
}

export function trackedView(t: {
  key: string;
  title: string;
  dueAt: Date;
  dueDate: string | null;
  assignees: string;
  unitKey: string | null;
  escalateTo: string | null;
  escalateAfter: string | null;
  ladder: string | null;
  critical: boolean;
  createdAt: Date;
  closedAt: Date | null;
}): TrackedView {
  let a: { openIds?: string[]; memberKeys?: string[] } = {};
  try {
    a = JSON.parse(t.assignees);
  } catch {
    a = {};
  }
  return {
    key: t.key,
    title: t.title,
    dueAt: t.dueAt,
    dueDate: t.dueDate,
    openIds: a.openIds ?? [],
    memberKeys: a.memberKeys ?? [],
    unitKey: t.unitKey,
    escalateTo: parseList(t.escalateTo),
    escalateAfter: t.escalateAfter,
    ladder: parseList(t.ladder),
    critical: t.critical,
    createdAt: t.createdAt,
    closedAt: t.closedAt,
  };
}

export async function loadState(db: Tx, campaignId: string): Promise<ReminderState> {
  const [completions, acks, tracked] = await Promise.all([
    db.itemCompletion.findMany({ where: { campaignId }, select: { itemKey: true, periodKey: true, subject: true } }),
    db.reminderAck.findMany({ where: { campaignId } }),
    db.trackedItem.findMany({ where: { campaignId, closedAt: null } }),
  ]);
  return {
    completions,
    acks: acks.map((a) => ({ itemKey: a.itemKey, periodKey: a.periodKey, memberKey: a.memberKey, kind: a.kind === "snooze" ? "snooze" : "ack", at: a.at, until: a.until })),
    tracked: tracked.map(trackedView),
  };
}

export function stepKey(r: { itemKey: string; periodKey: string; recipient: string; step: string }): string {
  return `${r.itemKey}|${r.periodKey}|${r.recipient}|${r.step}`;
}

/** Keys of every reminder recorded (sent, skipped, unreachable) scheduled at or after `since`. */
export async function recordedKeys(db: Db, campaignId: string, since: Date): Promise<Set<string>> {
  const rows = await db.reminder.findMany({
    where: { campaignId, scheduledAt: { gte: since } },
    select: { itemKey: true, periodKey: true, recipient: true, step: true },
  });
  return new Set(rows.map(stepKey));
}

/** Where a message goes, as one string: user:<openId> | chat:<chatId> | email:<address>. */
export function addressKey(to: { user: string } | { chat: string } | { email: string }): string {
  return "user" in to ? `user:${to.user}` : "chat" in to ? `chat:${to.chat}` : `email:${to.email}`;
}

/** Digest message key: reminder:<campaignId>:<address>:<hash>; the address is what the daily cap counts. */
export function addressOfMessageKey(key: string): string | null {
  const m = /^reminder:[^:]+:((?:user|chat|email):.+):[0-9a-f]+$/.exec(key);
  return m ? m[1] : null;
}

/** Reminder messages each address got on a local day (all campaigns), and urgent pushes per campaign. */
export async function sentToday(db: Db, localDate: string): Promise<{ perAddress: Map<string, number>; urgentByCampaign: Map<string, number> }> {
  const rows = await db.reminder.findMany({
    where: { localDate, status: "sent" },
    select: { messageKey: true, urgent: true, campaignId: true },
  });
  const msgs = new Map<string, Set<string>>();
  const urgent = new Map<string, Set<string>>();
  for (const r of rows) {
    const addr = r.messageKey ? addressOfMessageKey(r.messageKey) : null;
    if (!addr) continue;
    const set = msgs.get(addr) ?? new Set();
    set.add(r.messageKey!);
    msgs.set(addr, set);
    if (r.urgent) {
      const u = urgent.get(r.campaignId) ?? new Set();
      u.add(r.messageKey!);
      urgent.set(r.campaignId, u);
    }
  }
  return {
    perAddress: new Map([...msgs].map(([k, v]) => [k, v.size])),
    urgentByCampaign: new Map([...urgent].map(([k, v]) => [k, v.size])),
  };
}

export type Address = { user: string } | { chat: string } | { email: string };

/**
 * Resolves recipients for one sweep: the campaign's Member rows are read once (a district has
 * hundreds of people), chats on demand.
 */
export async function addressBook(db: Db, campaignId: string, plan: Plan): Promise<(recipient: string) => Promise<Address | null>> {
  const members = new Map((await db.member.findMany({ where: { campaignId }, select: { key: true, openId: true, email: true } })).map((m) => [m.key, m]));
  const people = new Map(planPeople(plan).map((p) => [p.key, p]));
  const chats = new Map<string, Address | null>();
  return async (recipient) => {
    const [type, ...rest] = recipient.split(":");
    const key = rest.join(":");
    if (type === "member") {
      const m = members.get(key);
      if (m?.openId) return { user: m.openId };
      const p = people.get(key);
      if (p?.openId) return { user: p.openId };
      const email = m?.email ?? p?.email;
      return email ? { email } : null;
    }
    if (type === "chat") {
      if (!chats.has(key)) chats.set(key, await resolveAddress(db, campaignId, plan, recipient));
      return chats.get(key)!;
    }
    return resolveAddress(db, campaignId, plan, recipient);
  };
}

/** open id / chat id of a plan member or chat: the bound Member / ChatBinding first, then the plan's contact. */
export async function resolveAddress(db: Db, campaignId: string, plan: Plan, recipient: string): Promise<Address | null> {
  const [type, ...rest] = recipient.split(":");
  const key = rest.join(":");
  if (type === "user") return { user: key };
  if (type === "chat") {
    const c = plan.chats.find((x) => x.key === key);
    if (c?.chatId) return { chat: c.chatId };
    if (c) {
      const purpose = c.purpose === "group" ? "leadership" : c.purpose;
      const b = await db.chatBinding.findFirst({ where: { campaignId, purpose }, orderBy: { addedAt: "asc" } });
      if (b) return { chat: b.chatId };
    }
    return null;
  }
  const m = await db.member.findUnique({ where: { campaignId_key: { campaignId, key } } });
  if (m?.openId) return { user: m.openId };
  const fromPlan = planPeople(plan).find((p) => p.key === key);
  if (fromPlan?.openId) return { user: fromPlan.openId };
  const email = m?.email ?? fromPlan?.email;
  if (email) return { email };
  return null;
}

/** The recipient identity (member:<key> | user:<openId>) of the person behind an open id. */
export async function recipientsOfOpenId(db: Db, campaignId: string, plan: Plan, openId: string, memberships?: readonly Membership[]): Promise<string[]> {
  const out = new Set<string>([`user:${openId}`]);
  const rows = memberships ?? (await db.member.findMany({ where: { campaignId, openId }, select: { campaignId: true, key: true } }));
  for (const m of rows) if (m.campaignId === campaignId) out.add(`member:${m.key}`);
  for (const p of planPeople(plan)) if (p.openId === openId) out.add(`member:${p.key}`);
  return [...out];
}

type AckInput = { campaignId: string; itemKey: string; periodKey: string; memberKey: string; kind: "ack" | "snooze"; at: Date; until?: Date | null };

const ackWriters = new WeakMap<Tx, Batcher<AckInput, void>>();

/**
 * Insert or update on the unique key, as raw SQL with group commit: it runs on every 已知悉 /
 * 明天再提醒 click, and the clicks that arrive together share one statement (each click still
 * waits for it). Same SQL on SQLite and PostgreSQL; Prisma binds the Date parameters in each
 * provider's DateTime format.
 */
export function upsertAck(db: Tx, a: AckInput): Promise<void> {
  return batcherOf(ackWriters, db, writeAcks).add(a);
}

async function writeAcks(db: Tx, items: AckInput[]): Promise<void[]> {
  // The same key twice in one statement is an error on PostgreSQL: the later click wins, as it would one by one.
  const last = new Map(items.map((a) => [`${a.campaignId}\u0000${a.itemKey}\u0000${a.periodKey}\u0000${a.memberKey}\u0000${a.kind}`, a]));
  // createdAt/updatedAt are bookkeeping in real time, as Prisma's @default(now())/@updatedAt wrote them.
  const written = new Date();
  const rows = [...last.values()].map(
    (a) => Prisma.sql`(${randomUUID()}, ${a.campaignId}, ${a.itemKey}, ${a.periodKey}, ${a.memberKey}, ${a.kind}, ${a.until ?? null}, ${a.at}, ${written}, ${written})`,
  );
  await db.$executeRaw`INSERT INTO "ReminderAck" ("id", "campaignId", "itemKey", "periodKey", "memberKey", "kind", "until", "at", "createdAt", "updatedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("campaignId", "itemKey", "periodKey", "memberKey", "kind") DO UPDATE SET "at" = excluded."at", "until" = excluded."until", "updatedAt" = excluded."updatedAt"`;
  return items.map(() => undefined);
}
