/** Text clean-up shared by the date engine and the importer (domain.md §3 "text noise"). */
import * as OpenCC from "opencc-js";

const t2s: (s: string) => string = OpenCC.Converter({ from: "t", to: "cn" });

const FULL_DIGITS = "０１２３４５６７８９";

/** Traditional → Simplified; full-width digits/letters → ASCII; markdown bold removed; NBSP/ideographic spaces → space. */
export function normalizeText(s: string): string {
  let out = t2s(s);
  out = out.replace(/[０-９]/g, (c) => String(FULL_DIGITS.indexOf(c)));
  out = out.replace(/[Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  out = out.replace(/\*\*/g, "");
  out = out.replace(/[\u00a0\u3000\u2002\u2003\u2009]/g, " ");
  out = out.replace(/\r\n?/g, "\n");
  // dashes of other widths that typesetting puts in a range (‒ figure dash, ― horizontal bar, ⸺ two-em dash) read as the em dash
  out = out.replace(/[\u2012\u2015\u2E3A]/g, "—");
  return out;
}

/** Collapse spaces next to digits and date words so "2024 年 5 月" reads "2024年5月". */
export function tightenDates(s: string): string {
  return s
    .replace(/(\d)\s+(?=[年月日号])/g, "$1")
    .replace(/([年月日号至到])\s+(?=\d)/g, "$1")
    .replace(/(\d)\s+(?=\d)/g, "$1 ");
}

export const CN_NUM: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "3" | "三" | "十二" | "二十五" → number; null when not a number. */
export function parseNum(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return null;
  if (s === "十") return 10;
  const i = s.indexOf("十");
  if (i < 0) return s.length === 1 ? CN_NUM[s] : null;
  const tens = i === 0 ? 1 : CN_NUM[s.slice(0, i)];
  const ones = i === s.length - 1 ? 0 : CN_NUM[s.slice(i + 1)];
  if (tens === undefined || ones === undefined) return null;
  return tens * 10 + ones;
}
