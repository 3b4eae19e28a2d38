/** The leadership group (组长/副组长/成员, its office) and the departments' duties. */
import type { ImportResult, ImportedMember } from "../importer.js";
import { CN, TOP_HEADING_RE, stripBullet } from "./patterns.js";

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

export function extractLeadership(lines: string[], body: string, unresolved: ImportResult["unresolved"]): ImportResult["leadershipGroup"] {
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

export function extractDuties(lines: string[]): ImportResult["duties"] {
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
