/**
 * Patrol rosters written in the plan file (units[].patrols) become the schools' rosters at
 * activation. A school admin can still change them in chat (巡查排班); the plan only sets the
 * slots it names, so a roster set in chat for another slot stays.
 */
import type { Database } from "../../core/db/client.js";
import type { Plan } from "../campaigns/schema.js";
import { patrolAreas, patrolSlots, type SlotKey } from "./schema.js";
import { setRoster } from "./patrol-service.js";

const SLOT_BY_NAME = new Map(Object.entries(patrolSlots).map(([k, v]) => [v.name as string, k as SlotKey]));
const AREA_BY_NAME = new Map(Object.entries(patrolAreas).map(([k, v]) => [v, k]));

export interface PlanRosterResult {
  units: number;
  entries: number;
  /** Entries whose patroller has no open id yet (resolve the directory, then activate again). */
  skipped: { unitKey: string; slot: string; patroller: string }[];
}

export async function applyPlanRosters(db: Database, plan: Plan, now: Date, actor = "plan:activate"): Promise<PlanRosterResult> {
  const result: PlanRosterResult = { units: 0, entries: 0, skipped: [] };
  for (const unit of plan.units) {
    if (!unit.patrols?.length) continue;
    const members = await db.prisma.member.findMany({ where: { campaignId: plan.id, unitId: { not: null }, key: { startsWith: `${unit.key}.` } }, select: { key: true, name: true, openId: true } });
    const byKey = new Map(members.map((m) => [m.key, m]));
    const entries = [];
    for (const p of unit.patrols) {
      const m = byKey.get(`${unit.key}.${p.patroller}`);
      if (!m?.openId) {
        result.skipped.push({ unitKey: unit.key, slot: p.slot, patroller: p.patroller });
        continue;
      }
      entries.push({
        slot: SLOT_BY_NAME.get(p.slot)!,
        ...(p.start ? { start: p.start } : {}),
        ...(p.end ? { end: p.end } : {}),
        weekdays: p.weekdays ?? [1, 2, 3, 4, 5],
        areas: p.areas.map((a) => AREA_BY_NAME.get(a) ?? a),
        patrollerOpenId: m.openId,
        ...(m.name ? { patrollerName: m.name } : {}),
      });
    }
    if (entries.length === 0) continue;
    await setRoster(db, { campaignId: plan.id, unitKey: unit.key, entries, touched: entries.map((e) => e.slot), actor, source: "plan", now });
    result.units += 1;
    result.entries += entries.length;
  }
  return result;
}
