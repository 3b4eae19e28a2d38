/**
 * 月报表 / 自查表 submissions: exactly one row per (campaign, form, unit, period). A repeat of
 * the same values is a no-op (double clicks, Lark re-deliveries), a change before the deadline
 * is an edit (version + 1), a first submission after the deadline is accepted and flagged late,
 * and an edit after the deadline is refused. Submitting closes the unit's reminders for that
 * period through the reminders contract, in the same transaction.
 */
import type { Database, Db, Prisma } from "../../core/db/client.js";
import { isUniqueViolation } from "../../core/db/client.js";
import { appendAuditTx } from "../../core/audit.js";
import { markCompleted } from "../reminders/api.js";
import type { FieldError, FormValues, RawFormValue } from "./forms/fields.js";
import { periodicForms, type PeriodicFormKey } from "./forms/index.js";
import { dueDateOf, formPeriodLabel, isLate } from "./period.js";
import type { CampaignCtx } from "./context.js";

type Tx = Db | Prisma.TransactionClient;

export interface SubmissionRow {
  id: string;
  campaignId: string;
  form: string;
  unitKey: string;
  period: string;
  values: FormValues;
  prefill: FormValues | null;
  late: boolean;
  version: number;
  dueDate: string | null;
  submittedAt: Date;
  submittedBy: string;
}

export type SubmitOutcome =
  | { kind: "invalid"; typed: Record<string, string>; errors: FieldError[] }
  | { kind: "closed"; message: string; submission: SubmissionRow }
  | { kind: "saved"; submission: SubmissionRow; created: boolean; unchanged: boolean };

function toRow(r: { id: string; campaignId: string; form: string; unitKey: string; period: string; valuesJson: string; prefillJson: string | null; late: boolean; version: number; dueDate: string | null; submittedAt: Date; submittedBy: string }): SubmissionRow {
  return {
    id: r.id,
    campaignId: r.campaignId,
    form: r.form,
    unitKey: r.unitKey,
    period: r.period,
    values: JSON.parse(r.valuesJson) as FormValues,
    prefill: r.prefillJson ? (JSON.parse(r.prefillJson) as FormValues) : null,
    late: r.late,
    version: r.version,
    dueDate: r.dueDate,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedBy,
  };
}

export async function findSubmission(tx: Tx, q: { campaignId: string; form: string; unitKey: string; period: string }): Promise<SubmissionRow | null> {
  const r = await tx.reportSubmission.findUnique({ where: { campaignId_form_unitKey_period: q } });
  return r ? toRow(r) : null;
}

/** The unit's most recent earlier submission of the form (for carrying over school facts). */
export async function previousSubmission(tx: Tx, q: { campaignId: string; form: string; unitKey: string; period: string }): Promise<SubmissionRow | null> {
  const r = await tx.reportSubmission.findFirst({
    where: { campaignId: q.campaignId, form: q.form, unitKey: q.unitKey, period: { lt: q.period } },
    orderBy: { period: "desc" },
  });
  return r ? toRow(r) : null;
}

export async function listSubmissions(tx: Tx, q: { campaignId: string; period: string; form?: string }): Promise<SubmissionRow[]> {
  const rows = await tx.reportSubmission.findMany({ where: { campaignId: q.campaignId, period: q.period, ...(q.form ? { form: q.form } : {}) }, orderBy: [{ form: "asc" }, { unitKey: "asc" }] });
  return rows.map(toRow);
}

const sameValues = (a: FormValues, b: FormValues) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
const sortKeys = (v: FormValues) => Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)));

class EditConflict extends Error {}

export interface SubmitInput {
  campaign: CampaignCtx;
  form: PeriodicFormKey;
  unitKey: string;
  period: string;
  raw: RawFormValue;
  prefill: FormValues | null;
  actor: string;
  now: Date;
}

