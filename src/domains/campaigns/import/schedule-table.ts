import { DATE_EXPR_SRC, parseDateExpr } from "../dates.js";
import type { ImportedDeadline } from "../importer.js";
import type { Ctx } from "./context.js";

/**
 * A schedule table flattened to text — a header row naming a 时间 column and a 内容/任务/事项 column, then rows whose cells
 * stand apart by wide gaps, tabs or pipes ("2　　3月中旬　　全市校车驾驶人集中培训　　市教育局"): a row whose time cell is a
 * period (a 旬, a month, a range — not a "…前" deadline, read elsewhere) is when that row's work takes place, a window.
 * Its date cell is masked so the sentence reader does not read it again.
 */
export function scheduleTableWindows(lines: string[], ctx: Ctx, masks: Set<string>): ImportedDeadline[] {
  const out: ImportedDeadline[] = [];
  const cellsOf = (l: string) => l.trim().split(/\s*[|｜]\s*|\t+|\s{2,}/).map((c) => c.trim()).filter(Boolean);
  let timeCol = -1;
  let header: string[] = [];
  for (const line of lines) {
    const cells = cellsOf(line);
    // (the header's cells may stand one space apart: "序号 时间    工作内容    责任单位")
    const t = line.trim();
    // (a table of 阶段/步骤 is read as phases, not here)
    if (/阶段|步骤|环节/.test(t)) {
      timeCol = -1;
      continue;
    }
    // (the time column may be headed by when the work must be done — 完成时限, 时间要求 — and stand last: "| 序号 | 工作任务 | 责任单位 |
    // 完成时限 |"; a row's title is then the cell under the work's heading)
    if (t.length <= 40 && !/[，,。；;：:]/.test(t) && /(?:^|[\s|｜])(?:时间|日期|完成时间|时间节点|完成时限|时限|时间要求)(?=[\s|｜]|$)/.test(t) && /(?:^|[\s|｜])(?:工作)?(?:内容|任务|事项)(?=[\s|｜]|$)/.test(t)) {
      timeCol = 1;
      header = cells;
      continue;
    }
    if (timeCol < 0) continue;
    if (cells.length < 3) {
      if (line.trim()) timeCol = -1;
      continue;
    }
    const di = cells.findIndex((c) => new RegExp(`^(?:${DATE_EXPR_SRC})$`).test(c.replace(/\s+/g, "")) && /月/.test(c));
    const workCol = header.length === cells.length ? header.findIndex((c) => /^(?:工作)?(?:内容|任务|事项)$/.test(c)) : -1;
    const title = workCol >= 0 && workCol !== di ? cells[workCol] : cells[di + 1];
    if (di < 0 || !title) continue;
    const expr = cells[di];
    if (/(?:之前|以前|前)$/.test(expr) || masks.has(expr)) continue;
    const r = parseDateExpr(expr, ctx);
    if (!r.ok || r.dueBy || r.openEnded || !r.start || !r.end || r.start === r.end) continue;
    masks.add(expr);
    out.push({ kind: "window", title, start: r.start, end: r.end, raw: `${expr} ${title}` });
  }
  return out;
}
