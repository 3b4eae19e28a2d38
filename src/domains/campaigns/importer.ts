/**
 * The notice importer: plain text of an official notice → the JSON contract of issue 3
 * (title, issuer, docNumber, issuedOn, span, phases, deadlines, leadershipGroup, duties,
 * contacts, unresolved) and a draft plan built from it (see toDraftPlan).
 *
 * It never invents: every date comes from a date expression in the text (years inferred
 * from the issue date / doc number / other full dates in the body); what it cannot
 * resolve goes to `unresolved` with the raw text and the reason.
 */
import { DATE_EXPR_SRC, parseDateExpr, RANGE_SEP, TIME_TAIL_SRC, type DateContext } from "./dates.js";
import { normalizeText, parseNum, tightenDates } from "./text.js";
import { addDays, dayOfWeek, isIsoDate } from "../../core/calendar.js";

export interface ImportedDeadline {
  kind: "once" | "recurring" | "relative" | "window" | "immediate";
  title: string;
  due?: string | null;
  start?: string | null;
  end?: string | null;
  rule?: Record<string, unknown>;
  days?: number;
  dayType?: "calendar" | "working" | "unspecified";
  /** who must act, as worded (各学校) — extension of the contract, optional */
  who?: string;
  /** who receives it, as worded — extension of the contract, optional */
  to?: string;
  raw: string;
}

export interface ImportedMember {
  name: string | null;
  role: "leader" | "deputy" | "member";
  title?: string;
  department?: string;
}

export interface ImportResult {
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  span: { start: string | null; end: string | null; raw: string | null };
  phases: { name: string; start: string | null; end: string | null; raw: string }[];
  deadlines: ImportedDeadline[];
  leadershipGroup: { members: ImportedMember[]; office?: { department: string | null; director?: string | null } };
  duties: { department: string; text: string }[];
  contacts: { region?: string; office: string; phone: string }[];
  unresolved: { field: string; raw: string | null; reason: string }[];
}

const CN = "\\u4e00-\\u9fa5";
// "3.5" is a number, but "3、2022年6月…" is item 3 opening with a date (、 never sits inside a number)
// "2.9月中旬…" is item 2 opening with a month (a decimal is never followed by 月)
const ENUM_RE = /^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+(?:[.．](?!\d)|[.．](?=\d{1,2}\s*月)|、)|第[一二三四五六七八九十]+[阶部]|-\s)/;
const TOP_HEADING_RE = /^\s*[一二三四五六七八九十]+、/;
const DOCNO_SRC = `[A-Za-z${CN}]{1,10}\\s*[〔\\[﹝【（(]\\s*\\d{4}\\s*[〕\\]﹞】）)]\\s*\\d+\\s*号`;
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
    out.push(line.replace(/\s+$/, ""));
  }
  return out;
}

/** Join lines broken inside a sentence (not across blank lines, not before a list item). */
export function joinBroken(lines: string[]): string[] {
  const out: string[] = [];
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
        /^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、](?!\d))/.test(prev) && prev.trim().length <= 60 && new RegExp(`[${CN}”」》]$`).test(prev.trim()) && !/[于至到在和及与自从将对]$/.test(prev.trim()) &&
        /^(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]/.test(t);
      // the addressee line ("各学校：", "各县区教育局，局属各单位：") ends before the body begins
      const addressee = /^\s*(?:各|全体|有关|市直|局属|局直)[^。；;]{0,60}[：:]$/.test(prev.trim());
      // two rows of a table copied as text (cells apart by runs of spaces: "1    部署启动    3月12日—3月23日    …"): each row is whole
      const spacedRow = (x: string) => !/[|｜]/.test(x) && (x.trim().match(/\S(?: {2,}|\t+)(?=\S)/g)?.length ?? 0) >= 2;
      const tableRows = spacedRow(prev) && spacedRow(t);
      const midDate = !complete && !phaseHeading && !headingThenDay && !addressee && !tableRows && (/[\d年月于将至到和及、，,《“]$/.test(prev.trim()) || /^[年月日\d]/.test(t));
      // a hard-wrapped paragraph broken mid-word ("…10月为自评申报阶" + "段，11月为…"): a long line of running prose (it has a
      // comma) ending in a character, not a punctuation mark, goes on on the next line (table rows — cells apart by wide gaps
      // or pipes — and short headings are not prose)
      const wrapped = !complete && !addressee && prev.trim().length >= 30 && /[，,]/.test(prev) && new RegExp(`[${CN}]$`).test(prev.trim()) && !/\s{2,}|\||｜|\t/.test(prev.trim()) && new RegExp(`^[${CN}，,。；;、）)]`).test(t);
      if (open || midDate || wrapped) {
        out[out.length - 1] = prev.replace(/\s+$/, "") + t;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

// (评审/评比/评选/展评/讲座/宣讲: a sub-event of a campaign, as a 培训 or 演练 is; 竞赛/比赛 stay out: a contest is often the campaign itself)
const EVENT_WORDS = "(?:检查|督查|督导|抽查|复查|普查|自查|排查|巡查|调研|验收|考核|评估|培训|演练|会议|评审|评比|评选|展评|讲座|宣讲)";
const EVENT_LABEL = `${EVENT_WORDS}(?:时间|日期)`;

/**
 * "一、调研时间" as a heading with the date alone on the next line: the two lines are one labelled date
 * ("一、调研时间：2022年6月中下旬"), read like the inline form (a window: when the event takes place).
 */
function joinEventHeadings(lines: string[]): string[] {
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

function stripBullet(s: string): string {
  return s.replace(/^\s*-\s+/, "").trim();
}

function cnDateLine(s: string): string | null {
  const t = s.replace(/\s+/g, "");
  let m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  // a signature dated "2018.11.3" / "2018-11-03" / "2017、11、3" (the same separator twice, a real month and day)
  m = /^(\d{4})([.．\-/、])(\d{1,2})\2(\d{1,2})$/.exec(t);
  if (m && Number(m[3]) >= 1 && Number(m[3]) <= 12 && Number(m[4]) >= 1 && Number(m[4]) <= 31) return `${m[1]}-${m[3].padStart(2, "0")}-${m[4].padStart(2, "0")}`;
  m = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/.exec(t);
  if (m) {
    // ○ (a white circle) is a common stand-in for 〇 in typed copies
    const y = [...m[1]].map((c) => "〇一二三四五六七八九".indexOf(c === "零" || c === "○" ? "〇" : c)).join("");
    const mo = parseNum(m[2]);
    const d = parseNum(m[3]);
    if (mo && d) return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  return null;
}

function extractTitle(lines: string[]): string | null {
  const ne = lines.map((l) => l.trim()).filter((l) => l !== "");
  // a title glued to the body (a web copy that lost its line breaks): "2025年…专项行动方案为有效预防…"
  const glued = ne.length && ne[0].length > 80 ? /^(?!各|根据|为|按照|依据|现)([^，。：:；;,《》“”]{6,60}?(?:通知|方案|计划|意见|办法|要点))/.exec(ne[0]) : null;
  if (glued) return glued[1].replace(/\s+/g, "");
  let i = 0;
  // a web page's breadcrumb ("您当前的位置：首页 >> 校园安全", "当前位置: 首页 > 正文") is navigation, not the title
  const crumb = (l: string) => /^(?:您)?(?:当前|现在)?(?:所在)?的?位置\s*[：:]/.test(l) || /^首\s*页\s*(?:>|＞|»|·)/.test(l);
  while (i < ne.length && (/\.\.\.$|…$/.test(ne[i]) || ne[i].length > 80 || crumb(ne[i]))) i++;
  if (i >= ne.length) return null;
  // an excerpt that opens with its addressees ("全校各相关单位：") has lost its title: none, rather than the addressee line
  if (/^(?:各|全校|全体|有关|市直|局属|局直)[^。；;]{0,60}[：:]$/.test(ne[i])) return null;
  let title = ne[i];
  const next = ne[i + 1] ?? "";
  const complete = /(通知|方案|意见|办法|规定|细则|计划|要点|通报|决定|函)$/.test(title);
  if ((!complete || /关于(印发)?$/.test(title)) && /^(《|[^：:，。]{0,40}(通知|方案|意见|办法|计划|要点)$)/.test(next) && next.length < 60) title += next;
  return title.replace(/\s+/g, "");
}

const ISSUER_SUFFIX = "(?:中心学校|中学|小学|学校|幼儿园|教育局|教育厅|教体局|教育体育局|教育和体育局|教育委员会|教委|人民政府|政府办公室|教育督导委员会办公室|督导室)";

function extractIssuer(title: string | null, lines: string[], body: string): string | null {
  if (title) {
    const m = /^(.+?)关于/.exec(title);
    if (m && /(厅|局|委|部|政府|部门|办公室|委员会|学校|中学|小学|中心校|幼儿园)$/.test(m[1])) return m[1];
  }
  let m = new RegExp(`工作机构[：:]\\s*([${CN}]{2,20}?${ISSUER_SUFFIX})`).exec(body);
  if (m) return m[1];
  m = new RegExp(`(?:现制定|特制定|制定了)\\s*([${CN}]{2,12}?${ISSUER_SUFFIX})《`).exec(body);
  if (m) return m[1];
  // signature: a line that is only an issuer name, near a date line
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (new RegExp(`^[${CN}]{2,16}${ISSUER_SUFFIX}$`).test(t)) {
      const near = [lines[i - 1], lines[i + 1], lines[i + 2]].some((x) => x && cnDateLine(x));
      if (near) return t;
    }
  }
  return null;
}

function yearContext(issuedOn: string | null, docNumber: string | null, title: string | null, body: string): { year: number | null; source: string } {
  if (issuedOn) return { year: Number(issuedOn.slice(0, 4)), source: "发文日期" };
  if (docNumber) {
    const m = /(\d{4})/.exec(docNumber);
    if (m) return { year: Number(m[1]), source: "文号" };
  }
  if (title) {
    // "2022年…" or a year run straight into 春季/秋季/学年/学校 ("2022学校秋季开学…通知")
    // or opening the title straight before its first word ("2024禁毒宣传月活动方案")
    const m = /(\d{4})\s*年/.exec(title) ?? /(?<!\d)((?:19|20)\d{2})(?=\s*(?:[春秋]季|学年|学校|年度))/.exec(title) ?? new RegExp(`^((?:19|20)\\d{2})(?=[${CN}])(?![\\d]*[名人个余多元万份所])`).exec(title);
    if (m) return { year: Number(m[1]), source: "标题" };
  }
  // fully dated expressions in the body, outside 《》 titles
  // the origin story of an annual day ("联合国1987年6月…一致同意将每年6月26日定为国际禁毒日") dates history, not this notice
  const noTitles = body.replace(/《[^》]*》/g, "").split(/(?<=[。；;！!？?\n])/).filter((x) => !/每年[^。；;\n]{0,16}?(?:定为|确定为|设为|设立为)/.test(x)).join("");
  const years = [...noTitles.matchAll(/(\d{4})\s*年\s*\d{1,2}\s*月/g)].map((m) => Number(m[1]));
  if (years.length) {
    const counts = new Map<number, number>();
    for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
    return { year: [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0], source: "正文中的完整日期" };
  }
  const docYears = [...body.matchAll(new RegExp(DOCNO_SRC, "g"))].map((m) => Number(/(\d{4})/.exec(m[0])![1]));
  if (docYears.length) return { year: Math.max(...docYears), source: "依据文件文号" };
  // the notice forwards or answers "《关于开展2020年度…的通知》": the basis document's year, as with its doc number
  const titleYears = [...body.matchAll(/《[^》]*?(\d{4})\s*年度?[^》]*》/g)].map((m) => Number(m[1])).filter((y) => y >= 1990 && y <= 2100);
  if (titleYears.length) return { year: Math.max(...titleYears), source: "依据文件标题" };
  return { year: null, source: "" };
}

const NAME_SRC = `[${CN}](?: {0,3}[${CN}]){1,2}`;
const TITLE_HINT = /(局|厅|长|主任|负责人|书记|科|室|股|办|校|员|委|督学|处|中心|院|主席|部)/;

function normName(s: string): string {
  return s.replace(/\s+/g, "");
}

function departmentOf(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const t = title.replace(/\s+/g, "").replace(/(负责人|副主任|主任|科长|股长|处长|书记|副科长|副股长)$/, "");
  const i = Math.max(t.lastIndexOf("局"), t.lastIndexOf("厅"));
  const rest = i >= 0 ? t.slice(i + 1) : "";
  if (rest && /^[\u4e00-\u9fa5]{1,10}(办公室|办|股|科|室|处|委|中心|团委|队)$/.test(rest)) return rest;
  return undefined;
}

function splitNameTokens(s: string, unresolved: ImportResult["unresolved"]): string[] {
  const tokens = s.split(/[\s、，,；;]+/).filter(Boolean);
  const merged: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.length === 1 && i + 1 < tokens.length && tokens[i + 1].length <= 2 && t.length + tokens[i + 1].length <= 3) {
      merged.push(t + tokens[i + 1]);
      i++;
    } else merged.push(t);
  }
  const typical = merged.filter((x) => x.length >= 2 && x.length <= 3).length;
  const out: string[] = [];
  for (const t of merged) {
    if (t.length === 6 && typical >= 2) out.push(t.slice(0, 3), t.slice(3));
    else if (t.length === 4 || t.length === 5 || t.length > 6) {
      out.push(t);
      unresolved.push({ field: "leadershipGroup.members", raw: t, reason: "姓名长度异常，可能是两个姓名连写或复姓，请核对" });
    } else out.push(t);
  }
  return out;
}

