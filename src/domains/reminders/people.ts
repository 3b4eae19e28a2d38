/**
 * Who is who in a plan, as the reminder engine needs it: every person with a stable key and
 * the roles they hold, and for a deadline the subjects that owe it (units or persons).
 *
 * Keys: a unit admin's own `key`; a leadership group member's `key`, else `group-<n>` (1-based
 * position in the plan). The office director is whoever holds `officeDirector` (as a
 * concurrent role or as named in leadershipGroup.office.director); the group leader is `leader`.
 */
import type { Deadline, Plan } from "../campaigns/schema.js";

export interface Person {
  key: string;
  name: string | null;
  roles: string[];
  unitKey?: string;
  openId?: string | null;
  email?: string | null;
}

export interface UnitRef {
  key: string;
  name: string;
}

/** A unit or a person that owes a deadline; completion is recorded on this subject. */
export type Subject = { type: "unit"; unitKey: string; name: string; members: string[] } | { type: "member"; memberKey: string; name: string | null };

export function subjectKey(s: Subject): string {
  return s.type === "unit" ? `unit:${s.unitKey}` : `member:${s.memberKey}`;
}

export function groupMemberKey(m: { key?: string }, index: number): string {
  return m.key ?? `group-${index + 1}`;
}

const peopleCache = new WeakMap<Plan, Person[]>();

export function planPeople(plan: Plan): Person[] {
  const hit = peopleCache.get(plan);
  if (hit) return hit;
  const out: Person[] = [];
  const director = plan.leadershipGroup?.office?.director ?? null;
  (plan.leadershipGroup?.members ?? []).forEach((m, i) => {
    const roles = new Set<string>([m.role, "group", ...(m.concurrent ?? [])]);
    if (director && m.name && m.name.replace(/\s+/g, "") === director.replace(/\s+/g, "")) roles.add("officeDirector");
    out.push({ key: groupMemberKey(m, i), name: m.name, roles: [...roles], openId: m.contact?.openId ?? null, email: m.contact?.email ?? null });
  });
  for (const u of plan.units)
    for (const a of u.admins) out.push({ key: a.key, name: a.name, roles: [a.role], unitKey: u.key, openId: a.contact?.openId ?? null, email: a.contact?.email ?? null });
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

function unitMembers(plan: Plan, unitKey: string, roles?: string[]): string[] {
  const u = plan.units.find((x) => x.key === unitKey);
  if (!u) return [];
  const picked = roles?.length ? u.admins.filter((a) => roles.includes(a.role)) : [];
  return (picked.length ? picked : u.admins).map((a) => a.key);
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
