/**
 * Activating a plan across the domains: the campaign, its units and people (campaigns), then
 * what other domains take from the plan file (the schools' patrol rosters). The CLI and the
 * sandbox call this, so a plan means the same wherever it is activated.
 */
import type { Database } from "../core/db/client.js";
import { activatePlan } from "./campaigns/activate.js";
import type { Plan } from "./campaigns/schema.js";
import { applyPlanRosters, type PlanRosterResult } from "./reports/plan-roster.js";

export async function activateCampaign(db: Database, plan: Plan, sourceFile: string | null, now: Date, opts?: Parameters<typeof activatePlan>[4]) {
  const activated = await activatePlan(db, plan, sourceFile, now, opts);
  const rosters: PlanRosterResult = await applyPlanRosters(db, plan, now);
  return { ...activated, rosters };
}