function extractLeadership(lines: string[], body: string, unresolved: ImportResult["unresolved"]): ImportResult["leadershipGroup"] {
  const members: ImportedMember[] = [];
  const roleRe = /^(组\s*长|副\s*组\s*长|成\s*员)\s*[：:]\s*/;
  let start = lines.findIndex((l) => /^组\s*长\s*[：:]/.test(stripBullet(l)));
  if (start >= 0) {
    let role: ImportedMember["role"] = "leader";
    for (let i = start; i < lines.length; i++) {
      let t = stripBullet(lines[i]);
      if (t === "") {
        if (members.length) break;
        continue;
      }
      if (/下设办公室|办公室设在|^附件|^[一二三四五六七八九十]+、|职责/.test(t)) break;
      const rm = roleRe.exec(t);
      if (rm) {
        const r = rm[1].replace(/\s+/g, "");
        role = r === "组长" ? "leader" : r === "副组长" ? "deputy" : "member";
        t = t.slice(rm[0].length);
      } else if (i === start) continue;
      t = t.replace(/[。；;]$/, "").trim();
      if (!t) continue;
      // name（title）、name（title）
      const paren = [...t.matchAll(new RegExp(`(${NAME_SRC})\\s*(?:同志)?\\s*[（(]([^）)]+)[)）]`, "g"))];
      if (paren.length) {
        for (const m of paren) {
          const title = m[2].trim();
          members.push({ name: normName(m[1]), role, title, ...(departmentOf(title) ? { department: departmentOf(title) } : {}) });
        }
        continue;
      }
      const nt = new RegExp(`^(${NAME_SRC})\\s+(.+)$`).exec(t);
      if (nt && TITLE_HINT.test(nt[2]) && !/^[\u4e00-\u9fa5]{2,3}(\s+[\u4e00-\u9fa5]{1,3})+$/.test(nt[2].trim())) {
        const title = nt[2].trim().replace(/\s{2,}/g, " ");
        members.push({ name: normName(nt[1]), role, title, ...(departmentOf(title) ? { department: departmentOf(title) } : {}) });
        continue;
      }
      if (!/\s/.test(t) && /^(区|市|县|省|局|各|机关|州|旗|地区)/.test(t) && TITLE_HINT.test(t)) {
        members.push({ name: null, role, title: t, ...(departmentOf(t) ? { department: departmentOf(t) } : {}) });
        continue;
      }
      const POST = /^各|(?:处|科|室|股|办|委|部|局|中心|队|组长|负责人|主任|校长|书记)$/;
      const toks = t.split(/[\s、，,；;]+/).filter(Boolean);
      if (toks.every((x) => POST.test(x))) {
        for (const x of toks) members.push({ name: null, role, title: x });
        continue;
      }
      for (const n of splitNameTokens(t, unresolved)) {
        if (POST.test(n)) members.push({ name: null, role, title: n });
        else members.push({ name: n, role });
      }
    }
  }
  const group: ImportResult["leadershipGroup"] = { members };
  const om = /办公室设在([^，,。；]+)/.exec(body);
  if (om) {
    let director: string | null = null;
    const dm =
      new RegExp(`(${NAME_SRC})\\s*(?:同志)?\\s*兼?任办公室主任`).exec(body) ??
      new RegExp(`办公室主任由\\s*(${NAME_SRC})\\s*(?:同志)?\\s*(?:兼任|担任)`).exec(body) ??
      new RegExp(`办公室主任[：:]\\s*(${NAME_SRC})`).exec(body);
    if (dm) director = normName(dm[1]);
    group.office = { department: om[1].trim().replace(/^[（(]|[)）]$/g, ""), director };
  }
  return group;
}

function extractDuties(lines: string[]): ImportResult["duties"] {
  const duties: ImportResult["duties"] = [];
  let inSection = false;
  for (const raw of lines) {
    const t = stripBullet(raw);
    if (/职责分工|职责如下|主要职责|工作职责/.test(t) && t.length < 40) {
      inSection = true;
      continue;
    }
    if (!inSection) continue;
    if (/^附件/.test(t) || (TOP_HEADING_RE.test(t) && !/职责/.test(t))) {
      inSection = false;
      continue;
    }
    const m = new RegExp(
      `^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])?\\s*([${CN}、]{1,16}?(?:办公室|办|室|股|科|处|委|厅|院|局|联|会|组织|学校|校|团省委|中心|队|所))\\s*(负责|[：:])\\s*(.+)$`,
    ).exec(t);
    if (m) duties.push({ department: m[1], text: (m[2] === "负责" ? "负责" : "") + m[3].trim() });
  }
  return duties;
}

const PHONE_RE = /(?<!\d)(0\d{2,3})\s*(?:[-—–－]{1,2}|\s)\s*(\d{7,8})(?!\d)|(?<!\d)(1[3-9]\d{9})(?!\d)/;

function normPhone(s: string): string | null {
  const m = PHONE_RE.exec(s);
  if (!m) return null;
  return m[3] ?? `${m[1]}-${m[2]}`;
}

function extractContacts(lines: string[]): ImportResult["contacts"] {
  const out: ImportResult["contacts"] = [];
  const cells = lines.map((l) => l.trim());
  let header: string[] | null = null;
  for (let i = 0; i < cells.length; i++) {
    const t = cells[i];
    if (!t) continue;
    // a whole row on one line: region | office | phone  (tabs, pipes or 2+ spaces)
    const parts = t.split(/\s*\|\s*|\t+|\s{2,}/).map((x) => x.trim()).filter(Boolean);
    if (parts.length >= 2 && parts.some((x) => /电话/.test(x)) && !normPhone(t)) {
      header = parts;
      continue;
    }
    if (header && header.length === parts.length && normPhone(parts[parts.length - 1])) {
      const col = (re: RegExp) => header!.findIndex((h) => re.test(h));
      const oi = col(/单位|办公室|机构|部门|科室/);
      const ri = col(/地方|地区|区域|县|市/);
      if (oi >= 0) {
        out.push({ ...(ri >= 0 ? { region: parts[ri] } : {}), office: parts[oi], phone: normPhone(parts[parts.length - 1])! });
        continue;
      }
    }
    if (parts.length >= 2 && parts.length <= 4 && normPhone(parts[parts.length - 1]) && parts[parts.length - 1].replace(PHONE_RE, "").trim() === "") {
      const phone = normPhone(parts[parts.length - 1])!;
      const office = parts[parts.length - 2];
      if (/电话|^[-—:|]+$/.test(office)) continue;
      out.push({ ...(parts.length >= 3 ? { region: parts[parts.length - 3] } : {}), office, phone });
      continue;
    }
    // a cell of its own: phone; the two cells before it are region and office
    if (normPhone(t) && t.replace(PHONE_RE, "").trim() === "") {
      const prev: string[] = [];
      for (let j = i - 1; j >= 0 && prev.length < 2; j--) if (cells[j]) prev.unshift(cells[j]);
      if (prev.length === 2 && !normPhone(prev[0]) && !normPhone(prev[1]) && prev[1].length <= 40 && prev[0].length <= 12 && !/[。，]/.test(prev.join(""))) {
        out.push({ region: prev[0], office: prev[1], phone: normPhone(t)! });
        continue;
      }
    }
    // 工作机构：X / 办公电话：Y
    const lab = /^(?:工作机构|机构名称|办公室|受理机构|举报受理)[：:]\s*(.+)$/.exec(t);
    if (lab) {
      for (let j = i + 1; j <= i + 2 && j < cells.length; j++) {
        const pm = /^(?:办公|联系|咨询|举报|值班)?电话[：:]\s*(.+)$/.exec(cells[j]);
        if (pm && normPhone(pm[1])) {
          out.push({ office: lab[1].trim(), phone: normPhone(pm[1])! });
          break;
        }
      }
    }
  }
  return out;
}

interface Ctx extends DateContext {
  unresolved: ImportResult["unresolved"];
}

const PHASE_SECTION_RE = /(步骤|阶段|安排|进度|进程|组织实施|实施|推进|节点|时间)/;
const DATEISH = `[^（()）]*?(?:\\d|即日|[一二三四五六七八九十]月|年\\s*月)[^（()）]*?`;

const CN_ORD = "[一二三四五六七八九十]+";
/** A date in brackets; a bracket left unclosed before a colon ("第四阶段(3月9日—10日：汇总上报") still counts. */
const BRACKETED_DATE = `[（(]\\s*(${DATE_EXPR_SRC})\\s*(?:[)）]|(?=[：:]))`;

/**
 * Phases written inline, several to a line (text copied from a PDF or a web page loses its line breaks):
 * "（一）名称阶段（日期）…（二）…", "第一阶段（日期）：名称，第二阶段（日期）：名称", "第一阶段为4月—7月，…；第二阶段为…",
 * "第一阶段：9月20日至10月31日。". Each needs the word 阶段, so a bracketed date elsewhere is never a phase.
 */
