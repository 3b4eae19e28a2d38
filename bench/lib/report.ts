/** The figures of a run: printed as a table and written to bench/RESULTS.md with the machine. */
import { cpus, freemem, loadavg, totalmem, release } from "node:os";
import { writeFileSync } from "node:fs";

export interface Figure {
  /** the measurement (1–5) and what was measured */
  bench: string;
  metric: string;
  value: string;
  /** the target, if it sets one */
  target?: string;
  /** true / false when a target applies */
  met?: boolean;
  note?: string;
}

export interface Section {
  /** 1–5 */
  id: number;
  title: string;
  /** when the section ran (ISO, UTC) */
  at: string;
  /** how to reproduce this section alone */
  command: string;
  figures: Figure[];
  /** load average when the section started and ended */
  load: [number, number];
  seconds: number;
  notes?: string[];
}

export function machine(): Record<string, string> {
  const c = cpus();
  return {
    CPU: `${c[0]?.model ?? "?"} × ${c.length}`,
    RAM: `${(totalmem() / 2 ** 30).toFixed(1)} GiB (free at start ${(freemem() / 2 ** 30).toFixed(1)} GiB)`,
    Node: process.version,
    OS: `${process.platform} ${release()}`,
  };
}

export const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

const mark = (f: Figure) => (f.met === undefined ? "" : f.met ? "✅" : "❌");

export function printTable(sections: Section[]): void {
  const head = ["bench", "metric", "value", "target", ""];
  const rows = sections.flatMap((s) => s.figures.map((f) => [f.bench, f.metric, f.value, f.target ?? "", mark(f)]));
  // The header counts too: a section whose targets are all short ("< 2 s") is narrower than "target".
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...[head, ...rows].map((r) => width(r[i]!)), 4));
  const line = (r: string[]) => r.map((c, i) => c + " ".repeat(w[i]! - width(c))).join("  ");
  process.stdout.write(`\n${line(head)}\n${w.map((n) => "-".repeat(n)).join("  ")}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

export function writeResults(path: string, o: { sections: Section[]; machine: Record<string, string> }): void {
  const out: string[] = [];
  out.push("# 基准测试结果 / Benchmark results", "");
  out.push(
    "Written by `npm run bench` (bench/run.ts) from bench/results.json: each section keeps the figures of the last run that included it, with its own date, command and load average. ✅/❌ compare with the targets of issue 10.",
    "",
  );
  out.push("## Machine / 机器", "");
  out.push("| | |", "|---|---|");
  for (const [k, v] of Object.entries(o.machine)) out.push(`| ${k} | ${v} |`);
  out.push("");
  for (const s of [...o.sections].sort((a, b) => a.id - b.id)) {
    out.push(`## ${s.id}. ${s.title}`, "");
    out.push(`Command: \`${s.command}\` · run ${s.at.replace("T", " ").slice(0, 19)} UTC · took ${s.seconds.toFixed(0)} s · load average (1 min) ${s.load[0]} at start, ${s.load[1]} at end (2 cores: above 2 means other work shared the CPUs).`, "");
    out.push("| metric | value | target | met | note |", "|---|---|---|---|---|");
    for (const f of s.figures) out.push(`| ${f.metric} | ${f.value} | ${f.target ?? ""} | ${mark(f)} | ${f.note ?? ""} |`);
    if (s.notes?.length) out.push("", ...s.notes.map((n) => `- ${n}`));
    out.push("");
  }
  writeFileSync(path, out.join("\n"));
}
