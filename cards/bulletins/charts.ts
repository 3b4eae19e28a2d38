/**
 * The bulletin's VChart specs (card `chart`): plain data, no functions (lark-platform.md §3.2).
 * Patrol completion by unit shows every unit up to MAX_BARS; a district of 300 schools gets the
 * MAX_BARS lowest rates (the ones the bureau has to chase), so the spec stays small.
 */
import { chart, type Element, type Json } from "../kit/index.js";
import type { Summary } from "../../src/domains/bulletins/types.js";

export const MAX_BARS = 20;

export function casesPerMonthChart(s: Summary): Element {
  const values: Json[] = s.series.flatMap((p) => [
    { month: `${Number(p.month.slice(5, 7))}月`, type: "新增", value: p.opened },
    { month: `${Number(p.month.slice(5, 7))}月`, type: "办结", value: p.closed },
  ]);
  return chart({
    type: "bar",
    title: { visible: true, text: "欺凌事件（按月）" },
    data: [{ id: "cases", values }],
    xField: ["month", "type"],
    yField: "value",
    seriesField: "type",
    legends: { visible: true, orient: "bottom" },
    label: { visible: true },
  });
}

/** Units with patrols planned, lowest completion first when they must be cut. */
export function patrolChartUnits(s: Summary): { unit: string; rate: number }[] {
  const rows = s.units.filter((u) => u.patrols.rate !== null).map((u) => ({ unit: u.unit, rate: u.patrols.rate as number }));
  if (rows.length <= MAX_BARS) return rows;
  return [...rows].sort((a, b) => a.rate - b.rate || a.unit.localeCompare(b.unit)).slice(0, MAX_BARS);
}

export function patrolCompletionChart(s: Summary): Element | null {
  const rows = patrolChartUnits(s);
  if (!rows.length) return null;
  const cut = rows.length < s.units.filter((u) => u.patrols.rate !== null).length;
  return chart(
    {
      type: "bar",
      direction: "horizontal",
      title: { visible: true, text: cut ? `巡查完成率最低的 ${rows.length} 个单位（%）` : "各单位巡查完成率（%）" },
      data: [{ id: "patrols", values: rows.map((r) => ({ unit: r.unit.slice(0, 20), rate: r.rate })) }],
      xField: "rate",
      yField: "unit",
      label: { visible: true },
      axes: [{ orient: "bottom", type: "linear", min: 0, max: 100 }],
    },
    rows.length > 10 ? "1:1" : "16:9",
  );
}
