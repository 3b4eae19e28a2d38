/** A school group's own figures: the same counts as the bureau's table, for that school only. */
import { card, escapeMarkdown, markdown, notation, type Card } from "../kit/index.js";
import type { UnitSummary } from "../../src/domains/bulletins/types.js";
import { figureLines } from "./format.js";
import { bulletinTitle, type BulletinView } from "./summary.js";

const ITEM_STATES = { "on-time": "按时报送", late: "迟报", missing: "<font color='red'>未报送</font>", pending: "未到期" } as const;

export function schoolCard(v: BulletinView, u: UnitSummary): Card {
  const items = u.items.map((i) => `- ${escapeMarkdown(i.title, 80)}（${Number(i.due.slice(5, 7))}月${Number(i.due.slice(8, 10))}日前）：${ITEM_STATES[i.state]}`);
  return card({
    // header titles are plain_text: no markdown escaping (it would show the backslashes)
    title: `${u.unit} · ${bulletinTitle(v)}`,
    template: u.submitted === "missing" ? "orange" : "blue",
    summary: `${u.unit}${v.summary.window.label}情况`,
    elements: [
      markdown(`${escapeMarkdown(v.summary.campaignTitle, 100)}（${v.asOfText}）`, { size: "notation" }),
      ...(v.note && v.note.trim() ? [markdown(`**按语**：${escapeMarkdown(v.note, 1000)}`)] : []),
      markdown(figureLines(u).join("\n")),
      ...(items.length ? [markdown(`**本期报送事项**\n${items.join("\n")}`)] : []),
      notation("本卡片只含本校统计数字。案件详情请在案件卡片中查看。"),
    ],
  });
}
