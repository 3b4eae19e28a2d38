/** Contact phone numbers (tables copied as text, labelled lines). */
import type { ImportResult } from "../importer.js";

const PHONE_RE = /(?<!\d)(0\d{2,3})\s*(?:[-—–－]{1,2}|\s)\s*(\d{7,8})(?!\d)|(?<!\d)(1[3-9]\d{9})(?!\d)/;

function normPhone(s: string): string | null {
  const m = PHONE_RE.exec(s);
  if (!m) return null;
  return m[3] ?? `${m[1]}-${m[2]}`;
}

export function extractContacts(lines: string[]): ImportResult["contacts"] {
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
