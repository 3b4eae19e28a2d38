/**
 * Leader review: the draft goes to the office director with 发布 / 修改 first. 修改 opens a
 * form for the 按语 (the figures themselves come from the records and are not edited here).
 */
import { button, buttonRow, card, escapeMarkdown, form, hr, input, markdown, notation, submitButton, type Card } from "../kit/index.js";
import { bulletinTitle, overviewElements, type BulletinView } from "./summary.js";

export const NOTE_MAX = 500;

export interface ReviewView extends BulletinView {
  bulletinId: string;
  /** “局工作群 1 个、学校工作群 10 个” */
  audience: string;
}

export function reviewCard(v: ReviewView): Card {
  return card({
    title: `【待审核】${bulletinTitle(v)}`,
    template: "yellow",
    summary: `请审核：${bulletinTitle(v)}`,
    elements: [
      markdown(`以下是${escapeMarkdown(v.summary.window.label, 60)}通报草稿，发布后发送至：${v.audience}。`),
      hr(),
      ...overviewElements(v, { charts: true }),
      hr(),
      buttonRow([
        button({
          text: "发布",
          type: "primary_filled",
          value: { action: "bulletin_publish", bulletinId: v.bulletinId },
          confirm: { title: "确认发布", text: `发布后将发送至${v.audience}，发布后不能撤回。` },
        }),
        button({ text: "修改", value: { action: "bulletin_edit", bulletinId: v.bulletinId } }),
      ]),
    ],
  });
}

export function editCard(v: ReviewView, opts: { error?: string } = {}): Card {
  return card({
    title: `【修改】${bulletinTitle(v)}`,
    template: "yellow",
    elements: [
      markdown("通报中的数字来自各单位的记录，不能在此修改；可填写按语（如督办要求），按语会显示在通报开头。"),
      ...(opts.error ? [markdown(`<font color='red'>${escapeMarkdown(opts.error, 200)}</font>`)] : []),
      form("bulletin_note_form", [
        input({ name: "note", label: "按语", value: v.note ?? "", maxLength: NOTE_MAX, multiline: true, rows: 4, placeholder: "例如：请未报送单位于10月28日前补报。" }),
        submitButton({ text: "保存并预览", value: { action: "bulletin_note", bulletinId: v.bulletinId } }),
      ]),
    ],
  });
}

export function publishedCard(v: ReviewView, by: string, atText: string): Card {
  return card({
    title: `【已发布】${bulletinTitle(v)}`,
    template: "green",
    elements: [markdown(`已由 ${escapeMarkdown(by, 40)} 于 ${atText} 发布至${v.audience}。`), hr(), ...overviewElements(v, { charts: false }), notation("通报已发出，如需更正请另发说明。")],
  });
}
