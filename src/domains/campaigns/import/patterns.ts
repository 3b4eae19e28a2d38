/** Regular-expression pieces shared by the importer's readers (list items, headings, doc numbers, event labels). */

export const CN = "\\u4e00-\\u9fa5";
// "3.5" is a number, but "3、2022年6月…" is item 3 opening with a date (、 never sits inside a number)
// "2.9月中旬…" is item 2 opening with a month (a decimal is never followed by 月)
export const ENUM_RE = /^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+(?:[.．](?!\d)|[.．](?=\d{1,2}\s*月)|、)|第[一二三四五六七八九十]+[阶部]|-\s)/;
export const TOP_HEADING_RE = /^\s*[一二三四五六七八九十]+、/;
export const DOCNO_SRC = `[A-Za-z${CN}]{1,10}\\s*[〔\\[﹝【（(]\\s*\\d{4}\\s*[〕\\]﹞】）)]\\s*\\d+\\s*号`;

// (评审/评比/评选/展评/讲座/宣讲: a sub-event of a campaign, as a 培训 or 演练 is; 竞赛/比赛 stay out: a contest is often the campaign itself)
export const EVENT_WORDS = "(?:检查|督查|督导|抽查|复查|普查|自查|排查|巡查|调研|验收|考核|评估|培训|演练|会议|评审|评比|评选|展评|讲座|宣讲|普测|测评|筛查)";
export const EVENT_LABEL = `${EVENT_WORDS}(?:时间|日期)`;

export function stripBullet(s: string): string {
  return s.replace(/^\s*-\s+/, "").trim();
}
