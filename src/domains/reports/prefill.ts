/**
 * What the bot proposes in a 月报表/自查表 before the submitter confirms or corrects it. Pure:
 * counts in, values out. The four 月报表 counts come from the unit's cases in the period's
 * calendar month (“本月”, the form's own word); everything the cases cannot know (the school's
 * documents, its hotline, head counts) is carried over from the unit's previous submission, so
 * a school types it once, not every month.
 */
import type { FormValues } from "./forms/fields.js";
import type { PeriodicFormKey } from "./forms/index.js";

export interface PatrolFacts {
  planned: number;
  done: number;
  missed: number;
  findings: number;
}

/** The four 月报表 counts (from the incidents domain's countCasesForMonth). */
export interface MonthCounts {
  incidentCount: number;
  reportedCount: number;
  criminalCount: number;
  handledCount: number;
}

/** Fields that describe the school rather than the month: safe to carry over. */
const CARRY_OVER: Record<PeriodicFormKey, string[]> = {
  monthlyReport: ["docName", "docNumber", "docIssuedOn", "leadDepartment", "leadPerson", "leadContact", "reportHotline", "villagePlanCount", "villagePhoneCount", "filledBy", "principal"],
  selfCheck: [
    "principalName",
    "studentCount",
    "teacherCount",
    "contactPerson",
    "contactPhone",
    "leadingGroup",
    "annualPlan",
    "staffDuties",
    "emergencyPlan",
    "handlingProcess",
    "disciplineRules",
    "legalAdvisor",
    "supervisionPhone",
    "inspectorSupervision",
    "hazardScreening",
    "counseling",
    "specialStudentFiles",
    "publicity",
    "specialWork",
    "planAhead",
  ],
};

export function prefillValues(form: PeriodicFormKey, input: { counts: MonthCounts; patrols: PatrolFacts; previous: FormValues | null }): FormValues {
  const out: FormValues = {};
  for (const k of CARRY_OVER[form]) if (input.previous && input.previous[k] !== undefined && input.previous[k] !== null) out[k] = input.previous[k];
  if (form === "monthlyReport") Object.assign(out, input.counts);
  // Patrols done this month are evidence of “定期开展…隐患排查，加强…检查、巡查”.
  if (form === "selfCheck" && input.patrols.done > 0) out.hazardScreening = true;
  return out;
}
