/**
 * Evaluation of the importer on real public notices (fixtures/real/*.gold.yaml). The texts are third-party
 * material kept OUTSIDE the repository (default /work/realnotices/texts, or $REAL_NOTICES_DIR); each gold file
 * names its source URL and the sha256 of the text it annotates. Run: `npx tsx scripts/measure-real-notices.ts`.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { importNotice } from "../../src/domains/campaigns/importer.js";
import { actualItems, classify, score, type ExpectedItem } from "./gold.js";

export const REAL_GOLD = join(dirname(fileURLToPath(import.meta.url)), "fixtures/real");
export const REAL_TEXTS = process.env.REAL_NOTICES_DIR ?? "/work/realnotices/texts";

export type RealSplit = "dev" | "heldout" | "dev2" | "heldout2" | "heldout3" | "heldout4" | "heldout5" | "heldout6" | "heldout7" | "heldout8" | "heldout9";

export interface RealGold {
  id: string;
  source: string;
  sha256: string;
  split: RealSplit;
  items: ExpectedItem[];
}

export interface RealResult {
  id: string;
  split: string;
  right: number;
  total: number;
  wrong: string[];
  missing: string[];
  extra: string[];
  undated: string[];
  unresolved: number;
}

export function loadRealGold(dir = REAL_GOLD): RealGold[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".gold.yaml"))
    .sort()
    .map((f) => {
      const g = parse(readFileSync(join(dir, f), "utf8")) as RealGold;
      // YAML reads 2018-09-15 as a string here (yaml 1.2 core schema), null stays null
      return { ...g, sha256: String(g.sha256).split(/\s/)[0]! };
    });
}

export type RealEvaluation =
  | { skipped: string }
  | { results: RealResult[]; right: number; total: number; wrong: number; missing: number; extra: number; invented: number; pct: number; mismatched: string[] };

/** The notices written for the blind set (test/campaigns/fixtures/blind): our own texts, kept beside their gold. */
export const BLIND_DIR = join(dirname(fileURLToPath(import.meta.url)), "fixtures/blind");

export function evaluateReal(opts: { split?: RealSplit | "all"; textsDir?: string; goldDir?: string } = {}): RealEvaluation {
  const textsDir = opts.textsDir ?? REAL_TEXTS;
  if (!existsSync(textsDir)) return { skipped: `the texts are not here (${textsDir}); they are kept outside the repository — rebuild them from the URLs in ${REAL_GOLD}/*.gold.yaml or set REAL_NOTICES_DIR` };
  const results: RealResult[] = [];
  const mismatched: string[] = [];
  for (const g of loadRealGold(opts.goldDir)) {
    if (opts.split && opts.split !== "all" && g.split !== opts.split) continue;
    const path = join(textsDir, `${g.id}.txt`);
    if (!existsSync(path)) {
      mismatched.push(`${g.id}: text missing`);
      continue;
    }
    const text = readFileSync(path);
    if (createHash("sha256").update(text).digest("hex") !== g.sha256) {
      mismatched.push(`${g.id}: sha256 differs from the annotated text`);
      continue;
    }
    const r = importNotice(text.toString("utf8"));
    const s = score(g.items, actualItems(r));
    const c = classify(s);
    results.push({ id: g.id, split: g.split, right: s.right, total: s.total, ...c, unresolved: r.unresolved.length });
  }
  const sum = (f: (x: RealResult) => number) => results.reduce((a, x) => a + f(x), 0);
  const right = sum((x) => x.right);
  const total = sum((x) => x.total);
  const wrong = sum((x) => x.wrong.length);
  const extra = sum((x) => x.extra.length);
  return { results, right, total, wrong, missing: sum((x) => x.missing.length), extra, invented: wrong + extra, pct: total ? Math.round((1000 * right) / total) / 10 : 0, mismatched };
}

export function formatReal(e: RealEvaluation, label: string): string {
  if ("skipped" in e) return `SKIPPED (${label}): ${e.skipped}`;
  const out: string[] = [];
  for (const r of e.results) {
    out.push(`${r.id} [${r.split}]: ${r.right}/${r.total}` + (r.wrong.length ? `  wrong=${JSON.stringify(r.wrong)}` : "") + (r.missing.length ? `  missing=${JSON.stringify(r.missing)}` : "") + (r.extra.length ? `  extra=${JSON.stringify(r.extra)}` : "") + (r.undated.length ? `  undated=${JSON.stringify(r.undated)}` : "") + `  unresolved=${r.unresolved}`);
  }
  for (const m of e.mismatched) out.push(`NOT SCORED ${m}`);
  out.push(`TOTAL (${label}, ${e.results.length} notices): ${e.right}/${e.total} = ${e.pct}% exactly right; wrong ${e.wrong}, missing ${e.missing}, extra ${e.extra} → invented (wrong + extra) ${e.invented}`);
  return out.join("\n");
}
