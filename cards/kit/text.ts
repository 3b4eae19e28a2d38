/**
 * User text inside cards must be inert: a report that contains `<at id=all></at>`, a markdown
 * link or 30,000 characters must ping nobody, link nowhere and still fit the 30 KB card limit.
 */

export const TRUNCATION_MARK = "…（内容过长，已截断）";

/** Cut to at most `max` characters (code points, so emoji are never split). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - Array.from(TRUNCATION_MARK).length)).join("") + TRUNCATION_MARK;
}

// C0/C1 control characters other than tab and newline break rendering and logs.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/**
 * For user text placed inside a `markdown` component: every markup character is escaped and
 * angle brackets become full-width, so `<at id=all>`, `<link>`, `<font>` and `[x](url)` show as
 * the literal text the person typed.
 */
export function escapeMarkdown(text: string, max = 2000): string {
  return truncate(stripControl(text), max)
    .replace(/</g, "＜")
    .replace(/>/g, "＞")
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, "\\$1");
}

/** For `plain_text` contents: nothing is interpreted there, only length and control chars matter. */
export function plain(text: string, max = 2000): string {
  return truncate(stripControl(text), max);
}
