/**
 * The CLI's JSON contract (`summary <plan> --month YYYY-MM --json`):
 *   { month, asOf, totals:{cases,patrols,findings,reports}, change, units:[{unit, unitKey, kind,
 *     cases, patrols, findings, reports, submitted:"on-time"|"late"|"missing"|null, items}],
 *     missing:[unit names] }
 * `submitted` is null for a unit that owed nothing due in the month (a plan without a monthly
 * report, a department not assigned); the three strings otherwise.
 */
import type { Summary } from "./types.js";

export function summaryContract(s: Summary) {
  return {
    month: s.window.key,
    campaign: s.campaignId,
    asOf: s.asOf,
    totals: s.totals,
    previous: s.previous ? { month: s.previous.window.key, totals: s.previous.totals } : null,
    change: s.change,
    units: s.units.map((u) => ({
      unit: u.unit,
      unitKey: u.unitKey,
      kind: u.kind,
      cases: u.cases,
      patrols: u.patrols,
      findings: u.findings,
      reports: u.reports,
      submitted: u.submitted,
      items: u.items,
    })),
    missing: s.missing.map((m) => m.unit),
    series: s.series,
  };
}
