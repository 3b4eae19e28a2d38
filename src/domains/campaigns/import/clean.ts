/** Preparing a notice's text: noise removal, joining broken lines, event-time headings with their date lines. */
import { DATE_EXPR_SRC, RANGE_SEP, TIME_TAIL_SRC } from "../dates.js";
import { normalizeText } from "../text.js";
import { CN, ENUM_RE, EVENT_LABEL, TOP_HEADING_RE } from "./patterns.js";

const BOILERPLATE = [
  /zciku|中词库|全文预览已结束|下载文档|本文档由|本DOCX文档|文档贡献者|免费下载|原创力文档|豆丁|道客巴巴|百度文库|点击下载|^\s*\d+\s*\/\s*\d+\s*$|^\s*(?:首页|当前位置)\s*[>＞›]|^\s*(?:发布时间|发布日期|来源|浏览次数|点击数|阅读次数)[：:]|^\s*(?:上一篇|下一篇)[：:]|扫一扫|打印本页|关闭窗口|【字体|分享到/,
  /^\s*\[bookmark:[^\]]*\]\s*/,
];

/** Text noise removal (domain.md §3): T→S, widths, bold, boilerplate, stray English, bookmarks. */
export function cleanNotice(text: string): string[] {
  const lines = normalizeText(text).split("\n");
  const out: string[] = [];
  for (let line of lines) {
    line = line.replace(BOILERPLATE[1], "");
    // reading aids copied from template sites: "学(xué)校" — a pinyin gloss after a character is noise
    line = line.replace(new RegExp(`(?<=[${CN}])[（(][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]`, "g"), "");
    if (BOILERPLATE[0].test(line)) continue;
    line = line.replace(new RegExp(`(?<=[${CN}])\\s*\\b(?:and|or|the)\\b\\s*(?=[${CN}])`, "g"), "和");
    line = line.replace(/^\s*-\s+/, "- ");
    // "🔸第一阶段：隐患排查（6月1日—6月10日）" (a social-media post): a decorative mark before a numbered heading hides the number
    line = line.replace(/^(\s*)(?:[\p{Extended_Pictographic}\u{FE0F}\u200d▶►▷■□◆◇●○★☆◎➤➢✦✧❖]\s*)+(?=第[一二三四五六七八九十\d]+(?:阶段|步|部分)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）])/u, "$1");
    // the month written once for a range of days ("3月16-22日") or 月 once for a range of months ("2018年10-11月"): write both ends out
    line = line.replace(/(\d{1,2})(\s*月\s*)(\d{1,2})\s*([-－—~～])\s*(\d{1,2})\s*日/g, (x, mo, sp, d1, sep, d2) => (Number(d1) < Number(d2) && Number(d2) <= 31 ? `${mo}月${d1}日${sep}${d2}日` : x));
    line = line.replace(/(?<![\d\-－.\/:：])(\d{1,2})\s*([-－—~～])\s*(\d{1,2})\s*月(?!\s*\d|份?\s*\d)/g, (x, m1, sep, m2) => (Number(m1) >= 1 && Number(m1) < Number(m2) && Number(m2) <= 12 ? `${m1}月${sep}${m2}月` : x));
    // "10月16日（周一）至10月20日（周五）": a weekday after a range's first day would cut the range there — it does not change the day
    line = line.replace(/(\d{1,2}\s*[日号])\s*[（(](?:星期|周)[一二三四五六日天][)）]\s*(?=(?:至|到|—{1,2}|–|-{1,2}|－|～|~|〜)\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*[月日号])/g, "$1")
      // a time of day after the first day ("10月16日8:00至10月20日17:00", "10月16日上午至10月20日下午") likewise
      .replace(/(\d{1,2}\s*[日号])\s*(?:(?:上午|下午|中午|晚上|早上)?\s*\d{1,2}\s*[:：]\s*\d{2}|(?:上午|下午|中午|晚上|早上)(?:\s*\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?)?|\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?)\s*(?=(?:至|到|—{1,2}|–|-{1,2}|－|～|~|〜)\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号])/g, "$1")
      // …and one nested in a bracketed period ("（9月25日—10月6日（周五））") would hide the closing bracket
      .replace(/(\d{1,2}\s*[日号])\s*[（(](?:星期|周)[一二三四五六日天][)）](?=\s*[)）])/g, "$1");
    // "2023年年底前" / "年底前": the last day of the year (12月底前), only before 前
    line = line.replace(/(\d{4}\s*年)\s*年?\s*(?:底|末)(?=\s*(?:之前|以前|前))/g, "$112月底").replace(/(?<![\d年学上去前每财该当同次明跨])(?:今年|本年度?)?年\s*(?:底|末)(?=\s*(?:之前|以前|前))/g, "12月底");
    // a due day written with dots or dashes ("9.20前", "2023.9.20前", "2023-09-20前"): only before 前, so decimals and a page's
    // "时间：2022-06-20 03:23" metadata stay as they are
    line = line.replace(/(?<![\d.\-－])((?:19|20)\d{2})\s*[.\-－\/]\s*(\d{1,2})\s*[.\-－\/]\s*(\d{1,2})(?=\s*(?:之前|以前|前))/g, (x, y, mo, d) => (Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= 31 ? `${y}年${Number(mo)}月${Number(d)}日` : x));
    line = line.replace(/(?<![\d.\-－年\/])(\d{1,2})[.\/](\d{1,2})(?![\d\/])(?=\s*(?:之前|以前|前))/g, (x, mo, d) => (Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= 31 ? `${Number(mo)}月${Number(d)}日` : x));
    // a period written with dots ("2022.3.1—3.10", "3.11—4.15", "4.16至5.31"): both ends are month.day (a range of two such
    // numbers is never a decimal); the year, when given, leads the first end
    line = line.replace(/(?<![\d.．\-－\/])(?:((?:19|20)\d{2})[.．])?(\d{1,2})[.．](\d{1,2})\s*([—–\-－～~〜]{1,2}|至|到)\s*(?:(\d{1,2})[.．])?(\d{1,2})(?![\d.．%％])/g, (x, y, m1, d1, sep, m2, d2) => {
      const [a, b, c, d] = [Number(m1), Number(d1), m2 ? Number(m2) : Number(m1), Number(d2)];
      if (a < 1 || a > 12 || c < 1 || c > 12 || b < 1 || b > 31 || d < 1 || d > 31 || (c === a && d <= b) || c < a) return x;
      return `${y ? `${y}年` : ""}${a}月${b}日${sep}${m2 ? `${c}月` : ""}${d}日`;
    });
    out.push(line.replace(/\s+$/, ""));
  }
  return out;
}

