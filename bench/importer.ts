/**
 * Section 6: the notice importer (`plan import`) over every notice text the repository holds (the written test sets
 * and the five seeds): time per notice (median, p95, slowest) and the time for one long text made by joining them,
 * at two sizes, to show how it grows.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { importNotice } from "../src/domains/campaigns/importer.js";
import type { Figure } from "./lib/report.js";

const FIXTURES = "test/campaigns/fixtures";
const SEEDS = "../shared/seeds";

function noticeTexts(): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  for (const dir of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(FIXTURES, dir.name)).sort()) if (f.endsWith(".txt")) out.push({ id: `${dir.name}/${f}`, text: readFileSync(join(FIXTURES, dir.name, f), "utf8") });
  }
  for (const f of readdirSync(SEEDS).sort()) if (f.endsWith(".txt")) out.push({ id: `seeds/${f}`, text: readFileSync(join(SEEDS, f), "utf8") });
  return out;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

export function benchImporter(say: (s: string) => void): { figures: Figure[]; notes: string[] } {
  const notices = noticeTexts();
  importNotice(notices[0]!.text); // compile the regular expressions once, as a CLI run does before its real work
  const times: { id: string; t: number }[] = [];
  for (const n of notices) {
    const t0 = performance.now();
    importNotice(n.text);
    times.push({ id: n.id, t: performance.now() - t0 });
  }
  const sorted = [...times].sort((a, b) => a.t - b.t);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.t;
  const slowest = sorted[sorted.length - 1]!;
  say(`${notices.length} notices: median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, slowest ${ms(slowest.t)} (${slowest.id})`);
  const figures: Figure[] = [
    { bench: "6 importer", metric: "notices timed", value: String(notices.length) },
    { bench: "6 importer", metric: "per notice, median / p95", value: `${ms(at(0.5))} / ${ms(at(0.95))}` },
    { bench: "6 importer", metric: "slowest notice", value: `${ms(slowest.t)} (${slowest.id})` },
    { bench: "6 importer", metric: "all notices, one after another", value: `${(times.reduce((a, x) => a + x.t, 0) / 1000).toFixed(2)} s` },
  ];
  for (const kb of [100, 500]) {
    let text = "";
    let bytes = 0;
    for (const n of notices) {
      if (bytes >= kb * 1024) break;
      text += `${n.text}\n\n`;
      bytes += Buffer.byteLength(n.text) + 2;
    }
    const t0 = performance.now();
    importNotice(text);
    const t = performance.now() - t0;
    const size = Math.round(Buffer.byteLength(text) / 1024);
    say(`one text of ${size} KB: ${ms(t)}`);
    figures.push({ bench: "6 importer", metric: `one text of ~${kb} KB (notices joined)`, value: `${(t / 1000).toFixed(2)} s (${size} KB)` });
  }
  return {
    figures,
    notes: [
      "Every .txt under test/campaigns/fixtures (the written test sets) and the five seeds, each imported once after one warm-up import; the joined texts show how time grows with length (plan import refuses files over 512 KB).",
    ],
  };
}
