/** Who issued the notice and when: title, issuer, the signature date line, the year that dates year-less dates. */
import { parseNum } from "../text.js";
import { CN, DOCNO_SRC } from "./patterns.js";

export function cnDateLine(s: string): string | null {
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

export function extractTitle(lines: string[]): string | null {
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

export function extractIssuer(title: string | null, lines: string[], body: string): string | null {
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

export function yearContext(issuedOn: string | null, docNumber: string | null, title: string | null, body: string): { year: number | null; source: string; planHeading?: string } {
  if (issuedOn) {
    // a notice issued late in year Y about the plan for year Y+1 ("2027年…工作方案", issued 2026-11): its year-less dates are the
    // plan's, not the issue year's (only the next year, and only a plan — a report about last year is dated this year)
    const y = Number(issuedOn.slice(0, 4));
    // (the plan's own title may also stand as a heading of the body: the attached 实施方案 of a cover letter)
    const planRe = new RegExp(`(?<!\\d)${y + 1}\\s*年度?(?![\\d—\\-－～~至到]|[春秋]季学期)[^。；，,]*?(?:方案|计划|要点|安排|行动|工作|专项整治)`);
    const heads = [title ?? "", ...body.split("\n").map((l) => l.trim()).filter((l) => l.length <= 50 && !/[。；;，,：:]/.test(l))];
    const plan = heads.find((h) => planRe.test(h));
    // (a season that straddles the new year — 2019年寒假/春节/元旦 — begins in the issue year: its December dates stay there)
    if (plan && Number(issuedOn.slice(5, 7)) >= 9 && !/寒假|春节|元旦|冬季|冬春|岁末|年关|春运|两节/.test(plan)) {
      // a cover letter before the plan's own heading is dated in the issue year ("请于12月20日前报送" in a November letter)
      const heading = heads.slice(2).find((h) => planRe.test(h) && h !== (title ?? "").trim());
      return { year: y + 1, source: "标题（方案年度）", ...(heading ? { planHeading: heading } : {}) };
    }
    return { year: y, source: "发文日期" };
  }
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
