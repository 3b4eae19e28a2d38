/**
 * Attachment forms in a notice (附件): titles from the attachment list, and for each
 * attachment section its header fields, table columns and yes/no or count items where the
 * text has them. Used for the draft plan's `forms` (the JSON import contract has no forms).
 */
import { cleanNotice } from "./importer.js";

export interface ImportedForm {
  ref: string;
  title: string | null;
  header?: string[];
  columns?: string[];
  items?: { group?: string; text: string; type: "yes_no" | "count_pair" | "text" }[];
}

const NUM = "(\\d{1,2})";

export function importForms(text: string): ImportedForm[] {
  const lines = cleanNotice(text);
  const titles = new Map<string, string>();
  // attachment list: 附件：1. A  2. B (continuation lines are indented)
  const li = lines.findIndex((l) => /^\s*-?\s*附件[：:]/.test(l));
  if (li >= 0) {
    let cur: string | null = null;
    for (let i = li; i < lines.length; i++) {
      const t = lines[i].replace(/^\s*-?\s*附件[：:]\s*/, "").trim();
      if (!t) break;
      const m = new RegExp(`^${NUM}\\s*[.．、]\\s*(.+)$`).exec(t);
      if (m) {
        cur = m[1];
        titles.set(cur, m[2].trim());
      } else if (cur && i > li && /^\s/.test(lines[i])) titles.set(cur, titles.get(cur)! + t);
      else if (i > li) break;
    }
  }
  // attachment sections: a line "附件 N" / "附件N"
  const forms: ImportedForm[] = [];
  const heads: { n: string; i: number }[] = [];
  lines.forEach((l, i) => {
    const m = new RegExp(`^\\s*附件\\s*${NUM}\\s*$`).exec(l);
    if (m) heads.push({ n: m[1], i });
  });
  heads.forEach((h, k) => {
    const end = heads[k + 1]?.i ?? lines.length;
    const sec = lines.slice(h.i + 1, end);
    const nonBlank = sec.map((l) => l.trim()).filter(Boolean);
    let title: string | null = nonBlank[0] ?? null;
    // a lost title (only a year and quote marks survive) falls back to the attachment list
    if (!title || title.replace(/[\d\s“”"]/g, "").length < 2) title = titles.get(h.n) ?? null;
    if (title) title = title.replace(/(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g, "");
    const form: ImportedForm = { ref: `附件${h.n}`, title };
    const header: string[] = [];
    for (const l of sec.slice(0, 12)) {
      for (const m of l.matchAll(/([^\s：:|]{2,14}?)[：:](?=\s|$)/g)) if (!/注|说明|[，。、,]/.test(m[1])) header.push(m[1]);
    }
    if (header.length) form.header = [...new Set(header)];
    const rows = sec.filter((l) => l.includes("\t")).map((l) => l.split("\t").map((c) => c.trim().replace(/(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g, "")).filter(Boolean));
    const colRow = rows.find((r) => r.length >= 3 && !r.some((c) => /[（(]\s*[)）]/.test(c)));
    if (colRow) form.columns = colRow;
    const items: NonNullable<ImportedForm["items"]> = [];
    let group: string | undefined;
    for (let i = 0; i < nonBlank.length; i++) {
      const t = nonBlank[i];
      const next = nonBlank[i + 1] ?? "";
      const type = /有（\s*）无（\s*）/.test(next) ? "yes_no" : /（\s*）次\s*参与（\s*）人/.test(next) ? "count_pair" : null;
      if (type && !/有（|（\s*）次/.test(t)) {
        const prev = nonBlank[i - 1] ?? "";
        if (prev.length <= 6 && !/（|）|\t/.test(prev) && !/有（|（\s*）次/.test(prev)) group = prev;
        items.push({ ...(group ? { group } : {}), text: t, type });
      }
    }
    if (items.length) form.items = items;
    forms.push(form);
  });
  return forms;
}
