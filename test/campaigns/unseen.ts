/** Evaluation of the importer on notices it was not developed against (fixtures/unseen). */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { importNotice } from "../../src/domains/campaigns/importer.js";
import { actualItems, score, type ExpectedItem } from "./gold.js";

export const UNSEEN = join(dirname(fileURLToPath(import.meta.url)), "fixtures/unseen");

export interface Evaluation {
  perFile: { file: string; right: number; total: number; invented: string[]; missing: string[]; unresolved: number; membersRight?: boolean }[];
  right: number;
  total: number;
  invented: number;
  pct: number;
}

export function evaluateUnseen(dir = UNSEEN): Evaluation {
  const perFile: Evaluation["perFile"] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".txt")).sort()) {
    const exp = parse(readFileSync(join(dir, f.replace(/\.txt$/, ".expected.yaml")), "utf8")) as { items: ExpectedItem[]; members?: { name: string | null; role: string }[] };
    const r = importNotice(readFileSync(join(dir, f), "utf8"));
    const s = score(exp.items, actualItems(r));
    const membersRight = exp.members ? JSON.stringify(r.leadershipGroup.members.map((m) => ({ name: m.name, role: m.role }))) === JSON.stringify(exp.members) : undefined;
    perFile.push({ file: f, ...s, invented: s.invented, unresolved: r.unresolved.length, membersRight });
  }
  const right = perFile.reduce((a, x) => a + x.right, 0);
  const total = perFile.reduce((a, x) => a + x.total, 0);
  const invented = perFile.reduce((a, x) => a + x.invented.length, 0);
  return { perFile, right, total, invented, pct: total ? Math.round((1000 * right) / total) / 10 : 0 };
}

if (process.argv[1]?.endsWith("unseen.ts")) {
  const e = evaluateUnseen(process.argv[2] ? join(dirname(fileURLToPath(import.meta.url)), "fixtures", process.argv[2]) : UNSEEN);
  for (const f of e.perFile) console.log(`${f.file}: ${f.right}/${f.total} invented=${JSON.stringify(f.invented)} missing=${JSON.stringify(f.missing)} unresolved=${f.unresolved} members=${f.membersRight}`);
  console.log(`TOTAL ${e.right}/${e.total} = ${e.pct}%  invented=${e.invented}`);
}
