import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { loadPlanFile, parsePlanYaml } from "../../src/domains/campaigns/load.js";
import { activateCampaign } from "../../src/domains/activation.js";
import { freshDb, type TestDb } from "../support/db.js";

describe("patrol rosters from the plan file", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb("sqlite");
  });
  afterAll(() => t.cleanup());

  it("become the school's roster at activation, with the patroller's open id and the areas' keys", async () => {
    const loaded = loadPlanFile(resolve("campaigns/demo-sandbox.yaml"));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const r = await activateCampaign(t.db, loaded.plan, null, new Date("2026-11-02T01:00:00Z"));
    expect(r.rosters).toMatchObject({ units: 1, entries: 3, skipped: [] });
    const rows = await t.db.prisma.patrolRoster.findMany({ where: { campaignId: loaded.plan.id, unitKey: "school-a", active: true }, orderBy: { slot: "asc" } });
    expect(rows.map((x) => [x.slot, x.patrollerOpenId, x.source])).toEqual([
      ["afterSchool", "ou_demo_school_a_principal", "plan"],
      ["beforeSchool", "ou_demo_school_a_teacher", "plan"],
      ["midday", "ou_demo_school_a_teacher", "plan"],
    ]);
    expect(JSON.parse(rows.find((x) => x.slot === "beforeSchool")!.areas)).toEqual(["gate", "routes"]);
  });

  it("refuses a patroller who is not one of the unit's admins, naming the field", () => {
    const text = [
      "id: p", "title: t", "issuer: i", "issuedOn: 2021-09-14", "span: { start: 2021-09-14, end: 2021-12-31 }",
      "units:", "  - key: s1", "    name: 一小", "    kind: school", "    admins: [{ key: principal, name: 张, role: principal }]",
      "    patrols: [{ slot: 上学前, patroller: nobody, areas: [校门口] }]",
    ].join("\n");
    const r = parsePlanYaml(text, "p.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => `${e.path}：${e.message}`)).toContainEqual(expect.stringContaining("units[0].patrols[0].patroller"));
  });
});