/** Join lines broken inside a sentence (not across blank lines, not before a list item). */
export function joinBroken(lines: string[]): string[] {
  const out: string[] = [];
  // a hard-wrapped document (a PDF copied as text) breaks its lines at one width: the most common length of its longer lines,
  // when many lines share it — a line that long ending in a character goes on on the next line, however narrow the page
  const lens = new Map<number, number>();
  for (const l of lines) {
    const n = l.trim().length;
    if (n >= 16 && !/[。；;：:]$/.test(l.trim())) lens.set(n, (lens.get(n) ?? 0) + 1);
  }
  const [wrapWidth, wrapCount] = [...lens.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
  const wrapAt = wrapCount >= 5 ? Math.min(30, wrapWidth - 2) : 30;
  for (const line of lines) {
    const prev = out.length ? out[out.length - 1] : null;
    const t = line.trim();
    if (prev !== null && prev.trim() !== "" && t !== "" && !/^\s/.test(line) && !ENUM_RE.test(line) && !/^附件/.test(t)) {
      const open = (prev.match(/[（(]/g) ?? []).length > (prev.match(/[)）]/g) ?? []).length;
      // a short heading ("一、时间步骤") or a finished sentence is complete: a next line opening with a full
      // date ("2019年4月…") starts something new, it is not the tail of a broken date
      const complete = (TOP_HEADING_RE.test(prev) && prev.trim().length <= 20 && !/[，,\d年月于至到]$/.test(prev.trim())) || (/[。；;]$/.test(prev.trim()) && /^(?:\d{4}\s*年|\d{1,2}\s*月)/.test(t));
      // a phase or time label with its whole period ("第二阶段：2022年9月—12月", "时间：9月—10月") is a heading: the next line is its body
      const phaseHeading = !/^[年月日\d]/.test(t) && new RegExp(`^(?:第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段|[${CN}]{0,6}时间)\s*[：:]\s*(?:(?:\\d{4}|20[xX×_]{2})\\s*年\\s*)?${DATE_EXPR_SRC}$`).test(prev.trim()) && new RegExp(RANGE_SEP).test(prev);
      // "（四）举办宣传日广场活动" then "12月4日上午9时…": a short numbered heading ending in a word is complete; a line opening
      // with a full day is the activity's time, not the tail of the heading
      const headingThenDay =
        /^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、](?!\d)|第[一二三四五六七八九十]+(?:阶段|步)|(?:阶段|步骤)[一二三四五六七八九十]+[：:、])/.test(prev) && prev.trim().length <= 60 && new RegExp(`[${CN}”」》]$`).test(prev.trim()) && !/[于至到在和及与自从将对为是]$/.test(prev.trim()) &&
        /^(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]/.test(t);
      // "4月1日—4月15日：动员部署阶段" then "4月16日—…": a phase line led by its period is whole; the next period starts the next one
      const datedPhase = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(?:${DATE_EXPR_SRC})\\s*[：:，,]\\s*(?:为|是)?\\s*[${CN}]{2,12}阶段$`).test(prev.trim()) && /^(?:\d{4}\s*年\s*)?\d{1,2}\s*月/.test(t);
      // the addressee line ("各学校：", "各县区教育局，局属各单位：") ends before the body begins
      const addressee = /^\s*(?:各|全体|有关|市直|局属|局直)[^。；;]{0,60}[：:]$/.test(prev.trim());
      // two rows of a table copied as text (cells apart by runs of spaces: "1    部署启动    3月12日—3月23日    …"): each row is whole
      const spacedRow = (x: string) => !/[|｜]/.test(x) && (x.trim().match(/\S(?: {2,}|\t+)(?=\S)/g)?.length ?? 0) >= 2;
      // (also two-cell rows, a date and what happens on it, one wide gap apart: "9月11日      云岫区" then "9月12日-13日    松韵区")
      const datedRow = (x: string) => !/[|｜]/.test(x) && /^(?:\d{4}\s*年\s*)?(?:次年|翌年)?\d{1,2}\s*月[^ \t]*(?: {2,}|\t+)\S/.test(x.trim());
      const tableRows = (spacedRow(prev) && spacedRow(t)) || (datedRow(prev) && datedRow(t));
      // "…具体安排如下：" announces what follows on its own lines (a table, a list): it is complete
      const announces = /如下\s*[：:]$/.test(prev.trim());
      const midDate = !complete && !announces && !phaseHeading && !headingThenDay && !datedPhase && !addressee && !tableRows && (/[\d年月于将至到和及、，,《“]$/.test(prev.trim()) || /[\d一二两三四五六七八九十]\s*个$/.test(prev.trim()) || /^[年月日\d]/.test(t));
      // a hard-wrapped paragraph broken mid-word ("…10月为自评申报阶" + "段，11月为…"): a long line of running prose (it has a
      // comma) ending in a character, not a punctuation mark, goes on on the next line (table rows — cells apart by wide gaps
      // or pipes — and short headings are not prose)
      const wrapped = !complete && !announces && !addressee && prev.trim().length >= wrapAt && /[，,]/.test(prev) && new RegExp(`[${CN}]$`).test(prev.trim()) && !/\s{2,}|\||｜|\t/.test(prev.trim()) && new RegExp(`^[${CN}，,。；;、）)]`).test(t);
      // a hard-wrapped line that opens with the tail of the last one — a mark that never opens a sentence ("，明确…", "。"), or
      // the 前/起/内 that ends a date broken off ("…请于5月20日" + "前将…") — goes on the last line
      const tail = /^[，,。；;、：:）)]/.test(t) || (/[\d日号月底]$/.test(prev.trim()) && /^(?:之前|以前|前(?![言期])|起(?!草)|止)/.test(t));
      if (open || midDate || wrapped || tail) {
        out[out.length - 1] = prev.replace(/\s+$/, "") + t;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * "一、调研时间" as a heading with the date alone on the next line: the two lines are one labelled date
 * ("一、调研时间：2022年6月中下旬"), read like the inline form (a window: when the event takes place).
 */
export function joinEventHeadings(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    const ORD = "(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\\d+[.．、])";
    // "（二）学校安全大检查时间：" then one line per site: "东校园：9月20日上午11:00-12:00" — each is that event's time there
    const hm = new RegExp(`^${ORD}?\\s*[${CN}]{0,10}?(${EVENT_LABEL})\\s*[：:]$`).exec(t);
    if (hm) {
      let j = i + 1;
      const sites: string[] = [];
      while (j < lines.length && new RegExp(`^[${CN}]{1,8}\\s*[：:]\\s*(?:${DATE_EXPR_SRC})`).test(lines[j].trim()) && /\d|[一二三四五六七八九十]月/.test(lines[j])) sites.push(lines[j++].trim());
      if (sites.length) {
        out.push(lines[i]);
        for (const x of sites) out.push(x.replace(/^([\u4e00-\u9fa5]{1,8})\s*[：:]\s*/, `$1${hm[1]}：`));
        i = j - 1;
        continue;
      }
    }
    // a heading "调研时间" / "会议时间" / a bare "时间：" with the date on the next line (the line may go on: "…上午9:00开始，会期半天。")
    if (new RegExp(`^${ORD}?\\s*(?:${EVENT_LABEL}|时间)\\s*[：:]?$`).test(t)) {
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === "") j++;
      const next = (lines[j] ?? "").trim();
      // the date may carry a weekday and a time of day ("2024年4月30日上午10:00", "14:30至17:00（星期三）"): they do not change the day
      const dm = new RegExp(`^(${DATE_EXPR_SRC})${TIME_TAIL_SRC}(?:\\s*[至到—–-]\\s*\\d{1,2}\\s*[:：]\\s*\\d{2})?(?:\\s*[（(](?:星期|周)[一二三四五六日天][)）])?\\s*(?:开始)?\\s*(?:[，,。.；;].*)?$`).exec(next);
      if (j < lines.length && dm && /\d|[一二三四五六七八九十]月/.test(dm[1]) && !/(之前|以前|前)$/.test(dm[1])) {
        out.push(t.replace(/[：:]$/, "") + "：" + next);
        i = j;
        continue;
      }
    }
    out.push(lines[i]);
  }
  return out;
}
