/** The smallest valid plan for pure tests: identity left blank, a 2021 span; a test adds what it is about. */
import { planSchema, type Plan, type PlanInput } from "../../src/domains/campaigns/schema.js";

export function testPlan(over: Partial<PlanInput> = {}): Plan {
  return planSchema.parse({ id: "p", title: "专项行动", issuer: null, docNumber: null, issuedOn: null, span: { start: "2021-01-01", end: "2021-12-31" }, ...over });
}
