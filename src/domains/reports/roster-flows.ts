/** The patrol roster card: a school admin picks, per slot, who patrols where and on which days. */
import type { BotDeps, CardActionResult } from "../../core/bot.js";
import type { CardJson } from "../../core/chat-port.js";
import { UserError } from "../../core/errors.js";
import { rosterCard } from "../../../cards/reports/patrol.js";
import { isSchoolAdmin, unitName, unitsOfPerson } from "./context.js";
import type { FieldError } from "./forms/fields.js";
import { listRoster, setRoster } from "./patrol-service.js";
import { isSlotKey, patrolAreas, patrolSlots, rosterEntrySchema, slotKeys, type RosterEntry, type SlotKey } from "./schema.js";

export async function assertUnitAdmin(deps: Pick<BotDeps, "db">, openId: string, campaignId: string, unitKey: string): Promise<void> {
  const units = await unitsOfPerson(deps.db.prisma, openId);
  if (!units.some((u) => u.campaignId === campaignId && u.unitKey === unitKey && isSchoolAdmin(u.role)))
    throw new UserError("只有本校的学校管理员或校长可以设置巡查排班", { code: "forbidden" });
}

/**
 * The school's people who can patrol. Options carry the member row id (25 characters), not the
 * open id, to keep a card with four person lists under Lark's 30 KB.
 */
async function people(deps: Pick<BotDeps, "db">, campaignId: string, unitKey: string) {
  const rows = await deps.db.prisma.member.findMany({ where: { campaignId, unit: { key: unitKey }, openId: { not: null } }, orderBy: { key: "asc" } });
  return rows.map((m) => ({ value: m.id, text: m.name ?? m.key, openId: m.openId! }));
}

/** Above this many people, each slot gets its own roster card (a card must stay under 30 KB). */
export const ONE_CARD_MAX_PEOPLE = 40;
export const ROSTER_MAX_OPTIONS = 250;

export async function rosterSlotGroups(deps: Pick<BotDeps, "db">, campaignId: string, unitKey: string): Promise<SlotKey[][]> {
  const n = (await people(deps, campaignId, unitKey)).length;
  return n > ONE_CARD_MAX_PEOPLE ? slotKeys.map((k) => [k]) : [slotKeys];
}

type Typed = Record<string, { who: string; areas: string[]; days: string[]; start: string; end: string }>;

export async function rosterCardFor(deps: Pick<BotDeps, "db">, campaignId: string, unitKey: string, opts: { slots?: SlotKey[]; typed?: Typed; errors?: FieldError[]; saved?: boolean } = {}): Promise<CardJson> {
  const roster = await listRoster(deps.db.prisma, { campaignId, unitKey });
  const ppl = await people(deps, campaignId, unitKey);
  const idOf = (openId: string | undefined) => (openId ? (ppl.find((p) => p.openId === openId)?.value ?? "") : "");
  const slots = (opts.slots ?? slotKeys).map((k) => {
    const t = opts.typed?.[k];
    const r = roster.find((x) => x.slot === k);
    return {
      key: k,
      name: patrolSlots[k].name,
      start: t?.start ?? r?.startTime ?? patrolSlots[k].start,
      end: t?.end ?? r?.endTime ?? patrolSlots[k].end,
      patrollerOpenId: t?.who ?? idOf(r?.patrollerOpenId),
      areas: t?.areas ?? r?.areas ?? [],
      weekdays: t?.days ?? (r?.weekdays ?? [1, 2, 3, 4, 5]).map(String),
    };
  });
  return rosterCard({
    campaignId,
    unitKey,
    unitName: await unitName(deps.db.prisma, campaignId, unitKey),
    slots,
    // A select of more people than this would push even a one-slot card past 30 KB.
    people: ppl.slice(0, ROSTER_MAX_OPTIONS).map((p) => ({ value: p.value, text: p.text })),
    truncatedPeople: Math.max(0, ppl.length - ROSTER_MAX_OPTIONS),
    slotKeys: opts.slots ?? slotKeys,
    areaOptions: Object.entries(patrolAreas).map(([value, text]) => ({ value, text })),
    errors: opts.errors,
    saved: opts.saved,
  }) as unknown as CardJson;
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const arr = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : []);

