/**
 * The bulletin's figures: counts only, never a student's detail (design.md §8). Everything a
 * card, the CLI's JSON or the DOCX shows comes from these shapes, so the aggregation is the one
 * place that decides what a number means.
 */

/** A range of local dates (inclusive) and the instant the figures are taken at. */
export interface Window {
  /** e.g. "2021-10" (monthly), "2021-09~2021-10" (bimonthly), "2021-Q1" (quarterly), a phase key */
  key: string;
  /** Chinese label: 2021年10月, 2021年9月至10月, 2021年第一季度 */
  label: string;
  firstDay: string;
  lastDay: string;
}

export type SubmittedState = "on-time" | "late" | "missing";
export type ItemState = "on-time" | "late" | "missing" | "pending";

export interface CaseFigures {
  /** cases opened (reported to the bot) in the window */
  opened: number;
  /** cases whose disposal ended in the window */
  closed: number;
  /** cases overdue at the cutoff (investigation or 情况报告 past due), whenever opened */
  overdue: number;
  /** cases still open at the cutoff, whenever opened */
  open: number;
  bySeverity: { minor: number; serious: number; criminal: number };
  /** opened cases with any 重特大 marker */
  major: number;
  byKind: { physical: number; verbal: number; cyber: number; property: number; exclusion: number };
  byPlace: { inSchool: number; offCampus: number };
}

export interface PatrolFigures {
  /** patrol prompts whose time has come (or that were done early) */
  planned: number;
  done: number;
  missed: number;
  /** done / planned in percent, null when nothing was planned */
  rate: number | null;
}

export interface FindingFigures {
  raised: number;
  closed: number;
  /** still open at the cutoff, whenever raised */
  open: number;
}

export interface ReportFigures {
  /** reports owed in the window (one per deadline occurrence and unit) */
  owed: number;
  onTime: number;
  late: number;
  missing: number;
  /** owed but not yet due at the cutoff */
  pending: number;
}

export interface Figures {
  cases: CaseFigures;
  patrols: PatrolFigures;
  findings: FindingFigures;
  reports: ReportFigures;
}

export interface OwedItemState {
  deadlineKey: string;
  title: string;
  due: string;
  state: ItemState;
}

export interface UnitSummary extends Figures {
  unitKey: string;
  unit: string;
  kind: string;
  /** worst state of what the unit owed and was due; null when nothing was due in the window */
  submitted: SubmittedState | null;
  items: OwedItemState[];
}

export interface Change {
  opened: number;
  closed: number;
  overdue: number;
  patrolRate: number | null;
  findingsRaised: number;
  reportsMissing: number;
}

export interface Summary {
  campaignId: string;
  campaignTitle: string;
  window: Window;
  /** ISO instant of the cutoff */
  asOf: string;
  totals: Figures;
  /** the previous window of the same length (monthly: the previous month) */
  previous: { window: Window; totals: Figures } | null;
  change: Change | null;
  units: UnitSummary[];
  /** units that owed a report due in the window and have not submitted it */
  missing: { unitKey: string; unit: string; items: string[] }[];
  /** cases opened per month from the campaign's first month to the window's last */
  series: { month: string; opened: number; closed: number }[];
}