function inlinePhases(line: string): { name: string; expr: string; index: number }[] {
  const found: { name: string; expr: string; index: number; end: number }[] = [];
  const add = (index: number, end: number, name: string, expr: string) => {
    if (!/\d|[一二三四五六七八九十]月|即日/.test(expr)) return;
    if (found.some((f) => index < f.end && end > f.index)) return;
    found.push({ index, end, name, expr });
  };
  let m: RegExpExecArray | null;
  const reA = new RegExp(`(第${CN_ORD}阶段)\\s*${BRACKETED_DATE}\\s*[：:]?\\s*([${CN}、]{2,16})?`, "g");
  while ((m = reA.exec(line))) add(m.index, m.index + m[0].length, m[3] ?? m[1], m[2]);
  const reB = new RegExp(`[（(](?:${CN_ORD}|\\d{1,2})[)）]\\s*([^（()）。；：:，,]{2,24}?阶段)\\s*${BRACKETED_DATE}`, "g");
  while ((m = reB.exec(line))) add(m.index, m.index + m[0].length, m[1], m[2]);
  const reC = new RegExp(`(第${CN_ORD}阶段)\\s*(?:为|是|[：:])\\s*(${DATE_EXPR_SRC})(?=\\s*(?:[，,。；;：:]|$))`, "g");
  while ((m = reC.exec(line))) add(m.index, m.index + m[0].length, m[1], m[2]);
  // a named phase and its dates: "宣传部署阶段为7月20日至8月30日；组织实施阶段为…" (news reports, run-on text)
  const reD = new RegExp(`(?<![${CN}])([${CN}]{2,8}阶段)\\s*(?:为|是)\\s*(${DATE_EXPR_SRC})(?=\\s*(?:[，,。；;]|$))`, "g");
  while ((m = reD.exec(line))) if (!/^(?:第|这|该|此|本|每|各)/.test(m[1])) add(m.index, m.index + m[0].length, m[1], m[2]);
  // a phase given only its finishing date: "2月13日前完成动员部署阶段" — the phase ends then (its start is not given)
  const reE = new RegExp(`(${DATE_EXPR_SRC})\\s*完成\\s*([${CN}]{2,10}?阶段)`, "g");
  while ((m = reE.exec(line))) if (/(之前|以前|前)$/.test(m[1]) && !new RegExp(RANGE_SEP).test(m[1])) add(m.index, m.index + m[0].length, m[2], m[1]);
  // dates then the phase they make: "4月20日至4月30日为宣传发动阶段，…；5月1日至8月20日为集中防控阶段" / "2025年3月—4月，为全面排查阶段", "本次检查10月15日至10月31日为自查阶段"
  const reF = new RegExp(`(?<![\\d年月])(?:自|从)?\\s*(${DATE_EXPR_SRC})\\s*[，,]?\\s*(?:为|是)\\s*([${CN}]{2,10}阶段)(?=\\s*(?:[，,。；;.]|$))`, "g");
  while ((m = reF.exec(line))) if (!/(之前|以前|前)$/.test(m[1]) && !/^(?:第|这|该|此|本|每|各)/.test(m[2])) add(m.index, m.index + m[0].length, m[2], m[1]);
  return found.sort((a, b) => a.index - b.index);
}