/** formValue → roster entries, or errors per field (nothing saved then). */
export function parseRosterForm(fv: Record<string, unknown>, knownPeople: Map<string, { name: string; openId: string }>, slots: readonly SlotKey[] = slotKeys): { entries: RosterEntry[]; typed: Typed; errors: FieldError[] } {
  const entries: RosterEntry[] = [];
  const errors: FieldError[] = [];
  const typed: Typed = {};
  for (const k of slots) {
    const t = { who: str(fv[`${k}_who`]), areas: arr(fv[`${k}_areas`]), days: arr(fv[`${k}_days`]), start: str(fv[`${k}_start`]), end: str(fv[`${k}_end`]) };
    typed[k] = t;
    const name = patrolSlots[k].name;
    if (!t.who) continue;
    if (!knownPeople.has(t.who)) {
      errors.push({ field: `${k}_who`, message: `“${name}”的巡查人不在本校人员名单中` });
      continue;
    }
    const r = rosterEntrySchema.safeParse({
      slot: k,
      start: t.start || undefined,
      end: t.end || undefined,
      weekdays: t.days.length ? t.days.map(Number) : undefined,
      areas: t.areas.filter((a) => a in patrolAreas),
      patrollerOpenId: knownPeople.get(t.who)!.openId,
      patrollerName: knownPeople.get(t.who)!.name,
    });
    if (!r.success) {
      for (const i of r.error.issues) {
        const f = i.path[0] === "start" ? "start" : i.path[0] === "end" ? "end" : i.path[0] === "weekdays" ? "who" : "areas";
        errors.push({ field: `${k}_${f}`, message: `“${name}”：${f === "start" || f === "end" ? "时间格式应为 HH:MM" : i.message}` });
      }
      continue;
    }
    if (r.data.start && r.data.end && r.data.end <= r.data.start) {
      errors.push({ field: `${k}_end`, message: `“${name}”的结束时间应晚于开始时间` });
      continue;
    }
    entries.push(r.data);
  }
  return { entries, typed, errors };
}

export async function saveRoster(deps: BotDeps, input: { openId: string; value: Record<string, unknown>; formValue?: Record<string, unknown> }): Promise<CardActionResult> {
  const campaignId = str(input.value.campaignId);
  const unitKey = str(input.value.unitKey);
  if (!campaignId || !unitKey) return { toast: { type: "error", content: "排班表信息不完整，请重新发送“巡查排班”" } };
  await assertUnitAdmin(deps, input.openId, campaignId, unitKey);
  const slotsRaw = Array.isArray(input.value.slots) ? input.value.slots.map(String) : [...slotKeys];
  const slots = slotsRaw.filter(isSlotKey);
  if (!slots.length) return { toast: { type: "error", content: "排班表信息不完整，请重新发送“巡查排班”" } };
  const known = new Map((await people(deps, campaignId, unitKey)).map((p) => [p.value, { name: p.text, openId: p.openId }]));
  const parsed = parseRosterForm(input.formValue ?? {}, known, slots);
  if (parsed.errors.length)
    return { toast: { type: "error", content: `排班未保存：${parsed.errors[0].message}` }, card: await rosterCardFor(deps, campaignId, unitKey, { slots, typed: parsed.typed, errors: parsed.errors }) };
  await setRoster(deps.db, { campaignId, unitKey, entries: parsed.entries, touched: slots, actor: input.openId, source: "chat", now: deps.clock.now() });
  return { toast: { type: "success", content: parsed.entries.length ? `排班已保存（${parsed.entries.length} 个时段）` : "已清空排班" }, card: await rosterCardFor(deps, campaignId, unitKey, { slots, saved: true }) };
}
