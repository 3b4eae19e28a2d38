/**
 * Who is who in a plan, as the reminder engine needs it: every person with the stable key the
 * campaign activation gives its Member row (campaigns/activate.ts `planMembers`: `lg.<key>`,
 * `lg.<key>.as.<role>`, `office.director`, `<unitKey>.<adminKey>`) and the roles they hold,
 * and for a deadline the subjects that owe it (units or persons).
 */
import { planMembers } from "../campaigns/activate.js";
import type { Deadline, Plan } from "../campaigns/schema.js";

export interface Person {
  key: string;
  name: string | null;
  roles: string[];
  unitKey?: string;
  openId?: string | null;
  email?: string | null;
}

/** A unit or a person that owes a deadline; completion is recorded on this subject. */
export type Subject = { type: "unit"; unitKey: string; name: string; members: string[] } | { type: "member"; memberKey: string; name: string | null };

export function subjectKey(s: Subject): string {
  return s.type === "unit" ? `unit:${s.unitKey}` : `member:${s.memberKey}`;
}

/** Roles as the notices name them, for messages about a role nobody holds yet. */
export const ROLE_CN: Record<string, string> = {
  leader: "领导小组组长",
  deputy: "领导小组副组长",
  member: "领导小组成员",
  officeDirector: "领导小组办公室主任",
  safetyOffice: "安全办（安全科）",
  principal: "校长",
  schoolAdmin: "学校管理员",
};

const peopleCache = new WeakMap<Plan, Person[]>();

export function planPeople(plan: Plan): Person[] {
  const hit = peopleCache.get(plan);
  if (hit) return hit;
  const out: Person[] = planMembers(plan).map((m) => ({
    key: m.key,
    name: m.name,
    // "group": a leadership group member in their own right (not a concurrent-role or office alias)
    roles: m.key.startsWith("lg.") && !m.key.includes(".as.") ? [m.role, "group"] : [m.role],
    unitKey: m.unitKey ?? undefined,
    openId: m.openId,
    email: m.email,
  }));
  peopleCache.set(plan, out);
  return out;
}

export function personByKey(plan: Plan, key: string): Person | undefined {
  return planPeople(plan).find((p) => p.key === key);
}

/** People holding a role; unit-level roles (schoolAdmin) are not bureau escalation targets. */
export function peopleWithRole(plan: Plan, role: string): Person[] {
  const people = planPeople(plan);
  const bureau = people.filter((p) => p.roles.includes(role) && !p.unitKey);
  return bureau.length ? bureau : people.filter((p) => p.roles.includes(role) && p.unitKey && plan.units.find((u) => u.key === p.unitKey)?.kind !== "school");
}

/** Where the bureau's own items go when a deadline names nobody who can be reminded. */
export function officeContacts(plan: Plan): Person[] {
  for (const role of ["officeDirector", "safetyOffice", "leader"]) {
    const p = peopleWithRole(plan, role);
    if (p.length) return p;
  }
  return [];
}

/** Member keys of a unit's admins, narrowed to the named roles when any of them holds one. */
function unitMembers(plan: Plan, unitKey: string, roles?: string[]): string[] {
  const admins = planPeople(plan).filter((p) => p.unitKey === unitKey);
  const picked = roles?.length ? admins.filter((a) => a.roles.some((r) => roles.includes(r))) : [];
  return (picked.length ? picked : admins).map((a) => a.key);
}

/**
 * The units/persons that owe a deadline: named units, units of a kind (各学校), or persons
 * with the named roles. Empty when the deadline names nobody the plan can reach (e.g. the
 * bureau's own 督导): such items only remind the office and never escalate.
 */
export function owingSubjects(plan: Plan, d: Deadline): Subject[] {
  const a = d.assignees;
  if (!a) return [];
  const kinds = a.unitKind === undefined ? [] : Array.isArray(a.unitKind) ? a.unitKind : [a.unitKind];
  const unitKeys = new Set<string>(a.units ?? []);
  for (const u of plan.units) if (kinds.includes(u.kind)) unitKeys.add(u.key);
  if (a.departments?.length) for (const u of plan.units) if (a.departments.some((dep) => u.name.includes(dep))) unitKeys.add(u.key);
  const out: Subject[] = [];
  for (const u of plan.units) {
    if (!unitKeys.has(u.key)) continue;
    const members = unitMembers(plan, u.key, a.roles);
    if (members.length) out.push({ type: "unit", unitKey: u.key, name: u.name, members });
  }
  if (!unitKeys.size && a.roles?.length) {
    for (const p of planPeople(plan)) if (p.roles.some((r) => a.roles!.includes(r))) out.push({ type: "member", memberKey: p.key, name: p.name });
  }
  return out;
}
