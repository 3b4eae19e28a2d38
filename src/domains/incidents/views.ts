/**
 * Case row + the viewer's rights → the card view model. What a viewer may not see is never
 * put into the model, so no card builder can leak it by mistake.
 */
import type { Db, Prisma } from "../../core/db/client.js";
import type { CaseCardModel, CaseReportModel, CaseView } from "../../../cards/incidents/case.js";
import type { ReportFormModel } from "../../../cards/incidents/form.js";
import type { CaseAccess } from "./access.js";
import { FIRST_HOUR_CHECKLIST } from "./routing.js";
import { KINDS, LIMITS, LOCATIONS, MAJOR_MARKERS, SEVERITIES, SOURCES, type Severity, type Source, type Location } from "./schema.js";
import { kindsOf, majorOf, stateOf, type CaseRow } from "./service.js";
import { FLOW_TITLES, STATUS_TITLES, progress, stepViews, type CaseStatus, type Flow } from "./workflow.js";
import { taskForceCandidates, ROLE_TITLES } from "./people.js";

type Tx = Db | Prisma.TransactionClient;

/** "2021-10-12 14:30" in the plan's time zone. */
export function fmt(d: Date | null | undefined, tz: string): string {
  if (!d) return "";
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export const fmtDate = (d: Date | null | undefined, tz: string) => fmt(d, tz).slice(0, 10);

/** The last local day on which something due at `dueAt` (exclusive instant) is still on time. */
export function lastDay(dueAt: Date, tz: string): string {
  return fmtDate(new Date(dueAt.getTime() - 1), tz);
}

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, text]) => ({ value, text }));

export function formOptions(): ReportFormModel["options"] {
  return { locations: opts(LOCATIONS), kinds: opts(KINDS), severities: opts(SEVERITIES), major: opts(MAJOR_MARKERS), sources: opts(SOURCES) };
}

export const formLimits: ReportFormModel["limits"] = { place: LIMITS.place, grades: LIMITS.grades, summary: LIMITS.summary, privateNote: LIMITS.privateNote, measures: LIMITS.measures };

export async function unitName(tx: Tx, campaignId: string, unitKey: string): Promise<string> {
  const u = await tx.unit.findUnique({ where: { campaignId_key: { campaignId, key: unitKey } }, select: { name: true } });
  return u?.name ?? unitKey;
}

/** Display names of the people who ticked steps (member name, else role title). */
async function namesOf(tx: Tx, campaignId: string, openIds: string[]): Promise<Map<string, string>> {
  if (!openIds.length) return new Map();
  const rows = await tx.member.findMany({ where: { campaignId, openId: { in: openIds } }, select: { openId: true, name: true, role: true } });
  const m = new Map<string, string>();
  for (const r of rows) if (r.openId && !m.has(r.openId)) m.set(r.openId, r.name ?? ROLE_TITLES[r.role] ?? r.role);
  return m;
}

export interface ModelOptions {
  notice?: string;
  /** The case chat is a group: never the private note there. */
  inGroup?: boolean;
  creatingTaskForce?: boolean;
}

/**
 * What every view of one case needs from the database, read once per change and shared by all
 * copies of the card (a callback has a 3-second budget; one query per copy adds up).
 */
export interface ViewContext {
  tz: string;
  unitName: string;
  /** open id → display name, for who ticked the steps */
  names: Map<string, string>;
  /** task-force candidates (only while the task force can still be formed) */
  candidates: { value: string; text: string }[];
}

export async function loadViewContext(tx: Tx, c: CaseRow, tz: string): Promise<ViewContext> {
  const formable = !c.taskForceChatId && c.status === "open" && c.members.length === 0;
  const [name, names, candidates] = await Promise.all([
    unitName(tx, c.campaignId, c.unitKey),
    namesOf(tx, c.campaignId, [...new Set(c.steps.map((s) => s.byOpenId))]),
    formable ? taskForceCandidates(tx, c.campaignId, c.unitKey) : Promise.resolve([]),
  ]);
  return {
    tz,
    unitName: name,
    names,
    candidates: candidates.map((p) => ({ value: p.memberKey, text: `${p.name ?? p.memberKey}（${ROLE_TITLES[p.role] ?? p.role}）` })),
  };
}

