/**
 * The simulated people and group chats of sandbox mode, taken from the demo plan (its
 * `ou_demo_…` people and `oc_demo_…` chats) or, while no demo plan exists, from a small
 * built-in cast with the same roles. Read loosely on purpose: the plan schema belongs to the
 * campaigns domain and may grow; only names, roles, open ids and chat ids are used here.
 */
export interface SandboxPerson {
  openId: string;
  name: string;
  role: string;
  roleLabel: string;
  unitKey?: string;
}

export interface SandboxGroup {
  chatId: string;
  name: string;
  members: string[];
}

export interface SandboxRoster {
  people: SandboxPerson[];
  groups: SandboxGroup[];
}

const ROLE_LABELS: Record<string, string> = {
  teacher: "教师",
  principal: "校长",
  schoolAdmin: "学校管理员",
  safetyOffice: "教育局安全办",
  officeDirector: "领导小组办公室主任",
  leader: "领导小组组长",
  deputy: "领导小组副组长",
  member: "领导小组成员",
};

export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? role;

/** Used while the campaigns domain has no demo plan: one of each role the console must show. */
export const BUILTIN_ROSTER: SandboxRoster = {
  people: [
    { openId: "ou_demo_teacher", name: "王老师", role: "teacher", roleLabel: roleLabel("teacher"), unitKey: "school-01" },
    { openId: "ou_demo_principal", name: "李校长", role: "principal", roleLabel: roleLabel("principal"), unitKey: "school-01" },
    { openId: "ou_demo_safety", name: "赵科长", role: "safetyOffice", roleLabel: roleLabel("safetyOffice") },
    { openId: "ou_demo_director", name: "周主任", role: "officeDirector", roleLabel: roleLabel("officeDirector") },
    { openId: "ou_demo_leader", name: "宋局长", role: "leader", roleLabel: roleLabel("leader") },
  ],
  groups: [
    { chatId: "oc_demo_bureau", name: "专项治理行动工作群", members: ["ou_demo_teacher", "ou_demo_principal", "ou_demo_safety", "ou_demo_director", "ou_demo_leader"] },
    { chatId: "oc_demo_school01", name: "第一中学安全工作群", members: ["ou_demo_teacher", "ou_demo_principal"] },
  ],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

function person(x: unknown, fallbackRole: string, unitKey?: string): SandboxPerson | null {
  if (!isObj(x)) return null;
  const openId = str(isObj(x.contact) ? x.contact.openId : undefined);
  if (!openId?.startsWith("ou_")) return null;
  const role = str(x.role) ?? fallbackRole;
  // A deputy who is also the office director is shown with both posts.
  const also = arr(x.concurrent).map(str).filter((r): r is string => !!r && r !== role);
  return { openId, name: str(x.name) ?? openId, role, roleLabel: [role, ...also].map(roleLabel).join("、"), unitKey };
}

/** People and groups of a parsed plan; null when it names nobody with an open id. */
export function rosterFromPlan(plan: unknown): SandboxRoster | null {
  if (!isObj(plan)) return null;
  const people = new Map<string, SandboxPerson>();
  const add = (p: SandboxPerson | null) => p && !people.has(p.openId) && people.set(p.openId, p);
  const lg = isObj(plan.leadershipGroup) ? plan.leadershipGroup : {};
  for (const m of arr(lg.members)) add(person(m, "member"));
  const units = arr(plan.units).filter(isObj);
  for (const u of units) for (const a of arr(u.admins)) add(person(a, "schoolAdmin", str(u.key)));
  if (people.size === 0) return null;

  const everyone = [...people.keys()];
  const groups: SandboxGroup[] = [];
  for (const c of arr(plan.chats).filter(isObj)) {
    const chatId = str(c.chatId);
    if (chatId?.startsWith("oc_")) groups.push({ chatId, name: str(c.name) ?? str(c.key) ?? chatId, members: everyone });
  }
  for (const u of units) {
    const chatId = str(isObj(u.chat) ? u.chat.chatId : undefined);
    if (!chatId?.startsWith("oc_") || groups.some((g) => g.chatId === chatId)) continue;
    const members = [...people.values()].filter((p) => p.unitKey === str(u.key)).map((p) => p.openId);
    groups.push({ chatId, name: str(isObj(u.chat) ? u.chat.name : undefined) ?? `${str(u.name) ?? str(u.key)}工作群`, members });
  }
  return { people: [...people.values()], groups };
}
