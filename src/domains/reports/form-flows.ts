/**
 * 月报表 / 自查表 in chat: open the form (prefilled), submit it (the form comes back with what
 * was typed and the errors next to the fields, or a receipt), edit it until the deadline.
 */
import { z } from "zod";
import type { BotDeps, CardActionResult } from "../../core/bot.js";
import type { CardJson } from "../../core/chat-port.js";
import { instantToLocalDate } from "../../core/calendar.js";
import { UserError } from "../../core/errors.js";
import { periodicFormCard, submissionReceiptCard } from "../../../cards/reports/periodic-form.js";
import { countCasesForMonth } from "../incidents/api.js";
import { loadCampaign, unitName, unitsOfPerson, isSchoolAdmin, type CampaignCtx } from "./context.js";
import { rawFormValueSchema, valueToText, type FieldError, type FormValues } from "./forms/fields.js";
import { isPeriodicForm, periodicForms, type PeriodicFormKey } from "./forms/index.js";
import { prefillValues } from "./prefill.js";
import { dueDateOf, formPeriodLabel, formPeriodMonths, isLate, isPeriod, planFormOf } from "./period.js";
import { patrolFacts } from "./patrol-service.js";
import { findSubmission, previousSubmission, submitPeriodicForm, type SubmissionRow } from "./submission-service.js";

export const formRefSchema = z.object({
  campaignId: z.string().min(1).max(200),
  form: z.string().refine(isPeriodicForm, { message: "未知的表单" }),
  unitKey: z.string().min(1).max(200),
  period: z.string().refine(isPeriod, { message: "月份应为 YYYY-MM" }),
});
export type FormRef = { campaignId: string; form: PeriodicFormKey; unitKey: string; period: string };

export function parseFormRef(value: unknown): FormRef {
  const r = formRefSchema.safeParse(value);
  if (!r.success) throw new UserError("表单信息不完整，请重新打开表单", { field: String(r.error.issues[0]?.path[0] ?? "value") });
  return r.data as FormRef;
}

/**
 * The form's title as the plan names it; `（ ）月` gets the months the report covers filled in:
 * `（3）月` for a monthly form, `（7—9）月` for a quarterly one (the notice's blank stays its wording).
 */
export function formTitle(c: CampaignCtx, form: PeriodicFormKey, period: string): string {
  const planned = planFormOf(c.plan, form)?.title;
  const title = planned ?? periodicForms[form].defaultTitle;
  const months = formPeriodMonths(c.plan, form, period).map((m) => Number(m.slice(5, 7)));
  const filled = months.length > 1 ? `${months[0]}—${months[months.length - 1]}` : String(months[0]);
  return title.replace(/（\s*）月/, `（${filled}）月`);
}

/**
 * What the bot proposes: counts from the period's cases and patrols (a quarterly form's whole
 * quarter, month by month: every count is of one month, so they add up), school facts from last time.
 */
export async function computePrefill(deps: Pick<BotDeps, "db">, c: CampaignCtx, ref: FormRef): Promise<{ values: FormValues; computedKeys: string[] }> {
  const tx = deps.db.prisma;
  const months = formPeriodMonths(c.plan, ref.form, ref.period);
  const [perMonthCases, perMonthPatrols, prev] = await Promise.all([
    Promise.all(months.map((m) => countCasesForMonth(tx, ref.campaignId, ref.unitKey, m, c.tz))),
    Promise.all(months.map((m) => patrolFacts(tx, { campaignId: ref.campaignId, unitKey: ref.unitKey, period: m }))),
    previousSubmission(tx, ref),
  ]);
  const cases = perMonthCases.reduce((a, x) => ({ occurred: a.occurred + x.occurred, reported: a.reported + x.reported, criminal: a.criminal + x.criminal, handled: a.handled + x.handled }));
  const patrols = perMonthPatrols.reduce((a, x) => ({ planned: a.planned + x.planned, done: a.done + x.done, missed: a.missed + x.missed, findings: a.findings + x.findings }));
  const values = prefillValues(ref.form, { counts: { incidentCount: cases.occurred, reportedCount: cases.reported, criminalCount: cases.criminal, handledCount: cases.handled }, patrols, previous: prev?.values ?? null });
  const computedKeys = ref.form === "monthlyReport" ? ["incidentCount", "reportedCount", "criminalCount", "handledCount"] : patrols.done > 0 ? ["hazardScreening"] : [];
  return { values, computedKeys };
}

function toTexts(form: PeriodicFormKey, values: FormValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of periodicForms[form].fields) out[f.key] = valueToText(f, values[f.key]);
  return out;
}

const fmt = (d: Date, tz: string) => `${instantToLocalDate(d, tz)} ${new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d)}`;