/** Pure: the case as this viewer may see it. */
export function caseCardModel(vc: ViewContext, c: CaseRow, access: CaseAccess, view: CaseView, o: ModelOptions = {}): CaseCardModel {
  const tz = vc.tz;
  const state = stateOf(c);
  const showDetails = access.detail && (view === "detail" || view === "taskforce");
  const urgent = c.severity === "criminal" || c.major;
  const lead = access.lead && (view === "detail" || view === "taskforce");
  const candidates = lead && !c.taskForceChatId && c.status === "open" && !o.creatingTaskForce && c.members.length === 0 ? vc.candidates : undefined;
  return {
    view,
    caseId: c.id,
    caseNo: c.caseNo,
    unitName: vc.unitName,
    status: c.status as CaseStatus,
    statusTitle: STATUS_TITLES[c.status as CaseStatus] ?? c.status,
    flowTitle: FLOW_TITLES[c.flow as Flow] ?? c.flow,
    urgent,
    severityKey: c.severity,
    severity: SEVERITIES[c.severity as Severity] ?? c.severity,
    majors: majorOf(c).map((k) => MAJOR_MARKERS[k]),
    kinds: kindsOf(c).map((k) => KINDS[k]),
    location: LOCATIONS[c.location as Location] ?? c.location,
    source: SOURCES[c.source as Source] ?? c.source,
    occurredAt: fmt(c.occurredAt, tz),
    openedAt: fmt(c.openedAt, tz),
    investigationDue: lastDay(c.investigationDueAt, tz),
    ...(c.investigatedAt ? { investigatedAt: fmt(c.investigatedAt, tz) } : {}),
    ...(c.closedAt ? { closedAt: fmt(c.closedAt, tz) } : {}),
    ...(c.reportDueDate ? { reportDue: c.reportDueDate } : {}),
    ...(c.reportSubmittedAt ? { reportSubmittedAt: fmt(c.reportSubmittedAt, tz) } : {}),
    victims: c.victimCount,
    actors: c.actorCount,
    publicAttention: c.publicAttention,
    ...(urgent ? { checklist: FIRST_HOUR_CHECKLIST } : {}),
    ...(showDetails
      ? {
          details: {
            place: c.place,
            grades: c.grades,
            summary: c.summary,
            measures: c.measures,
            privateNote: access.privateNote && !o.inGroup && view === "detail" ? c.privateNote : null,
            ...(c.resultText && c.causeText && c.nextStepsText ? { closing: { result: c.resultText, cause: c.causeText, nextSteps: c.nextStepsText } } : {}),
          },
        }
      : {}),
    steps: stepViews(state).map((s) => ({
      key: s.key,
      title: s.title,
      status: s.status,
      skippable: s.skippable,
      waitingFor: s.waitingFor,
      ...(s.record && showDetails ? { who: vc.names.get(s.record.by) ?? "", at: fmt(s.record.at, tz) } : {}),
    })),
    progress: progress(state),
    taskForce: { chat: !!c.taskForceChatId, members: c.members.length, ...(candidates ? { candidates } : {}), ...(o.creatingTaskForce || (c.members.length > 0 && !c.taskForceChatId) ? { creating: true } : {}) },
    controls: { act: access.act && (view === "detail" || view === "taskforce"), lead },
    ...(o.notice ? { notice: o.notice } : {}),
  };
}

export async function caseReportModel(tx: Tx, c: CaseRow, canSubmit: boolean, tz: string): Promise<CaseReportModel> {
  const state = stateOf(c);
  return {
    caseId: c.id,
    caseNo: c.caseNo,
    unitName: await unitName(tx, c.campaignId, c.unitKey),
    occurredAt: fmt(c.occurredAt, tz),
    closedAt: fmt(c.closedAt, tz),
    reportDue: c.reportDueDate ?? "",
    ...(c.reportSubmittedAt ? { submittedAt: fmt(c.reportSubmittedAt, tz) } : {}),
    severity: SEVERITIES[c.severity as Severity] ?? c.severity,
    kinds: kindsOf(c).map((k) => KINDS[k]),
    location: LOCATIONS[c.location as Location] ?? c.location,
    victims: c.victimCount,
    actors: c.actorCount,
    steps: stepViews(state)
      .filter((s) => s.record)
      .map((s) => ({ title: s.title, status: s.status, at: fmtDate(s.record!.at, tz) })),
    result: c.resultText ?? "",
    cause: c.causeText ?? "",
    nextSteps: c.nextStepsText ?? "",
    canSubmit: canSubmit && c.status === "closed",
    publicAttention: c.publicAttention,
  };
}