/** Validates, then writes once. Bad input writes nothing. */
export async function submitPeriodicForm(db: Database, input: SubmitInput): Promise<SubmitOutcome> {
  const def = periodicForms[input.form];
  const parsed = def.parse(input.raw);
  if (parsed.errors.length) return { kind: "invalid", typed: parsed.typed, errors: parsed.errors };
  const values = parsed.values;
  const due = dueDateOf(input.campaign.plan, input.form, input.period);
  const tz = input.campaign.tz;
  const key = { campaignId: input.campaign.id, form: input.form, unitKey: input.unitKey, period: input.period };
  const stats = def.stats(values);

  const attempt = () =>
    db.prisma.$transaction(async (tx): Promise<SubmitOutcome> => {
      const existing = await tx.reportSubmission.findUnique({ where: { campaignId_form_unitKey_period: key } });
      if (existing) {
        const row = toRow(existing);
        if (sameValues(row.values, values)) return { kind: "saved", submission: row, created: false, unchanged: true };
        if (isLate(due?.due ?? null, input.now, tz))
          return {
            kind: "closed",
            submission: row,
            message: `${formPeriodLabel(input.campaign.plan, input.form, input.period)}${def.name}已于截止日（${due!.due}）后锁定，不能再修改。如需更正，请联系区教育局安全科。`,
          };
        // Optimistic on the version: of two concurrent edits, one becomes version n+1, the other retries.
        const claimed = await tx.reportSubmission.updateMany({
          where: { id: existing.id, version: existing.version },
          data: { valuesJson: JSON.stringify(values), ...statColumns(stats), version: existing.version + 1, submittedBy: input.actor, submittedAt: input.now },
        });
        if (claimed.count === 0) throw new EditConflict();
        const updated = await tx.reportSubmission.findUniqueOrThrow({ where: { id: existing.id } });
        await appendAuditTx(tx, db.provider, { actor: input.actor, action: "report.edit", entityType: "ReportSubmission", entityId: existing.id, campaignId: key.campaignId, before: row.values, after: values, at: input.now });
        return { kind: "saved", submission: toRow(updated), created: false, unchanged: false };
      }
      const late = isLate(due?.due ?? null, input.now, tz);
      const created = await tx.reportSubmission.create({
        data: {
          ...key,
          valuesJson: JSON.stringify(values),
          prefillJson: input.prefill ? JSON.stringify(input.prefill) : null,
          ...statColumns(stats),
          dueDate: due?.due ?? null,
          late,
          submittedBy: input.actor,
          submittedAt: input.now,
        },
      });
      if (due) {
        // The deadline is done for this school once every form it collects is in (月报表 + 自查表 in seed 001).
        const others = due.forms.filter((f) => f !== input.form);
        const inOthers = others.length
          ? await tx.reportSubmission.findMany({ where: { campaignId: key.campaignId, unitKey: key.unitKey, period: key.period, form: { in: others } }, select: { late: true } })
          : [];
        if (inOthers.length === others.length)
          await markCompleted(tx, { campaignId: key.campaignId, itemKey: due.deadlineKey, periodKey: key.period, unitKey: key.unitKey, at: input.now, late: late || inOthers.some((o) => o.late) });
      }
      await appendAuditTx(tx, db.provider, { actor: input.actor, action: "report.submit", entityType: "ReportSubmission", entityId: created.id, campaignId: key.campaignId, after: { ...key, late }, at: input.now });
      return { kind: "saved", submission: toRow(created), created: true, unchanged: false };
    });

  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      // Two clicks raced (past the existence check, or on the same version): the loser re-runs
      // against the winner's row and ends as “unchanged” or as the next version.
      if (i < 3 && (isUniqueViolation(e) || e instanceof EditConflict)) continue;
      throw e;
    }
  }
}

function statColumns(s: Partial<Record<"incidentCount" | "reportedCount" | "criminalCount" | "handledCount", number>>) {
  return {
    incidentCount: s.incidentCount ?? null,
    reportedCount: s.reportedCount ?? null,
    criminalCount: s.criminalCount ?? null,
    handledCount: s.handledCount ?? null,
  };
}
