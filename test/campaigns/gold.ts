/** Shared helpers: compare importer output with an expected model (seeds-model.yaml or unseen fixtures). */
import type { ImportResult } from "../../src/domains/campaigns/importer.js";

export interface ExpectedItem {
  /** "phase" or a deadline kind */
  kind: string;
  name?: string;
  start?: string | null;
  end?: string | null;
  due?: string | null;
  rule?: Record<string, unknown>;
  days?: number;
  dayType?: string;
}

export function normRule(r: Record<string, unknown> | undefined): string {
  if (!r) return "";
  return JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))));
}

/** A signature that must match exactly for an item to count as "exactly right". */
export function sig(x: ExpectedItem): string {
  switch (x.kind) {
    case "phase":
      return `phase|${x.start ?? null}|${x.end ?? null}`;
    case "once":
      return `once|${x.due ?? null}`;
    case "window":
      return `window|${x.start ?? null}|${x.end ?? null}`;
    case "recurring":
      return `recurring|${normRule(x.rule)}`;
    case "relative":
      return `relative|${x.days}|${x.dayType ?? "unspecified"}`;
    case "immediate":
      return "immediate";
    default:
      return `${x.kind}`;
  }
}

export function actualItems(r: ImportResult): ExpectedItem[] {
  return [
    ...r.phases.map((p) => ({ kind: "phase", name: p.name, start: p.start, end: p.end })),
    ...r.deadlines.map((d) => ({ kind: d.kind, due: d.due ?? null, start: d.start ?? null, end: d.end ?? null, rule: d.rule, days: d.days, dayType: d.dayType })),
  ];
}

/** Multiset comparison: right = expected items found; invented = actual dated items not expected. */
export function score(expected: ExpectedItem[], actual: ExpectedItem[]): { right: number; total: number; invented: string[]; missing: string[] } {
  const pool = actual.map(sig);
  let right = 0;
  const missing: string[] = [];
  for (const e of expected) {
    const i = pool.indexOf(sig(e));
    if (i >= 0) {
      right++;
      pool.splice(i, 1);
    } else missing.push(sig(e));
  }
  // an extra immediate (undated) is not an invented date; everything else is
  const invented = pool.filter((s) => s !== "immediate");
  return { right, total: expected.length, invented, missing };
}

/**
 * Splits a score's misses into kinds of error: an extra dated item of the same kind as a missing one is
 * "wrong" (a date or rule the importer got wrong); the other extras are "extra" (invented from nothing) and
 * the other misses are "missing". `invented` = wrong + extra: every dated item the gold does not have.
 */
export function classify(s: { invented: string[]; missing: string[] }): { wrong: string[]; missing: string[]; extra: string[]; undated: string[] } {
  const kindOf = (x: string) => x.split("|")[0]!;
  // an item kept without a date (once|null, phase|null|null) invents nothing: it stands for "date unknown"
  const isUndated = (x: string) => /^(?:once|window|phase)(?:\|null)+$/.test(x);
  const undated = s.invented.filter(isUndated);
  const extras = s.invented.filter((x) => !isUndated(x));
  const wrong: string[] = [];
  const missing: string[] = [];
  for (const m of s.missing) {
    const i = extras.findIndex((e) => kindOf(e) === kindOf(m));
    if (i >= 0) {
      wrong.push(`${m} → ${extras[i]}`);
      extras.splice(i, 1);
    } else missing.push(m);
  }
  return { wrong, missing, extra: extras, undated };
}