function extractPhases(body: string[], ctx: Ctx, masks: Set<string>): ImportResult["phases"] {
  const phases: ImportResult["phases"] = [];
  const pushPhase = (name: string, expr: string) => {
    masks.add(expr);
    const r = parseDateExpr(expr.replace(/完成$/, ""), ctx);
    if (r.ok) phases.push({ name, start: r.dueBy ? null : r.start, end: r.end, raw: expr.trim() });
    else {
      // "即日起至5月31日" with no issue date: the start is unknown, the written end is not (kept in unresolved)
      const tail = new RegExp(`^\\s*(?:自|从)?\\s*即日起?\\s*${RANGE_SEP}\\s*(.+)$`).exec(expr.replace(/完成$/, ""));
      const re = tail && /“即日”/.test(r.reason) ? parseDateExpr(tail[1], ctx) : null;
      phases.push({ name, start: null, end: re?.ok && !re.openEnded ? re.end : null, raw: expr.trim() });
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: expr.trim(), reason: `阶段“${name}”的日期无法确定：${r.reason}` });
    }
  };
  let section = "";
  let sectionHasPhases = false;
  let tableHasPhases = false;
  let skip = -1;
  for (let li = 0; li < body.length; li++) {
    if (li === skip) continue;
    const line = body[li].trim();
    // "第一阶段：各级发动…" with its period on the next line "时间：9月—10月": the phase and its dates (not a window)
    const ph = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段)\\s*[：:]?\\s*([^：:（()）\\d]{0,30})$`).exec(line);
    if (ph) {
      let j = li + 1;
      while (j < body.length && body[j].trim() === "") j++;
      const tm = new RegExp(`^(?:[${CN}]{0,4}时间|时间安排)\\s*[：:]\\s*(${DATE_EXPR_SRC})\\s*(?:[。；;，,]|$)`).exec((body[j] ?? "").trim());
      if (tm && /\d|[一二三四五六七八九十]月/.test(tm[1]) && !/(之前|以前|前)$/.test(tm[1])) {
        pushPhase((ph[2] ?? "").replace(/[，,。；;\s].*$/, "").trim() || ph[1], tm[1]);
        skip = j;
        continue;
      }
    }
    // "第二阶段：20xx年9月—12月" — a template with the year blanked: the phase is there, its dates are not
    const bl = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段)\\s*[：:]?\\s*[（(]?\\s*((?:20|19)?[xX×_＿]{2,4}\\s*年\\s*${DATE_EXPR_SRC})`).exec(line);
    if (bl) {
      phases.push({ name: bl[1], start: null, end: null, raw: bl[2].trim() });
      masks.add(bl[2]);
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: bl[2].trim(), reason: `阶段“${bl[1]}”的年份被隐去，日期无法确定` });
      continue;
    }
    // "（一）部署摸底阶段。各学校…，2024 年 月底前完成。" — a phase heading whose finishing date has its month left blank
    const hb = new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*([${CN}]{2,12}阶段)\\s*[。.：:]`).exec(line);
    if (hb) {
      const joined = /年\s*$/.test(line) && li + 1 < body.length ? line + body[li + 1].trim() : line;
      const bm = /((?:\d{4}|(?:20|19)?[xX×_＿]{2,4})\s*年[\s_＿]*月\s*(?:底|末)?\s*(?:之前|以前|前)\s*完成)/.exec(joined);
      if (bm) {
        phases.push({ name: hb[1], start: null, end: null, raw: bm[1].trim() });
        masks.add(bm[1]);
        ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: bm[1].trim(), reason: `阶段“${hb[1]}”的完成月份空白（原文未填写），需人工补充` });
        if (joined !== line) skip = li + 1;
        continue;
      }
      // the same heading with its finishing date written ("…，3月底前完成。"): the phase ends then, its start is not given
      const dm = new RegExp(`[，,]\\s*(${DATE_EXPR_SRC})\\s*完成\\s*[。.]?\\s*$`).exec(joined);
      if (dm && /(之前|以前|前)$/.test(dm[1]) && !new RegExp(RANGE_SEP).test(dm[1]) && /\d|[一二三四五六七八九十]月/.test(dm[1])) {
        pushPhase(hb[1], dm[1]);
        if (joined !== line) skip = li + 1;
        continue;
      }
    }
    // "3、巩固总结阶段（  月  日至  月  日）" — the dates left blank in the notice: the phase is there, its dates are not
    let bb = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段)\\s*[（(]((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*(?:${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*)?(?:之前|以前|前)?)[)）]`).exec(line);
    // in a 步骤/安排 section a numbered step with a blank RANGE is a phase too: "（三）督导评估（  月  日—  月  日）"
    const bs = bb ? null : new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*([${CN}、]{2,12})\\s*[（(]((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*)[)）]`).exec(line);
    if (!bb && bs && sectionHasPhases) bb = bs;
    // "第四阶段：巩固提升（  月  日—  月  日）" — the step's name between the ordinal and the blank range
    if (!bb) {
      const bn = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|第[一二三四五六七八九十]+步)\\s*[：:，,、]?\\s*([${CN}、]{2,12})\\s*[（(]((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*)[)）]`).exec(line);
      if (bn) bb = [bn[0], bn[2], bn[3]] as unknown as RegExpExecArray;
    }
    // "（三）总结提高阶段：  月  日至  月  日。" — the blank range after a colon instead of in brackets
    if (!bb) bb = new RegExp(`^\\s*(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段)\\s*[：:]\\s*((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?)\\s*(?:[。；;，,]|$)`).exec(line);
    if (bb && /(?:^|[\s_＿年])[\s_＿]*月/.test(bb[2]) && !/\d\s*月/.test(bb[2])) {
      phases.push({ name: bb[1], start: null, end: null, raw: bb[2].trim() });
      masks.add(bb[2]);
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: bb[2].trim(), reason: `阶段“${bb[1]}”的日期空白（原文未填写），需人工补充` });
      continue;
    }
    // "第四阶段：总结提升（时间另行通知）" — a phase whose dates the notice defers: the phase is there, its dates are not
    const deferred = new RegExp(`^\\s*(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段)\\s*[：:]?\\s*([${CN}、]{2,12})?\\s*[（(]\\s*((?:具体)?(?:时间|日期)?(?:另行通知|另行安排|另定|待定))\\s*[)）]`).exec(line);
    if (deferred) {
      const name = deferred[2] ?? deferred[1];
      phases.push({ name, start: null, end: null, raw: deferred[3] });
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: deferred[3], reason: `阶段“${name}”的日期原文写明另行通知，需人工补充` });
      continue;
    }
    // "一、6月4日~6月13日，各学院…" is a step that opens with its dates, not a new heading: the section goes on
    if (TOP_HEADING_RE.test(line) && !new RegExp(`^\\s*[一二三四五六七八九十]+、\\s*(?:自|从)?\\s*(?:${DATE_EXPR_SRC})\\s*[：:，,]`).test(line)) {
      section = line;
      sectionHasPhases = PHASE_SECTION_RE.test(line);
    } else if (/(?:安排|步骤|进度|日程)如下\s*[：:]\s*$/.test(line)) {
      // "现将…检查工作安排如下：" announces the steps that follow, as a 步骤/安排 heading would
      section = line;
      sectionHasPhases = true;
    }
    const inSection = sectionHasPhases;
    const inline = inlinePhases(line);
    if (inline.length) {
      for (const f of inline) pushPhase(f.name.replace(/[：:，,。\s]+$/, ""), f.expr);
      continue;
    }
    let name: string | null = null;
    let expr: string | null = null;
    // （一）名称（日期）  /  1. 名称（日期）
    let m = new RegExp(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、]|第[一二三四五六七八九十]+阶段[：:、]?|第[一二三四五六七八九十]+步[，,：:、]?)\\s*(?:第[一二三四五六七八九十]+阶段[：:、]?)?\\s*([^（(：:。，]{2,24}?)\\s*[（(](${DATEISH})[)）]`).exec(line);
    // "1、利用周一(5月6日)升旗仪式…": a bracket after a weekday is that weekday's date, not a phase's period
    if (m && (inSection || /阶段/.test(m[1]) || /^\s*第[一二三四五六七八九十]+阶段/.test(line)) && !/(?:周|星期)[一二三四五六日天]$/.test(m[1])) {
      name = m[1];
      expr = m[2];
    }
    // 第一阶段：名称（日期） / 第一阶段名称。日期，  / 第一阶段（日期）：名称
    if (!name) {
      m = new RegExp(`第[一二三四五六七八九十]+阶段\\s*[（(](${DATEISH})[)）]\\s*[：:]?\\s*([^，。；：:]{2,24})`).exec(line);
      if (m) {
        name = m[2];
        expr = m[1];
      }
    }
    if (!name) {
      m = new RegExp(`第[一二三四五六七八九十]+阶段\\s*[：:]?\\s*([^。；：:（(]{2,30}?)[。：:，,\\s]\\s*((?:${DATE_EXPR_SRC}))\\s*[，,。：:；]`).exec(line);
      if (m && /\d|即日/.test(m[2])) {
        name = m[1];
        expr = m[2];
      }
    }
    // 名称阶段：日期 / 名称阶段（日期） / 名称阶段：（日期）请各… (the period in brackets after the colon, the text running on)
    if (!name) {
      m = new RegExp(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])?\\s*([${CN}、]{2,16}阶段)\\s*[：:]\\s*(?:[（(]\\s*(${DATE_EXPR_SRC})\\s*[)）]|(${DATE_EXPR_SRC}))`).exec(line);
      if (m) m = [m[0], m[1], m[2] ?? m[3]] as unknown as RegExpExecArray;
      // "分为两个阶段：4月至7月为第一阶段，…；9月至12月为第二阶段" announces the phases: the dates belong to the first of them
      if (m && /分为?[一二三四五六七八九十两\d]+个阶段$/.test(m[1])) m = null;
      if (m) {
        name = m[1];
        expr = m[2];
      }
    }
    // （一）名称：日期  (inside a 步骤/安排 section)
    if (!name && inSection) {
      m = new RegExp(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*([${CN}、]{2,16}?)\\s*[：:]\\s*(${DATE_EXPR_SRC})\\s*(?:[。；;，,]|$)`).exec(line);
      // "检查时间：3月3日至4日" labels when something happens; it is not a phase named 检查时间
      if (m && !/(时间|日期|时限|期限)$/.test(m[1])) {
        name = m[1];
        expr = m[2];
      }
    }
    // 日期为名称阶段
    if (!name) {
      // also "9月1日—9月15日，动员部署阶段。" (the name after a comma, no 为)
      m = new RegExp(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])?\\s*(?:自|从)?\\s*(${DATE_EXPR_SRC})\\s*(?:[，,：:]\\s*(?:为|是)?|为|是)\\s*([${CN}、]{2,16}阶段)\\s*(?:[。；;，,]|$)`).exec(line);
      if (m && !/(之前|以前|前)$/.test(m[1])) {
        name = m[2];
        expr = m[1];
      }
    }
    // a table row "| 名称 | 日期 | 任务 |" in a 步骤/进度 section or under a header naming 阶段
    // (also without the outer pipes: "动员部署｜3月1日—3月15日｜任务｜单位", at least three cells)
    // (a table copied as text, its cells separated by runs of spaces: "1    部署启动    3月12日—3月23日    制定方案")
    const spaced = !/[|｜]/.test(line) && (line.trim().match(/\S(?: {2,}|\t+)(?=\S)/g)?.length ?? 0) >= 2;
    const pl = spaced ? line.trim().split(/ {2,}|\t+/).join("|") : line.replace(/｜/g, "|");
    if (/^\|.*\|/.test(pl) || (pl.split("|").length >= 3 && !/^\|/.test(pl))) {
      const cells = /^\|/.test(pl) ? pl.split("|").map((c) => c.trim()).filter((c, i, a) => i > 0 && i < a.length - 1) : pl.split("|").map((c) => c.trim());
      if (cells.some((c) => /^(?:阶段|步骤|环节)(?:名称)?$/.test(c))) tableHasPhases = true;
      const di = cells.findIndex((c) => new RegExp(`^(?:${DATE_EXPR_SRC})$`).test(c.replace(/\s+/g, "")) && /\d|[一二三四五六七八九十]月/.test(c) && !/(前|以前|之前)$/.test(c));
      const nm = di > 0 ? cells.slice(0, di).reverse().find((c) => new RegExp(`^[${CN}、]{2,12}$`).test(c)) : undefined;
      if (!name && (inSection || tableHasPhases) && nm && !/^(?:阶段|步骤|环节|时间)/.test(nm)) {
        name = nm;
        expr = cells[di];
      }
    } else if (line) tableHasPhases = false;
    // 1. 日期，名称。 (inside a 步骤/安排 section: the date leads, a short name follows)
    if (!name && inSection) {
      m = new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*(?:自|从)?\\s*(${DATE_EXPR_SRC})\\s*[，,：:]\\s*([${CN}、]{2,12})\\s*(?:[。；;]|$)`).exec(line);
      if (m && /\d|[一二三四五六七八九十]月/.test(m[1]) && !/(前|以前|之前)$/.test(m[1])) {
        name = m[2];
        expr = m[1];
      }
    }
    // （一）10月8日—10月19日：各学校进行宣传发动，… (a step of a 步骤/安排 section led by a date range and a colon;
    // what follows may be long, or on the next lines): a phase named by its first clause
    if (!name && inSection) {
      m = new RegExp(`^([（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*(?:自|从)?\\s*(${DATE_EXPR_SRC})\\s*[：:，,]\\s*([^，,。；;]*)`).exec(line);
      if (m && new RegExp(RANGE_SEP).test(m[2]) && /\d|[一二三四五六七八九十]月/.test(m[2]) && !/(前|以前|之前)$/.test(m[2])) {
        name = m[3].trim().slice(0, 24) || m[1];
        expr = m[2];
      }
    }
    // several phases in one sentence of a 步骤 section: "自A—B开展学校自查，C—D开展复查，10月由…组织抽查"
    // (the first may follow the colon of "分三步进行：11月2日至11月15日为学校自查阶段；…")
    if (!name && inSection) {
      // (the first may also follow the sentence's subject: "本次专项检查10月15日至10月31日为自查阶段，11月1日至…为整改阶段" —
      // then only a name ending in 阶段 counts)
      const clauseRe = new RegExp(`(?:^([${CN}]{2,10}?)|^|[，,；;。：:]|自|从)\\s*(${DATE_EXPR_SRC})\\s*(?:开展|进行|为|是|由[${CN}]{1,12}?(?:组织|开展|进行))\\s*([${CN}、“”"]{2,16}?)(?=[，,；;。]|$)`, "g");
      const found: [string, string][] = [];
      let cm: RegExpExecArray | null;
      while ((cm = clauseRe.exec(line))) if (/\d|[一二三四五六七八九十]月/.test(cm[2]) && !/(前|以前|之前)$/.test(cm[2]) && (!cm[1] || /阶段$/.test(cm[3]))) found.push([cm[3], cm[2]]);
      if (found.length >= 2) {
        for (const [n, e] of found) {
          const r = parseDateExpr(e, ctx);
          masks.add(e);
          if (r.ok && !r.dueBy) phases.push({ name: /^第.+阶段$/.test(n) ? n : n.replace(/阶段$/, "") || n, start: r.start, end: r.end, raw: e.trim() });
          else {
            phases.push({ name: n, start: null, end: null, raw: e.trim() });
            ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: e.trim(), reason: `阶段“${n}”的日期无法确定：${r.ok ? "只有截止日期" : r.reason}` });
          }
        }
        continue;
      }
    }
    // 第一阶段（动员部署）：9月1日—9月10日 — the name in brackets, the dates after it
    if (!name) {
      m = new RegExp(`^\\s*第[一二三四五六七八九十]+阶段\\s*[（(]([${CN}、]{2,12})[)）]\\s*[：:]?\\s*(${DATE_EXPR_SRC})\\s*(?:[。；;，,]|$)`).exec(line);
      if (m && new RegExp(RANGE_SEP).test(m[2])) {
        name = m[1];
        expr = m[2];
      }
    }
    // "第一阶段 动员部署 9月1日—9月10日" (a table copied as text: cells separated by spaces)
    if (!name) {
      m = new RegExp(`^\\s*第[一二三四五六七八九十]+阶段\\s+([${CN}、]{2,12})\\s+(${DATE_EXPR_SRC})\\s*$`).exec(line);
      if (m && new RegExp(RANGE_SEP).test(m[2])) {
        name = m[1];
        expr = m[2];
      }
    }
    // "（一）动员部署。9月1日—9月10日，各校制定方案。" — a short step name as its own sentence, then its period leads the next
    if (!name && inSection) {
      m = new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、]|第[一二三四五六七八九十]+步[，,：:、]?)\\s*([${CN}、]{2,12})\\s*[。.]\\s*(?:自|从)?\\s*(${DATE_EXPR_SRC})\\s*[，,：:]`).exec(line);
      if (m && new RegExp(RANGE_SEP).test(m[2]) && !/(之前|以前|前)$/.test(m[2])) {
        name = m[1];
        expr = m[2];
      }
    }
    if (!name || !expr) continue;
    name = name.replace(/^第[一二三四五六七八九十]+阶段[：:、]?/, "").replace(/^(?:为|是)(?=[\u4e00-\u9fa5]{2,}阶段$)/, "").replace(/[：:，,。\s]+$/, "").trim();
    if (!name) continue;
    pushPhase(name, expr);
  }
  void section;
  return phases;
}

function deliverableOf(sentence: string): string | null {
  const s = sentence.replace(/《[^》]*》/g, (x) => x);
  const m =
    /(?:形成|报送|上报|提交|填报|报)\s*([^，。；、]{0,4}?[“《]?[^，。；“”《》]{2,24}?(?:报告|总结|方案|名单|报表|自查表|统计表|材料|清单|文件|台账|简报|信息|表)[”》]?(?:[（(][^）)]{0,20}[)）])?)/.exec(s) ??
    /([“《][^”》]{2,30}[”》])/.exec(s) ??
    /([^，。；\s]{2,20}?(?:报告|总结|方案|名单|报表|自查表|材料|清单|台账))/.exec(s) ??
    // "把排查统计表于9月20日交…" (the date already cut out of the clause): what 把/将 takes is what is handed in
    /(?:把|将)([^，。；把将]{2,24}?)\s*[，,]\s*(?:交|报|送|上报|报送|提交|上交)/.exec(s);
  return m ? m[1].replace(/^(?:将|把|的)/, "") : null;
}

function recipientOf(sentence: string): string | undefined {
  const m = /(?:报送|上报|报|交|提交|发送|发至|送)(?:至|到|给)?\s*((?:区|市|县|省|州|上级|所属|本级|当地|各|[\u4e00-\u9fa5]{1,8}(?:省|市|区|县))[^，。；、（(\s]{0,30}(?:局|厅|办|科|室|股|处|中心|委|组|部门)(?:[（(][^）)]*[)）])?)/.exec(sentence);
  return m ? m[1] : undefined;
}

function whoOf(sentence: string): string | undefined {
  const m = /(各[^，。；、\s]{1,12}?(?:学校|单位|股室|科室|县（市、区）|县市区|市|区|幼儿园|中小学|部门))|((?:区|市|县|省)[^，。；\s]{1,10}?(?:局|厅|部门))(?=将|要|于|在|联合|组织)/.exec(sentence);
  return m ? (m[1] ?? m[2]) : undefined;
}

function clauseTitle(sentence: string, raw: string, at?: number): string {
  // the position matters: the same raw ("于9月20日") may occur twice in one sentence for two deliverables
  const i = at !== undefined && sentence.startsWith(raw, at) ? at : sentence.indexOf(raw);
  const cutAt = (str: string, off: number) => (off >= 0 && str.startsWith(raw, off) ? str.slice(0, off) + "，" + str.slice(off + raw.length) : str.replace(raw, "，"));
  const clauses = sentence.split(/(?<=[，,；])/);
  let acc = 0;
  let ci = 0;
  for (; ci < clauses.length; ci++) {
    if (i >= acc && i < acc + clauses[ci].length) break;
    acc += clauses[ci].length;
  }
  const near = cutAt((clauses[ci - 1] ?? "") + (clauses[ci] ?? "") + (clauses[ci + 1] ?? ""), (clauses[ci - 1] ?? "").length + i - acc);
  const d = deliverableOf(cutAt(clauses[ci] ?? "", i - acc)) ?? deliverableOf(near) ?? deliverableOf(cutAt(sentence, i));
  if (d) return d;
  const after = i >= 0 ? sentence.slice(i + raw.length) : "";
  const clause = after.split(/[，,；。]/)[0].replace(/^\s*(?:的|将|要|对)/, "").trim();
  if (clause.length >= 4) return clause.slice(0, 40);
  const before = i >= 0 ? sentence.slice(0, i).split(/[，,；。]/).pop()!.trim() : "";
  const prev = (clauses[ci - 1] ?? "").replace(/[，,；]$/, "").replace(/^[\d．.、\s]+/, "");
  const t = (before + clause).replace(/\s+/g, "");
  return (t.length >= 6 ? t : prev + "，" + t + raw).replace(/^，/, "").slice(0, 50);
}

function extractDeadlines(body: string[], ctx: Ctx, masks: Set<string>): ImportedDeadline[] {
  const original = body.join("\n");
  let text = original;
  // mask whole expressions only: a phase's "10月" must not hide the "10月" of a later "10月8日前"
  for (const m of masks)
    if (m) text = text.replace(new RegExp(`(?<![\\d年])${m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\d一二三四五六七八九十]|\\s*[日号]|上|中|下|底|末)`, "g"), (x) => "※".repeat(x.length));
  // hide 《titles》 so their years and months are never read as dates (same length: offsets stay valid)
  text = text.replace(/《[^》\n]*》/g, (x) => "《" + "·".repeat(x.length - 2) + "》");
  const sentences: { s: string; o: string; at: number }[] = [];
  {
    let pos = 0;
    for (const part of text.split(/(?<=[。；;！!？?\n])/)) {
      sentences.push({ s: part, o: original.slice(pos, pos + part.length), at: pos });
      pos += part.length;
    }
  }
  const out: ImportedDeadline[] = [];
  const seen = new Set<string>();
  const push = (d: ImportedDeadline) => {
    // the same date restated is one deadline; two different things due the same day are two
    // ("12月1日前完成自查…", "…12月1日前上交申报表"); undated ones are told apart by their raw text
    const what = d.kind === "once" || d.kind === "window" ? (d.due === null || d.start === null ? d.raw + d.title : d.title) : "";
    const k = `${d.kind}|${d.kind === "immediate" ? d.raw : ""}|${d.due ?? ""}|${d.start ?? ""}|${d.end ?? ""}|${JSON.stringify(d.rule ?? "")}|${d.days ?? ""}|${d.dayType ?? ""}|${what}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(d);
  };
  const N = "(\\d+|[一二两三四五六七八九十]+)";
  // the same event announced ("拟于11月24日举行…") and restated under its own time label ("演练时间：11月24日…") is one
  // window; two labelled activities on one day (a lecture and a drill) stay two
  const windowsBy = { labelled: new Set<string>(), plain: new Set<string>() };
  const pushWindow = (d: ImportedDeadline, labelled: boolean) => {
    const k = `${d.start}|${d.end}`;
    if (d.start && (labelled ? windowsBy.plain : windowsBy.labelled).has(k)) return;
    if (d.start) (labelled ? windowsBy.labelled : windowsBy.plain).add(k);
    push(d);
  };
  for (const sentence of sentences) {
    const s = sentence.s.replace(/\n/g, "");
    const o = sentence.o.replace(/\n/g, "");
    const orig = (a: number, b: number) => o.slice(a, b);
    if (!s.trim()) continue;
    const used: [number, number][] = [];
    const free = (a: number, b: number) => !used.some(([x, y]) => a < y && b > x);
    const take = (a: number, b: number) => used.push([a, b]);
    let m: RegExpExecArray | null;

    // relative: 事件处置结束后 5 日内 / 办结后3个工作日内
    // (a school-calendar event the notice does not date — 开学后5日内, 放假离校后3日内, 返校后 — is an event like any other)
    const relRe = new RegExp(`([${CN}]{0,8}?(?:结束|闭幕|完成|办结|结案|终结|发生|发现|处理完毕|处置完毕|受理|接报|接到[${CN}]{0,6}|收到[${CN}]{0,6}|启动[${CN}]{0,6}|开学|放假|离校|返校))(?:之日)?(?:起|后)\\s*${N}\\s*(个)?\\s*(工作日|自然日|日|天)\\s*(?:内|以内)`, "g");
    while ((m = relRe.exec(s))) {
      const days = parseNum(m[2]);
      if (days === null) continue;
      take(m.index, m.index + m[0].length);
      push({ kind: "relative", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), days, dayType: m[4] === "工作日" ? "working" : m[4] === "自然日" ? "calendar" : "unspecified", raw: m[0].trim() });
    }
    // "从6月20日起开展为期10天的集中宣传": a window of that many days from the date (周 = 7 days)
    const forRe = new RegExp(`(?:从|自|于)\\s*((?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号])\\s*(?:起|开始)[^。；;，,]{0,16}?为期\\s*${N}\\s*(天|日|周)`, "g");
    while ((m = forRe.exec(s))) {
      const n = parseNum(m[2]);
      const r = parseDateExpr(m[1], ctx);
      if (n === null || n < 1 || !free(m.index, m.index + m[0].length)) continue;
      take(m.index, m.index + m[0].length);
      const days = m[3] === "周" ? 7 * n : n;
      if (r.ok && r.start) pushWindow({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: r.start, end: addDays(r.start, days - 1), raw: m[0].trim() }, false);
      else {
        pushWindow({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: null, end: null, raw: m[0].trim() }, false);
        ctx.unresolved.push({ field: "deadlines", raw: o, reason: `日期“${m[1]}”无法确定：${r.ok ? "不是具体日期" : r.reason}` });
      }
    }
    // "事件发生后，学校须在2日内…，5个工作日内…": limits in later clauses of an anchored sentence
    // (the event may be named between: "学校发生学生欺凌事件后，应在3个工作日内…")
    // (also a school-calendar event: "开学后，各校须在5日内…")
    const anchorM = /(?:发生[^，。；、]{0,10}?|结束|完毕|办结|结案|接报|接到[^，。；]{0,6}|收到[^，。；]{0,6}|受理[^，。；]{0,6}|开学|放假|离校|返校)(?:之日)?(?:起|后)[，,]/.exec(s);
    if (anchorM) {
      const limRe = new RegExp(`${N}\\s*(个)?\\s*(工作日|自然日|日|天)\\s*(?:内|以内)`, "g");
      limRe.lastIndex = anchorM.index + anchorM[0].length;
      while ((m = limRe.exec(s))) {
        const days = parseNum(m[1]);
        if (days === null || !free(m.index, m.index + m[0].length)) continue;
        take(m.index, m.index + m[0].length);
        const raw = orig(anchorM.index, anchorM.index + anchorM[0].length) + "…" + orig(m.index, m.index + m[0].length);
        push({ kind: "relative", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), days, dayType: m[3] === "工作日" ? "working" : m[3] === "自然日" ? "calendar" : "unspecified", raw });
      }
    }
    // recurring: 每月25日前
    const monRe = new RegExp(`每(?:个)?月\\s*${N}\\s*[日号]\\s*(?:之前|以前|前)?`, "g");
    while ((m = monRe.exec(s))) {
      const day = parseNum(m[1]);
      if (day === null || day < 1 || day > 31) continue;
      take(m.index, m.index + m[0].length);
      push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: "month", day }, raw: m[0].trim(), ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
    }
    // a monthly report due in the following month: "每月填写月报表…于次月10日前报送"
    if (/每(?:个)?月|月报/.test(s)) {
      const nextRe = new RegExp(`次月\\s*${N}\\s*[日号]\\s*(?:之前|以前|前)?`, "g");
      while ((m = nextRe.exec(s))) {
        const day = parseNum(m[1]);
        if (day === null || day < 1 || day > 31 || !free(m.index, m.index + m[0].length)) continue;
        take(m.index, m.index + m[0].length);
        push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: "month", day }, raw: orig(m.index, m.index + m[0].length).trim(), ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
      }
    }
    const monEndRe = /每(?:个)?月(?:底|末)(?:之前|以前|前)?/g;
    while ((m = monEndRe.exec(s))) {
      take(m.index, m.index + m[0].length);
      push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: "month", day: 31 }, raw: m[0] });
    }
    // every N months / quarter / half year
    const nmRe = new RegExp(`每(?:${N}个月|(季度)|(半年))`, "g");
    while ((m = nmRe.exec(s))) {
      const n = m[2] ? 3 : m[3] ? 6 : parseNum(m[1]);
      if (!n) continue;
      // "落实…幼儿园每季度一次的演练要求": a standing rule cited as a requirement, not a task of this notice
      if (new RegExp(`^[^，。；;]{0,10}?的[${CN}]{0,8}?(?:要求|规定|标准|制度)`).test(s.slice(m.index + m[0].length))) continue;
      const raw = /每[^，。；]{0,20}/.exec(s.slice(m.index))![0];
      // 每季度末 / 每季度最后一个月: a calendar quarter's end — dated by the calendar, not by a start month
      const qEnd = m[2] ? /^(?:末|底|最后一天|结束前)/.exec(s.slice(m.index + m[0].length)) : null;
      if (qEnd) {
        take(m.index, m.index + m[0].length + qEnd[0].length);
        push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length + qEnd[0].length), m.index), rule: { every: "quarter", day: "last" }, raw });
        continue;
      }
      take(m.index, m.index + m[0].length);
      push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: `${n} months` }, raw });
      ctx.unresolved.push({ field: "deadlines.rule.anchor", raw, reason: "周期性事项未写明从哪个月开始（起始月份需人工确定）" });
    }
    // per semester: 每学期至少1-2次
    const semRe = new RegExp(`每(?:个)?学期[${CN}]{0,16}?${N}\\s*(?:[-－—~～至到]\\s*${N})?\\s*次`, "g");
    while ((m = semRe.exec(s))) {
      const min = parseNum(m[1]);
      const max = m[2] ? parseNum(m[2]) : null;
      if (min === null) continue;
      take(m.index, m.index + m[0].length);
      const rule: Record<string, unknown> = { every: "semester", min };
      if (max !== null) rule.max = max;
      push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule, raw: m[0] });
    }
    // weekly: 每周五 / 每周一前
    const wkRe = /每(?:个)?(?:周|星期|礼拜)([一二三四五六日天])/g;
    while ((m = wkRe.exec(s))) {
      const weekday = "一二三四五六日".indexOf(m[1] === "天" ? "日" : m[1]) + 1;
      take(m.index, m.index + m[0].length);
      push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: "week", weekday }, raw: orig(m.index, m.index + m[0].length) });
    }
    // every N weeks: no start date in the text, so no dated rule
    const nwRe = new RegExp(`每(?:隔)?${N}(?:个)?(?:周|星期)`, "g");
    while ((m = nwRe.exec(s))) {
      if (parseNum(m[1]) === 1) continue;
      take(m.index, m.index + m[0].length);
      ctx.unresolved.push({ field: "deadlines", raw: o.slice(m.index, m.index + m[0].length + 12).trim(), reason: "每隔数周一次的周期未写明起始日期，未生成日期，请在计划中按需设置" });
    }
    // hour limits (24小时内) are not day deadlines: report them, do not convert
    const hrRe = new RegExp(`${N}\\s*(?:个)?小时(?:内|以内)`, "g");
    while ((m = hrRe.exec(s))) {
      take(m.index, m.index + m[0].length);
      const ctxRaw = o.slice(Math.max(0, m.index - 16), m.index + m[0].length);
      ctx.unresolved.push({ field: "deadlines", raw: ctxRaw.trim(), reason: "按小时计的时限（事件触发），未换算为日期，请在计划中按需设置" });
    }
    // blank dates: ____年__月__日前 / 年 月 日前
    const blankRe = /(?:_{1,}|\s)\s*年\s*(?:_{1,}|\s)\s*月\s*(?:_{1,}|\s)?\s*日\s*(?:之前|以前|前)/g;
    while ((m = blankRe.exec(s))) {
      take(m.index, m.index + m[0].length);
      ctx.unresolved.push({ field: "deadlines", raw: o.slice(Math.max(0, m.index - 8), m.index + m[0].length + 12).trim(), reason: "日期空白（原文未填写年月日），需人工补充" });
    }
    // immediate: 立即启动 / 第一时间…启动
    const immRe = /(?:立即|第一时间)[^，。；]{0,6}?启动[^，。；]{0,20}/g;
    while ((m = immRe.exec(s))) {
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      push({ kind: "immediate", title: raw.replace(/^(?:立即|第一时间)[^启]*启动/, "启动"), raw });
    }
    // an obligation to report or act at once: "学校必须立即向县教体局报告", "须立即报警", "教师要立即进行劝阻"
    // (must + 立即 + report / alarm / take measures / stop — "要立即停止供应相关食品"): an immediate task, no date
    // (a report to someone at once — 立即/第一时间 报告/上报/报警 — is a task even when the must-word is left out:
    // "一旦发生溺水事故，第一时间向教育局报告")
    const immActRe = /(?:(?:必须|须|应当|应|要|务必)(?:按要求)?\s*(?:立即|第一时间|马上)(?:向[^，。；、]{1,14}?)?(?:电话|书面)?(?:报告|上报|报警|采取[^，。；]{0,6}?措施|进行劝阻|劝阻|制止|停止(?:使用|供应|销售|营业|活动|施工|运行)?)|(?:立即|第一时间|马上)(?:向[^，。；、]{1,14}?)?(?:电话|书面)?(?:报告|上报|报警))[^，。；]{0,16}/g;
    while ((m = immActRe.exec(s))) {
      if (!free(m.index, m.index + m[0].length)) continue;
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      push({ kind: "immediate", title: raw.replace(/^(?:必须|须|应当|应|要|务必)?(?:按要求)?\s*/, ""), raw });
    }
    // a weekday with its date in brackets: "于下周一（11月2日）之前" / "本周五(3月8日)前" — the bracketed date is the due day
    const wdRe = new RegExp(`(?:本|下|这)?(?:周|星期)[一二三四五六日天]\\s*[（(]\\s*(${DATE_EXPR_SRC})\\s*[)）]\\s*(之前|以前|前)`, "g");
    while ((m = wdRe.exec(s))) {
      if (!free(m.index, m.index + m[0].length) || !/\d/.test(m[1])) continue;
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      const r = parseDateExpr(m[1] + m[2], ctx);
      if (r.ok && r.granularity === "day") push({ kind: "once", title: clauseTitle(o, raw), due: r.end, raw, ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
      else ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”无法确定：${r.ok ? "不是具体某一天" : r.reason}` });
    }
    // "本周日前" / "下周三前": a weekday counted from the issue date (weeks run Monday to Sunday); no issue date → unresolved
    const relWdRe = /(本|这|下)\s*(?:周|星期)\s*([一二三四五六日天])\s*(?:下班|上午|下午|中午|晚上)?\s*(之前|以前|前)(?!\s*[（(])/g;
    while ((m = relWdRe.exec(s))) {
      if (!free(m.index, m.index + m[0].length)) continue;
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      const target = "一二三四五六日".indexOf(m[2] === "天" ? "日" : m[2]) + 1;
      if (!ctx.issueDate || !isIsoDate(ctx.issueDate)) {
        ctx.unresolved.push({ field: "deadlines", raw, reason: `“${raw}”相对于发文日期，但未找到发文日期` });
        continue;
      }
      const wd = dayOfWeek(ctx.issueDate) || 7;
      const offset = target - wd + (m[1] === "下" ? 7 : 0);
      if (offset < 0) {
        ctx.unresolved.push({ field: "deadlines", raw, reason: `“${raw}”早于发文日期（${ctx.issueDate}），请人工确认` });
        continue;
      }
      push({ kind: "once", title: clauseTitle(o, raw), due: addDays(ctx.issueDate, offset), raw, ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
    }
    // "本月底前" / "下月10日前": a month counted from the issue date; no issue date → unresolved ("每月…" is a rule, not this)
    const relMonRe = /(?<!每)(本月|当月|下月|下个月)\s*(?:(底|末)|(\d{1,2})\s*[日号])\s*(?:下班|上午|下午|中午|晚上)?\s*(之前|以前|前)/g;
    while ((m = relMonRe.exec(s))) {
      if (!free(m.index, m.index + m[0].length) || /每[^，。；;]{0,6}$/.test(s.slice(0, m.index))) continue;
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      if (!ctx.issueDate || !isIsoDate(ctx.issueDate)) {
        ctx.unresolved.push({ field: "deadlines", raw, reason: `“${raw}”相对于发文日期，但未找到发文日期` });
        continue;
      }
      let y = Number(ctx.issueDate.slice(0, 4));
      let mo = Number(ctx.issueDate.slice(5, 7));
      if (/^下/.test(m[1])) [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
      const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      const day = m[2] ? last : Number(m[3]);
      const due = `${y}-${String(mo).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      if (day < 1 || day > last || due < ctx.issueDate) {
        ctx.unresolved.push({ field: "deadlines", raw, reason: `“${raw}”无法确定或早于发文日期（${ctx.issueDate}），请人工确认` });
        continue;
      }
      push({ kind: "once", title: clauseTitle(o, raw), due, raw, ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
    }
    // "从即日起到12月29日…，学校将于31日前…": a day without its month takes the month of the date just before it in the
    // same sentence, when it does not come before that date (otherwise it is unclear: unresolved)
    const bareRe = /(?:于|在)\s*(\d{1,2})\s*[日号]\s*(之前|以前|前)/g;
    while ((m = bareRe.exec(s))) {
      if (!free(m.index, m.index + m[0].length) || /[月\d]\s*$/.test(s.slice(0, m.index))) continue;
      const prev = [...o.slice(0, m.index).matchAll(/(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g)].pop();
      if (!prev) continue;
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      if (Number(m[1]) < Number(prev[3])) {
        ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”没有写月份，且早于前文的${prev[0]}，请人工确认` });
        continue;
      }
      const r = parseDateExpr(`${prev[1] ? prev[1] + "年" : ""}${prev[2]}月${m[1]}日${m[2]}`, ctx);
      if (r.ok) push({ kind: "once", title: clauseTitle(o, raw, m.index), due: r.end, raw, ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
      else ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”无法确定：${r.reason}` });
    }
    // a period in brackets after 期间: "在开学期间全天（2月10日至20日）…加强巡逻" — when something happens
    const perRe = new RegExp(`期间[${CN}]{0,3}\\s*[（(]\\s*(${DATE_EXPR_SRC})\\s*[)）]`, "g");
    while ((m = perRe.exec(s))) {
      if (!free(m.index, m.index + m[0].length) || !new RegExp(RANGE_SEP).test(m[1]) || /(之前|以前|前)$/.test(m[1])) continue;
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      const r = parseDateExpr(m[1], ctx);
      if (r.ok) push({ kind: "window", title: clauseTitle(o, raw), start: r.start, end: r.end, raw });
      else {
        ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${m[1]}”无法确定：${r.reason}` });
        if (/缺少年份/.test(r.reason)) push({ kind: "window", title: clauseTitle(o, raw), start: null, end: null, raw });
      }
    }
    // "具体时间为3月17日-3月21日、4月21日-4月25日、5月19日-5月23日": several periods listed after 时间为 — one window each
    // (a list cannot be one span); an element that is not a clean date is reported, never guessed
    const listRe = new RegExp(`时间\\s*(?:为|是|[：:])\\s*((?:[^、，,。；;\\s]{3,20}[、])+[^、，,。；;\\s]{3,20})`, "g");
    while ((m = listRe.exec(s))) {
      const els = m[1].split("、");
      const at = m.index + m[0].length - m[1].length;
      if (els.length < 2 || !free(at, at + m[1].length) || !els.every((e) => /\d+\s*月/.test(e)) || !els.some((e) => new RegExp(`^(?:${DATE_EXPR_SRC})$`).test(e))) continue;
      take(at, at + m[1].length);
      let off = at;
      for (const e of els) {
        const raw = orig(off, off + e.length);
        off += e.length + 1;
        const r = new RegExp(`^(?:${DATE_EXPR_SRC})$`).test(e) ? parseDateExpr(e, ctx) : null;
        if (r && r.ok && !r.dueBy) pushWindow({ kind: "window", title: clauseTitle(o, raw), start: r.start, end: r.end, raw }, true);
        else ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”无法确定：${r && !r.ok ? r.reason : "不是完整的日期（可能有错字）"}` });
      }
    }
    // dated: once (…前) and window (于…)
    const dRe = new RegExp(`(?:(?:请|须|要|应|并|将|拟|定|务必)?(?:于|在|截至|截止到?|(?:截止|截至|截稿|报名截止|提交截止)(?:时间|日期)\\s*(?:为|是|[：:])?|(?:最迟|最晚)(?:不超过|不晚于|于)?|不晚于|不迟于))?\\s*(${DATE_EXPR_SRC})`, "g");
    while ((m = dRe.exec(s))) {
      const a = m.index;
      const b = m.index + m[0].length;
      const expr = m[1];
      if (!free(a, b)) continue;
      if (!/\d|[一二三四五六七八九十]月/.test(expr) || /^即日/.test(expr)) continue;
      if (!/月/.test(expr)) continue;
      const before = s.slice(Math.max(0, a - 2), a);
      if (/每$|每个$/.test(before)) continue;
      const prefix = m[0].slice(0, m[0].length - expr.length);
      // "于开学第一周（9月4日—9月8日）开展…": the date in brackets glosses a time phrase after 于/在
      const hasYu = /于|在|截至|截止/.test(prefix) || (new RegExp(`(?:于|在)[${CN}\\d]{1,10}[（(]\\s*$`).test(s.slice(Math.max(0, a - 14), a)) && /^\s*[)）]/.test(s.slice(b)));
      // "截至2023年8月底，全县共排查隐患326处，已整改…": a count as of a day is a report, not a deadline
      if (/截至|截止/.test(prefix) && /^\s*[，,]\s*[^，。；;]{0,12}?(?:已|共|累计)(?!须|要|应)/.test(s.slice(b))) {
        take(a, b);
        continue;
      }
      // "于9月20日交学区办公室" / "9月20日上报": a day followed by a hand-in verb is the due day, even without 前
      const handIn = new RegExp(`^${TIME_TAIL_SRC}\\s*(?:报送|上报|上交|提交|送交|送达|报至|交至|交到|交(?!流|通|界|叉|替)|报(?!告|道|名|警)|(?:发布|上传|发送)(?:在|到|至)|发至)`).test(s.slice(m.index + m[0].length));
      const due = /(之前|以前|前)$/.test(expr) || /截至|截止|截稿|最迟|最晚|不晚于|不迟于|不超过/.test(prefix) || (handIn && /[日号]$/.test(expr.replace(/\s+/g, "")) && !new RegExp(RANGE_SEP).test(expr));
      const after = s.slice(b, b + 2);
      // "检查时间：3月3日至4日" / "督查时间为9月10日": when an inspection, meeting … takes place
      const labelled =
        new RegExp(`${EVENT_LABEL}\\s*(?:为|是|[：:])\\s*$`).test(s.slice(Math.max(0, a - 12), a)) ||
        // "时间：2019年11月12日 14:30" under one activity: a single day (or, when the notice lists several activities' times, a
        // range) is that activity's time; the campaign's own period (one range) was taken as the span and masked before
        new RegExp(`(?<![${CN}])时间\\s*(?:为|是|[：:])\\s*$`).test(s.slice(Math.max(0, a - 6), a));
      const clauseStart =
        (/(^|[。；;，,\n：:])\s*$/.test(s.slice(0, a)) && /^\s*[，,]/.test(s.slice(b)) && /^[\s，,]*[^，。；]{0,12}?(将|组织|开展|进行|召开|举行|对)/.test(s.slice(b))) ||
        // the whole sentence hangs on the date (it opens the sentence); the action may come a few clauses later; a
        // report of something done (了) is not a plan
        // ("12月4日上午9时-12时，组织人员…": a time range of the day may stand between the date and the comma)
        (/(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(s.slice(0, a)) && new RegExp(`^${TIME_TAIL_SRC}(?:\\s*[-—–~～至到]\\s*\\d{1,2}\\s*(?:[:：]\\s*\\d{2}|[时点]))?\\s*[，,]`).test(s.slice(b)) && /^[^。；;了]{0,60}?(组织|开展|进行|召开|举行)/.test(s.slice(b)) && !/^[^。；;]*了/.test(s.slice(b))) ||
        (/(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(s.slice(0, a)) &&
          new RegExp(`^${TIME_TAIL_SRC}\\s*(?:之间|期间)?\\s*(?:[（(][^（()）]{1,10}[)）])?\\s*(?!是)[^，。；;了]{0,30}?(?:召开|举行|开展|进行|组织)`).test(s.slice(b)) &&
          !/^[^。；;]*了/.test(s.slice(b)));
      // "政教处10月下旬组织…": a date right after a department or unit, followed by what it does
      const subjectStart =
        /(?:处|局|厅|科|室|股|组|中心|学校|各校|委员会|办)\s*$/.test(s.slice(Math.max(0, a - 6), a)) && /^\s*(?:将|要|须|应)?\s*(?:组织|开展|进行|召开|举行)/.test(s.slice(b));
      // "迎接市里九月下旬对我市…的检查": a date directly followed by 对 + whom + an inspection is when it happens
      const inspection = /^\s*对[^，。；,;]{1,30}?(?:检查|督查|抽查|督导|验收|评估|考核|调研)/.test(s.slice(b));
      // "11月20日至12月15日。结合…开展…": a period standing alone as a line's first sentence, under an activity's heading, is
      // when that activity runs (the campaign's own period was taken as the span and masked before)
      // (not under a time heading — "二、时间安排" + a period is the campaign's own time, not one activity's)
      const headingAbove = (original.slice(0, sentence.at).split("\n").filter((x) => x.trim()).pop() ?? "").trim();
      const periodLine = /(?:^|\n)\s*$/.test(sentence.s.slice(0, sentence.s.indexOf(s.slice(a, b)))) && a === s.search(/\S/) && new RegExp(RANGE_SEP).test(expr) && /^\s*。/.test(s.slice(b)) && /\d+\s*月\s*\d+\s*[日号]/.test(expr) && !/(?:时间|日期|期限|时限|安排|步骤|进度)\s*[：:]?$/.test(headingAbove);
      // "6月10日启动，6月25日完成": a task started on one day and finished on another runs between them
      const startFinish = /^\s*(?:正式)?启动\s*[，,]/.test(s.slice(b)) && !hasYu;
      if (startFinish) {
        const fm = new RegExp(`^\\s*(?:正式)?启动\\s*[，,]\\s*(${DATE_EXPR_SRC})\\s*(?:前)?(?:完成|完毕)`).exec(s.slice(b));
        if (fm && !new RegExp(RANGE_SEP).test(expr) && !/(之前|以前|前)$/.test(expr)) {
          take(a, b + fm[0].length);
          const r1 = parseDateExpr(expr, ctx);
          const r2 = parseDateExpr(fm[1].replace(/(之前|以前|前)$/, ""), ctx);
          const raw = orig(a, b + fm[0].length).trim();
          const title = clauseTitle(o, raw, a);
          if (r1.ok && r2.ok && r1.start && r2.end && r2.end >= r1.start) pushWindow({ kind: "window", title, start: r1.start, end: r2.end, raw }, false);
          else {
            pushWindow({ kind: "window", title, start: null, end: null, raw }, false);
            ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”无法确定：${!r1.ok ? r1.reason : !r2.ok ? r2.reason : "终点早于起点"}` });
          }
          continue;
        }
      }
      // "4、6月25日上午9:00街头宣传，地点：…": a sentence opening with a day whose activity names its place is that event's time
      const withPlace = /(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(s.slice(0, a)) && /^[^。；;了]{0,30}?[，,]\s*(?:活动)?地点\s*[：:为]/.test(s.slice(b)) && !due;
      // "利用周一（12月1日）国旗下讲话时间…" / "利用3月28日升旗仪式…": the occasion used for an activity is when it happens
      const occasion = /利用\s*(?:(?:本|下)?(?:周|星期)[一二三四五六日天])?\s*[（(]?\s*$/.test(s.slice(Math.max(0, a - 10), a)) && new RegExp(`^\\s*[)）]?\\s*(?:的)?[${CN}“”]{0,12}?(?:时间|仪式|班会|晨会|班队会|课)`).test(s.slice(b)) && !due;
      // "1、4月15日，各单位在门户网站转载…": a numbered item opening with a day, then who acts (各单位/各校/学校…) — that day's activity
      const itemSubject = /^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．])\s*$/.test(s.slice(0, a)) && new RegExp(`^${TIME_TAIL_SRC}\\s*[，,]\\s*(?:各[${CN}]{1,4}|学校|全校|全体[${CN}]{1,4}|[${CN}]{1,6}(?:处|部|科|办|室|组|中心))\\s*(?:要|须|将|应)?\\s*(?:在|于|利用|通过|组织|开展|进行|召开|举行)`).test(s.slice(b)) && !/^[^。；;]*了/.test(s.slice(b)) && !due;
      // "9月1日至9月7日为开学安全教育周，各校要…": a period named as an event week or month is when it runs
      const namedPeriod = /(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(s.slice(0, a)) && new RegExp(RANGE_SEP).test(expr) && new RegExp(`^\\s*(?:为|是)[${CN}“”"]{2,16}(?:周|月)\\s*[，,。；;]`).test(s.slice(b)) && !due;
      // "检查分两批进行：第一批11月13日—17日，第二批11月20日—24日": each batch's days
      const batch = new RegExp(`第[一二三四五六七八九十\\d]+批次?\\s*[：:为]?\\s*$`).test(s.slice(Math.max(0, a - 8), a)) && !due;
      if (!due && !hasYu && !namedPeriod && !batch && !clauseStart && !subjectStart && !labelled && !inspection && !periodLine && !withPlace && !occasion && !itemSubject) continue; // a bare date in running text is not a deadline
      if (/^(以来|以后|之后|起)/.test(after)) continue;
      // "《办法》将于9月1日起施行": when a rule takes effect is not a task of the campaign
      if (/^\s*(?:正式)?(?:施行|生效|(?:实施|执行)\s*(?:[。；;，,]|$))/.test(s.slice(b))) {
        take(a, b);
        continue;
      }
      // "在5月8前": a month followed by a number that is not a day (日 missing) — incomplete, never a whole month
      if (!/[日号旬底末前后起]$/.test(expr.replace(/\s+/g, "")) && /^\s*(?:\d|[一二三四五六七八九十]+[日号]?前)/.test(s.slice(b))) {
        take(a, b);
        ctx.unresolved.push({ field: "deadlines", raw: o.slice(Math.max(0, a - 8), b + 6).trim(), reason: `日期“${o.slice(a, b + 3).trim()}”不完整（缺少“日”或有错字），请人工确认` });
        continue;
      }
      take(a, b);
      const r = parseDateExpr(expr, ctx);
      const raw = m[0].trim();
      if (!r.ok) {
        ctx.unresolved.push({ field: "deadlines", raw: s.trim().slice(0, 80), reason: `日期“${raw}”无法确定：${r.reason}` });
        // the deadline exists, only its year is unknown: keep it, undated, for a person to date
        if (/缺少年份/.test(r.reason)) {
          const title = clauseTitle(o, orig(m.index, m.index + m[0].length), m.index);
          if (due) push({ kind: "once", title, due: null, raw });
          else push({ kind: "window", title, start: null, end: null, raw });
        }
        continue;
      }
      // the school calendar ("于9月1日正式开学", "1月20日放寒假") is not a task of the notice
      if (!due && /^\s*(?:起)?\s*(?:正式)?(?:开学|放假|放寒假|放暑假)(?![前之以])/.test(s.slice(b))) continue;
      // a report of what already happened ("会议于8月20日…召开，会上传达了…", before the notice was issued) is not a task
      if (!due && ctx.issueDate && r.end && r.end < ctx.issueDate && /(?<![为除])了(?![解结如])/.test(s)) continue;
      const extra = { ...(whoOf(o) ? { who: whoOf(o) } : {}), ...(recipientOf(o) ? { to: recipientOf(o) } : {}) };
      if (due) {
        if (r.granularity === "month" || (r.granularity === "range" && r.end === null)) {
          ctx.unresolved.push({ field: "deadlines", raw, reason: "“X月前”含义不明确（该月1日前还是月底前），请人工确认" });
          continue;
        }
        push({ kind: "once", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), due: r.end, raw, ...extra });
      } else if (r.openEnded) {
        push({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: r.start, end: null, raw, ...extra });
      } else {
        pushWindow({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: r.start, end: r.end, raw, ...extra }, labelled);
        // "将分别于10月26日（广州）、28日（清远）举行": further days of the same month listed after a one-day event
        if (r.granularity === "day" && r.start) {
          const lm = /^((?:\s*[（(][^（()）]{1,10}[)）])?\s*[、和及]\s*(\d{1,2})\s*[日号])/;
          let rest = b;
          let dm: RegExpExecArray | null;
          while ((dm = lm.exec(s.slice(rest)))) {
            const day = Number(dm[2]);
            const d = `${r.start.slice(0, 8)}${String(day).padStart(2, "0")}`;
            take(rest, rest + dm[0].length);
            if (day > Number(r.start.slice(8, 10)) && day <= 31 && isIsoDate(d) && Number(d.slice(8, 10)) === day) pushWindow({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: d, end: d, raw: orig(rest, rest + dm[0].length).trim(), ...extra }, labelled);
            else ctx.unresolved.push({ field: "deadlines", raw: orig(rest, rest + dm[0].length).trim(), reason: "列出的日期没有写月份，且不在前一日期之后，请人工确认" });
            rest += dm[0].length;
          }
        }
      }
    }
  }
  return out;
}

/** Import a notice's plain text. */
/**
 * A schedule table flattened to text — a header row naming a 时间 column and a 内容/任务/事项 column, then rows whose cells
 * stand apart by wide gaps, tabs or pipes ("2　　3月中旬　　全市校车驾驶人集中培训　　市教育局"): a row whose time cell is a
 * period (a 旬, a month, a range — not a "…前" deadline, read elsewhere) is when that row's work takes place, a window.
 * Its date cell is masked so the sentence reader does not read it again.
 */
function scheduleTableWindows(lines: string[], ctx: Ctx, masks: Set<string>): ImportedDeadline[] {
  const out: ImportedDeadline[] = [];
  const cellsOf = (l: string) => l.trim().split(/\s*[|｜]\s*|\t+|\s{2,}/).map((c) => c.trim()).filter(Boolean);
  let timeCol = -1;
  for (const line of lines) {
    const cells = cellsOf(line);
    // (the header's cells may stand one space apart: "序号 时间    工作内容    责任单位")
    const t = line.trim();
    // (a table of 阶段/步骤 is read as phases, not here)
    if (/阶段|步骤|环节/.test(t)) {
      timeCol = -1;
      continue;
    }
    if (t.length <= 40 && !/[，,。；;：:]/.test(t) && /(?:^|[\s|｜])(?:时间|日期|完成时间|时间节点)(?=[\s|｜]|$)/.test(t) && /(?:^|[\s|｜])(?:工作)?(?:内容|任务|事项)(?=[\s|｜]|$)/.test(t)) {
      timeCol = 1;
      continue;
    }
    if (timeCol < 0) continue;
    if (cells.length < 3) {
      if (line.trim()) timeCol = -1;
      continue;
    }
    const di = cells.findIndex((c) => new RegExp(`^(?:${DATE_EXPR_SRC})$`).test(c.replace(/\s+/g, "")) && /月/.test(c));
    if (di < 0 || di + 1 >= cells.length) continue;
    const expr = cells[di];
    if (/(?:之前|以前|前)$/.test(expr) || masks.has(expr)) continue;
    const r = parseDateExpr(expr, ctx);
    if (!r.ok || r.dueBy || r.openEnded || !r.start || !r.end || r.start === r.end) continue;
    masks.add(expr);
    out.push({ kind: "window", title: cells[di + 1], start: r.start, end: r.end, raw: `${expr} ${cells[di + 1]}` });
  }
  return out;
}

export function importNotice(text: string): ImportResult {
  const unresolved: ImportResult["unresolved"] = [];
  const lines = cleanNotice(text);
  // headings first: a broken-line join would glue "1、自查时间" to its date line and that to the next item ("2、…")
  const body = joinBroken(joinEventHeadings(lines));
  const bodyText = body.join("\n");
  const title = extractTitle(lines);
  const head = lines.filter((l) => l.trim()).slice(0, 6);
  const docLine = head.find((l) => new RegExp(`^\\s*${DOCNO_SRC}\\s*$`).test(l));
  // info-disclosure pages (信息公开) carry the number and date as labelled metadata: "文件编号：X", "成文日期：2018-03-26"
  const metaNo = new RegExp(`(?:文件编号|发文字号|文\\s*号)\\s*[：:|]\\s*\\|?\\s*(${DOCNO_SRC})`).exec(lines.slice(0, 20).join("\n"));
  const docNumber = docLine ? docLine.trim().replace(/\s+/g, "") : metaNo ? metaNo[1].replace(/\s+/g, "") : null;
  const dateLine = lines.find((l) => cnDateLine(l));
  const metaDate = /(?:成文日期|发文日期|生成日期)\s*[：:|]\s*\|?\s*(\d{4})-(\d{2})-(\d{2})/.exec(lines.slice(0, 20).join("\n"));
  const issuedOn = dateLine ? cnDateLine(dateLine) : metaDate ? `${metaDate[1]}-${metaDate[2]}-${metaDate[3]}` : null;
  const issuer = extractIssuer(title, lines, bodyText);
  if (!issuer) unresolved.push({ field: "issuer", raw: null, reason: "正文未写明发文机关" });
  if (!issuedOn) unresolved.push({ field: "issuedOn", raw: null, reason: "正文中没有单独的成文日期行" });
  const yc = yearContext(issuedOn, docNumber, title, bodyText);
  // without an issue date, a footer "2013年12月4日印发" (the printing date) still tells when the notice was sent out: it is
  // the reference for reading a year-less January in a December notice as next year's (never the 即日 anchor)
  const printed = issuedOn ? null : /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印发/.exec(bodyText);
  const refDate = printed ? `${printed[1]}-${printed[2].padStart(2, "0")}-${printed[3].padStart(2, "0")}` : null;
  const ctx: Ctx = { issueDate: issuedOn, year: yc.year, unresolved, ...(refDate && isIsoDate(refDate) ? { refDate } : {}) };
  const masks = new Set<string>();

  // span: 自即日起至12月31日 / 时间为…至…
  // "一、举办展览 时间：11月7日-11月13日 … 二、举办讲座 时间：11月12日 …": several bare 时间 lines are the activities' own times
  const severalTimes = [...bodyText.matchAll(new RegExp(`(?<![${CN}])时间\\s*[为：:]\\s*(?:${DATE_EXPR_SRC})`, "g"))].filter((x) => /\d|[一二三四五六七八九十]月/.test(x[0])).length >= 2;
  let span: ImportResult["span"] = { start: null, end: null, raw: null };
  const sm =
    new RegExp(`(?:自|从)\\s*((?:即日起?|${DATE_EXPR_SRC.replace(/\(\?:之前\|以前\|前\|以后\|之后\|起\)\?$/, "")})\\s*(?:起)?\\s*${RANGE_SEP}\\s*(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*[日号]|底|末)?)`).exec(bodyText) ??
    [...bodyText.matchAll(new RegExp(`(?<!截止|截至)(?:(?:行动|活动|治理|整治|工作)(?:时间|期限)[为：:]?|${severalTimes ? "(?!)" : `(?<![${CN}])(?:时间|期限)[为：:]`})\\s*(${DATE_EXPR_SRC})`, "g"))].find((x) => new RegExp(RANGE_SEP).test(x[1])) ??
    null;
  let spanExpr: string | null = sm ? sm[1] : null;
  if (!spanExpr) {
    // "决定于2025年4月至6月开展…专项行动": the campaign's own span
    // "决定于2024年2月28日至3月1日对全区学校开展…检查": what the notice decides to carry out over a range is the campaign itself
    const am = new RegExp(`(?:决定|定于|拟于)\\s*(?:于|在)?\\s*(${DATE_EXPR_SRC})\\s*(?:期间)?\\s*[，,]?\\s*(?:(?:在|对|面向)[^，。；,;]{1,24}?)?(?:组织)?开展`).exec(bodyText);
    if (am && new RegExp(RANGE_SEP).test(am[1])) spanExpr = am[1];
  }
  if (!spanExpr && title) {
    // "各校于9月1日至12月31日期间开展专项整治行动" when the title is "…专项整治行动…的通知": the period of the notice's own campaign
    const om = new RegExp(`(?:于|在)\\s*(${DATE_EXPR_SRC})\\s*(?:期间)?\\s*[，,]?\\s*(?:在[^，。；,;]{1,20}?)?(?:组织)?开展([${CN}“”]{4,24}?)(?=[，,。；;]|$)`, "m").exec(bodyText);
    if (om && new RegExp(RANGE_SEP).test(om[1]) && !/(之前|以前|前)$/.test(om[1]) && /(?:行动|活动|治理|整治|工作)$/.test(om[2]) && title.replace(/\s+/g, "").includes(om[2].replace(/[“”]/g, "").slice(-4))) spanExpr = om[1];
  }
  if (!spanExpr) {
    const hi = body.findIndex((l) => /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*(?:活动|行动|工作|治理|整治)时间\s*[：:]?\s*$/.test(l));
    const next = hi >= 0 ? body.slice(hi + 1).find((l) => l.trim()) : undefined;
    // the line may go on ("2016年6月，其中从6月20日起…"); a whole month is a period too
    const nm = next ? new RegExp(`^\\s*(${DATE_EXPR_SRC})\\s*(?:[。.]\\s*$|$|[，,；;](?=.*\\S))`).exec(next) : null;
    if (nm && (new RegExp(RANGE_SEP).test(nm[1]) || /^\s*\d{4}\s*年\s*\d{1,2}\s*月份?\s*$/.test(nm[1]))) spanExpr = nm[1];
  }
  if (spanExpr) {
    const sm1 = [spanExpr];
    const r = parseDateExpr(sm1[0], ctx);
    masks.add(sm1[0]);
    if (r.ok) span = { start: r.start, end: r.end, raw: sm1[0].trim() };
    else unresolved.push({ field: "span", raw: sm1[0], reason: r.reason });
  }

  if (span.start && span.end) ctx.span = { start: span.start, end: span.end };
  const phases = extractPhases(body, ctx, masks);
  const tableWindows = scheduleTableWindows(lines, ctx, masks);
  const deadlines = [...extractDeadlines(body, ctx, masks), ...tableWindows];
  deadlines.forEach((d, i) => {
    for (const u of unresolved) if (u.field === "deadlines.rule.anchor" && u.raw === d.raw) u.field = `deadlines[${i}].rule.anchor`;
  });
  const leadershipGroup = extractLeadership(lines, bodyText, unresolved);
  const duties = extractDuties(body);
  const contacts = extractContacts(lines);
  if (yc.year && yc.source !== "发文日期" && [...phases, ...deadlines].length)
    unresolved.push({ field: "year", raw: String(yc.year), reason: `未写年份的日期按 ${yc.year} 年推断（依据：${yc.source}），请核对` });
  return {
    title,
    issuer,
    docNumber,
    issuedOn,
    span,
    phases,
    deadlines,
    leadershipGroup,
    duties,
    contacts,
    unresolved,
  };
}

export { tightenDates };
