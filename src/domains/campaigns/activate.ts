/**
 * Activation: write a plan's Campaign, Unit and Member rows (members keyed by a stable
 * `key`, so re-activating updates rather than duplicates). Refuses drafts with the list of
 * what to fill in. Members given only by email/mobile can be resolved to Lark open ids by
 * the `resolveOpenId` hook (issue 4); those still without one are returned.
 *
 * Member keys:  lg.<memberKey|index>        leadership group (role leader|deputy|member)
 *               lg.<memberKey>.as.<role>    a concurrent role (e.g. safetyOffice)
 *               office.director             the group office director (role officeDirector)
 *               <unitKey>.<adminKey>        a unit admin (role principal|schoolAdmin|teacher|…)
 */
import type { Database } from "../../core/db/client.js";
import { UserError } from "../../core/errors.js";
import { planDraftProblems, type Plan } from "./schema.js";

export interface MemberSpec {
  key: string;
  unitKey: string | null;
  name: string | null;
  role: string;
  title: string | null;
  email: string | null;
  mobile: string | null;
  openId: string | null;
}

export type OpenIdResolver = (m: MemberSpec) => Promise<string | null>;

export interface ActivationResult {
  campaignId: string;
  status: "active";
  units: number;
  members: number;
  /** members with no open id even after the resolver: they cannot be reached in Lark yet */
  membersWithoutOpenId: MemberSpec[];
  removedMembers: number;
}

/** The member rows a plan defines (pure). */
export function planMembers(plan: Plan): MemberSpec[] {
  const out: MemberSpec[] = [];
  const lg = plan.leadershipGroup;
  const c = (x?: { email?: string | null; mobile?: string | null; openId?: string | null }) => ({
    email: x?.email ?? null,
    mobile: x?.mobile ?? null,
    openId: x?.openId ?? null,
  });
  lg?.members.forEach((m, i) => {
    const key = `lg.${m.key ?? i + 1}`;
    out.push({ key, unitKey: null, name: m.name, role: m.role, title: m.title ?? null, ...c(m.contact) });
    for (const r of m.concurrent ?? []) if (r !== "officeDirector") out.push({ key: `${key}.as.${r}`, unitKey: null, name: m.name, role: r, title: m.title ?? null, ...c(m.contact) });
  });
  if (lg?.office?.director) {
    const same = lg.members.find((m) => m.name === lg.office!.director);
    out.push({
      key: "office.director",
      unitKey: null,
      name: lg.office.director,
      role: "officeDirector",
      title: `领导小组办公室主任（${lg.office.department ?? ""}）`,
      ...c(same?.contact),
    });
  }
  for (const u of plan.units)
    for (const a of u.admins) out.push({ key: `${u.key}.${a.key}`, unitKey: u.key, name: a.name, role: a.role, title: a.title ?? null, ...c(a.contact) });
  return out;
}

export async function activatePlan(
  db: Database,
  plan: Plan,
  sourceFile: string | null,
  now: Date,
  opts: { resolveOpenId?: OpenIdResolver } = {},
): Promise<ActivationResult> {
  const problems = planDraftProblems(plan);
  if (problems.length) {
    throw new UserError(`计划“${plan.title}”仍是草稿，不能启用。请先补充以下 ${problems.length} 项：\n${problems.map((p) => `- ${p}`).join("\n")}`, {
      code: "plan_draft",
      details: problems.map((p) => ({ field: p.split("：")[0], message: p })),
    });
  }
  const members = planMembers(plan);
  if (opts.resolveOpenId) {
    for (const m of members) if (!m.openId && (m.email || m.mobile)) m.openId = (await opts.resolveOpenId(m)) ?? null;
  }
  const prisma = db.prisma;
  let removed = 0;
  await prisma.$transaction(async (tx) => {
    const data = { title: plan.title, status: "active", sourceFile, planJson: JSON.stringify(plan), activatedAt: now };
    await tx.campaign.upsert({ where: { id: plan.id }, create: { id: plan.id, ...data }, update: data });
    const unitIds = new Map<string, string>();
    for (const u of plan.units) {
      const row = await tx.unit.upsert({
        where: { campaignId_key: { campaignId: plan.id, key: u.key } },
        create: { campaignId: plan.id, key: u.key, name: u.name, kind: u.kind, chatId: u.chat?.chatId ?? null },
        update: { name: u.name, kind: u.kind, chatId: u.chat?.chatId ?? null },
      });
      unitIds.set(u.key, row.id);
    }
    for (const m of members) {
      const fields = { name: m.name, role: m.role, title: m.title, email: m.email, mobile: m.mobile, openId: m.openId, unitId: m.unitKey ? unitIds.get(m.unitKey)! : null };
      await tx.member.upsert({
        where: { campaignId_key: { campaignId: plan.id, key: m.key } },
        create: { campaignId: plan.id, key: m.key, ...fields },
        update: fields,
      });
    }
    // The stale rows are found here and deleted by id in chunks: a `notIn` list of every key
    // exceeds SQLite's bound-parameter limit once a plan has about a thousand people (P2029).
    const keepMembers = new Set(members.map((m) => m.key));
    const staleMembers = (await tx.member.findMany({ where: { campaignId: plan.id }, select: { id: true, key: true } })).filter((m) => !keepMembers.has(m.key));
    for (let i = 0; i < staleMembers.length; i += 500) removed += (await tx.member.deleteMany({ where: { id: { in: staleMembers.slice(i, i + 500).map((m) => m.id) } } })).count;
    const keepUnits = new Set(plan.units.map((u) => u.key));
    const staleUnits = (await tx.unit.findMany({ where: { campaignId: plan.id }, select: { id: true, key: true } })).filter((u) => !keepUnits.has(u.key));
    for (let i = 0; i < staleUnits.length; i += 500) await tx.unit.deleteMany({ where: { id: { in: staleUnits.slice(i, i + 500).map((u) => u.id) } } });
    // A district of 300 schools is over a thousand upserts: Prisma's default 5 s transaction
    // timeout aborted activation on PostgreSQL from about 40 schools (P2028).
  }, { timeout: 300_000, maxWait: 30_000 });
  return {
    campaignId: plan.id,
    status: "active",
    units: plan.units.length,
    members: members.length,
    membersWithoutOpenId: members.filter((m) => !m.openId),
    removedMembers: removed,
  };
}

export async function deactivatePlan(db: Database, id: string): Promise<{ campaignId: string; status: "inactive" }> {
  const row = await db.prisma.campaign.findUnique({ where: { id } });
  if (!row) throw new UserError(`没有找到标识为 ${id} 的行动计划`, { code: "not_found", field: "id" });
  await db.prisma.campaign.update({ where: { id }, data: { status: "inactive" } });
  return { campaignId: id, status: "inactive" };
}