/** The form card: a fresh prefilled one, the stored one for editing, or one that came back with errors. */
export async function periodicFormCardFor(deps: Pick<BotDeps, "db">, ref: FormRef, opts: { typed?: Record<string, string>; errors?: FieldError[] } = {}): Promise<CardJson> {
  const c = await loadCampaign(deps.db.prisma, ref.campaignId);
  const [name, existing] = await Promise.all([unitName(deps.db.prisma, ref.campaignId, ref.unitKey), findSubmission(deps.db.prisma, ref)]);
  const due = dueDateOf(c.plan, ref.form, ref.period)?.due ?? null;
  let values: Record<string, string>;
  let computedKeys: string[] = [];
  if (opts.typed) values = opts.typed;
  else if (existing) values = toTexts(ref.form, existing.values);
  else {
    const p = await computePrefill(deps, c, ref);
    values = toTexts(ref.form, p.values);
    computedKeys = p.computedKeys;
  }
  return periodicFormCard({
    form: ref.form,
    title: formTitle(c, ref.form, ref.period),
    unitName: name,
    periodLabel: formPeriodLabel(c.plan, ref.form, ref.period),
    due,
    values,
    computedKeys,
    errors: opts.errors,
    submitted: existing ? { version: existing.version, at: fmt(existing.submittedAt, c.tz), late: existing.late } : undefined,
    submitValue: { action: "report_submit", ...ref },
  }) as unknown as CardJson;
}

function receiptLines(s: SubmissionRow): [string, string][] {
  if (s.form !== "monthlyReport") {
    const yes = periodicForms.selfCheck.fields.filter((f) => f.kind === "yesNo");
    const has = yes.filter((f) => s.values[f.key] === true).length;
    return [["“有”的项目", `${has}/${yes.length}`]];
  }
  const v = s.values;
  return [
    ["本月校园欺凌发生事件数（件）", String(v.incidentCount ?? 0)],
    ["其中接收举报发现数（件）", String(v.reportedCount ?? 0)],
    ["其中构成刑事案件数(件)", String(v.criminalCount ?? 0)],
    ["本月处理校园欺凌事件数（件）", String(v.handledCount ?? 0)],
  ];
}

export async function receiptCardFor(deps: Pick<BotDeps, "db" | "clock">, c: CampaignCtx, s: SubmissionRow, unchanged: boolean): Promise<CardJson> {
  const ref = { campaignId: s.campaignId, form: s.form as PeriodicFormKey, unitKey: s.unitKey, period: s.period };
  const due = dueDateOf(c.plan, ref.form, ref.period)?.due ?? null;
  return submissionReceiptCard({
    formName: periodicForms[ref.form].name,
    title: formTitle(c, ref.form, ref.period),
    unitName: await unitName(deps.db.prisma, s.campaignId, s.unitKey),
    periodLabel: formPeriodLabel(c.plan, ref.form, s.period),
    version: s.version,
    at: fmt(s.submittedAt, c.tz),
    late: s.late,
    unchanged,
    lines: receiptLines(s),
    due,
    editable: !isLate(due, deps.clock.now(), c.tz),
    editValue: { action: "report_open", ...ref },
  }) as unknown as CardJson;
}

/** School admins of the unit may fill its forms. */
export async function assertMayFill(deps: Pick<BotDeps, "db">, openId: string, ref: { campaignId: string; unitKey: string }): Promise<void> {
  const units = await unitsOfPerson(deps.db.prisma, openId);
  if (!units.some((u) => u.campaignId === ref.campaignId && u.unitKey === ref.unitKey && isSchoolAdmin(u.role)))
    throw new UserError("只有本校的学校管理员或校长可以填报此表", { code: "forbidden" });
}

export async function submitPeriodic(deps: BotDeps, input: { openId: string; value: Record<string, unknown>; formValue?: Record<string, unknown> }): Promise<CardActionResult> {
  const ref = parseFormRef(input.value);
  await assertMayFill(deps, input.openId, ref);
  const raw = rawFormValueSchema.safeParse(input.formValue ?? {});
  if (!raw.success) return { toast: { type: "error", content: "表单内容无法识别，请重新填写" } };
  const c = await loadCampaign(deps.db.prisma, ref.campaignId);
  const existing = await findSubmission(deps.db.prisma, ref);
  const prefill = existing ? null : (await computePrefill(deps, c, ref)).values;
  const now = deps.clock.now();
  const out = await submitPeriodicForm(deps.db, { campaign: c, form: ref.form, unitKey: ref.unitKey, period: ref.period, raw: raw.data, prefill, actor: input.openId, now });
  if (out.kind === "invalid") {
    return {
      toast: { type: "error", content: `提交未成功：有 ${out.errors.length} 处需要修改（${out.errors[0].message}）` },
      card: await periodicFormCardFor(deps, ref, { typed: out.typed, errors: out.errors }),
    };
  }
  if (out.kind === "closed") return { toast: { type: "error", content: out.message }, card: await receiptCardFor(deps, c, out.submission, true) };
  const s = out.submission;
  const name = periodicForms[ref.form].name;
  const toast = out.unchanged ? `${name}已提交过，内容相同` : out.created ? (s.late ? `${name}已提交（逾期提交，已记录）` : `${name}已提交`) : `${name}已更新为第 ${s.version} 版`;
  return { toast: { type: out.unchanged ? "info" : s.late && out.created ? "warning" : "success", content: toast }, card: await receiptCardFor(deps, c, s, out.unchanged) };
}

/** The units a person fills forms for, to answer the 月报表 / 自查表 commands. */
export async function fillableUnits(deps: Pick<BotDeps, "db">, openId: string) {
  return (await unitsOfPerson(deps.db.prisma, openId)).filter((u) => isSchoolAdmin(u.role));
}
