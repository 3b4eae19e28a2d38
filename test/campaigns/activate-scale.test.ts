import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { loadPlanFile } from "../../src/domains/campaigns/load.js";
import { activatePlan } from "../../src/domains/campaigns/activate.js";
import type { Plan } from "../../src/domains/campaigns/schema.js";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";

/** The demo plan grown to a district: 300 schools with a principal and a teacher each. */
function district(base: Plan, schools: number): Plan {
  const template = base.units.find((u) => u.kind === "school")!;
  const others = base.units.filter((u) => u.kind !== "school");
  const units = Array.from({ length: schools }, (_, i) => ({
    ...template,
    key: `school-${i}`,
    name: `第${i}学校`,
    chat: undefined,
    admins: template.admins.map((a) => ({ ...a, contact: { ...a.contact, openId: `ou_s${i}_${a.key}` } })),
  }));
  return { ...base, units: [...others, ...units] } as Plan;
}

describe.each(dbProviders())("activating a 300-school plan on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(provider);
  });
  afterAll(() => t.cleanup());

  it("completes in one transaction and writes every unit and member", { timeout: 300_000 }, async () => {
    const loaded = loadPlanFile(resolve("campaigns/demo-sandbox.yaml"));
    if (!loaded.ok) throw new Error("demo plan does not load");
    const plan = district(loaded.plan, 300);
    const r = await activatePlan(t.db, plan, null, new Date("2021-09-14T01:00:00Z"));
    const schoolMembers = plan.units.filter((u) => u.kind === "school").reduce((n, u) => n + u.admins.length, 0);
    expect(await t.db.prisma.unit.count({ where: { campaignId: plan.id, kind: "school" } })).toBe(300);
    expect(r.members).toBe(await t.db.prisma.member.count({ where: { campaignId: plan.id } }));
    expect(schoolMembers).toBe(600);
  });
});
