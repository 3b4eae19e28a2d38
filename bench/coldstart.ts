/**
 * (4) Cold start: the time from spawning the process `npm start` runs (read from package.json:
 * `node [flags] dist/main.js` with its environment, after the build step, which is timed apart)
 * to the first 200 from `/healthz`, and the resident memory once idle. Three ways: webhook mode
 * against the simulator on a fresh database (migrations applied at boot), the same again on the
 * migrated database, and sandbox mode (no LARK_APP_ID). For comparison in the same run (same
 * load), the former entry `node --import tsx src/main.ts` on the migrated database.
 */
import { execFileSync, spawn } from "node:child_process";
import { createSimulator } from "../src/sim/index.js";
import { botEnv } from "./callback.js";
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from "./lib/lark.js";
import { rssMb } from "./lib/proc.js";
import type { Figure } from "./lib/report.js";
import { freshSqliteUrl } from "./lib/world.js";
import { PROJECT_ROOT, startCommand } from "../scripts/start-command.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ColdStart {
  label: string;
  readyMs: number;
  idleRssMb: number | null;
  /** Not the production entry: shown for comparison, no target. */
  reference?: boolean;
}

export interface ColdStartRun {
  runs: ColdStart[];
  /** The build step of `npm start`, each time it ran (the first one may rebuild the vendored SDK). */
  buildMs: number[];
  command: string;
}

const REFERENCE = { command: process.execPath, args: ["--import", "tsx", "src/main.ts"], env: {} as Record<string, string> };

async function once(label: string, cmd: { command: string; args: string[]; env: Record<string, string> }, env: Record<string, string>, idleMs: number): Promise<ColdStart> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const t0 = performance.now();
  const proc = spawn(cmd.command, cmd.args, { cwd: PROJECT_ROOT, env: { ...process.env, ...cmd.env, ...env, PORT: String(port), LOG_LEVEL: "warn" }, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => void (err = (err + d.toString()).slice(-2000)));
  try {
    let readyMs = -1;
    const end = Date.now() + 60_000;
    while (Date.now() < end && proc.exitCode === null) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) {
        readyMs = performance.now() - t0;
        break;
      }
      await sleep(20);
    }
    if (readyMs < 0) throw new Error(`${label}: no /healthz within 60 s (exit ${proc.exitCode})\n${err}`);
    await sleep(idleMs);
    return { label, readyMs, idleRssMb: rssMb(proc.pid!), reference: cmd === REFERENCE || undefined };
  } finally {
    if (proc.exitCode === null) {
      const gone = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await gone;
    }
  }
}

export async function benchColdStart(o: { repeats: number; idleMs: number }, say: (s: string) => void): Promise<ColdStartRun> {
  const start = startCommand();
  const buildMs: number[] = [];
  const build = () => {
    const t = performance.now();
    execFileSync("sh", ["-c", start.build], { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"] });
    buildMs.push(performance.now() - t);
  };
  const sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }).start();
  const out: ColdStart[] = [];
  try {
    for (let i = 0; i < o.repeats; i++) {
      say(`cold start ${i + 1}/${o.repeats}: build (${start.build})`);
      build();
      const db = freshSqliteUrl();
      say(`cold start ${i + 1}/${o.repeats}: webhook mode, fresh database`);
      out.push(await once("webhook mode, fresh SQLite (migrations at boot)", start, botEnv(db, sim.url), o.idleMs));
      say(`cold start ${i + 1}/${o.repeats}: webhook mode, migrated database`);
      out.push(await once("webhook mode, migrated SQLite", start, botEnv(db, sim.url), o.idleMs));
      say(`cold start ${i + 1}/${o.repeats}: sandbox mode`);
      out.push(await once("sandbox mode (npm start without LARK_APP_ID), fresh SQLite", start, { DATABASE_URL: freshSqliteUrl(), LARK_APP_ID: "", LARK_APP_SECRET: "", LARK_ENCRYPT_KEY: "", LARK_VERIFICATION_TOKEN: "", LARK_DOMAIN: "" }, o.idleMs));
      say(`cold start ${i + 1}/${o.repeats}: for comparison, node --import tsx src/main.ts`);
      out.push(await once("for comparison: `node --import tsx src/main.ts` (the former npm start), webhook mode, migrated SQLite", REFERENCE, botEnv(db, sim.url), o.idleMs));
    }
  } finally {
    await sim.stop();
  }
  return { runs: out, buildMs, command: start.text };
}

export function coldStartNotes(r: ColdStartRun): string[] {
  return [
    `What \`npm start\` runs (package.json): \`${r.command}\`. Timed from spawn of the part after \`exec\` (the node process with its flags and environment) to the first 200 from /healthz, polled every 20 ms; npm's own start-up and the build step are not in it. RSS from /proc/<pid>/status after the idle wait.`,
    `The build step before it took ${r.buildMs.map((m) => `${(m / 1000).toFixed(2)} s`).join(", ")} (esbuild; the vendored Lark SDK is rebuilt only when its inputs change).`,
    "Where start-up went (profiles and heap snapshots of the former entry): tsx transpiling every module at start; the Lark SDK as published (one 6 MB CommonJS file, its comments in Chinese: an 11 MB two-byte source string on the heap, Node's CJS export scan over all of it, 0.7–1.6 s to import at load 6, 36 MB of heap with axios); the simulator (yaml, ws, protobufjs) loaded in webhook mode too; young generation grown to 30 MB by start-up garbage. Now: one esbuild bundle, the SDK vendored minified (2.3 MB ASCII ESM, 0.36–0.43 s, 13 MB of heap) and loaded while migrations run, the simulator only in sandbox mode. Still loaded and not needed on SQLite: the PostgreSQL client and pg (~0.2 s, ~7 MB); Prisma's query compiler keeps its wasm as base64 text twice (4.8 MB).",
    "/healthz answers once the database does (design: \"200 when the database is reachable\"). The query warm-up stays before listen; measured apart (built entry, webhook mode, 4 starts each at load ~8): run after listen, /healthz came ~0.6 s sooner but the first event after it was acknowledged in 180–360 ms instead of 25–70 ms.",
    "Node flags and environment of the start command, measured apart (idle RSS of the built entry, 3 starts each at load 4–7): `MALLOC_TRIM_THRESHOLD_=65536` (glibc gives freed start-up memory back) −8 to −12 MB; `--max-semi-space-size=2` (young generation capped at 2 MB per semi-space, default up to 16) −8 to −15 MB more; together webhook 117–124 MB, sandbox 126–128 MB, against 137–151 / 152–161 MB with neither. Cost of the flag under load (3,000 signed card clicks): 364 scavenges instead of 44, scavenge time 0.22–0.27 ms per request instead of 0.12–0.16 (CPU per request 1.9–2.4 ms without, 2.0–2.2 ms with: within the noise). `--max-semi-space-size=4` saved less (126–140 MB) for the same scavenge time. `--lite-mode` cannot run the bot (it turns off WebAssembly, which Prisma's query compiler needs); `--no-wasm-tier-up` and `--single-threaded` saved nothing. Later (session 2) the semi-space flag was dropped again: with the card-click path batched (section 1) it cost about 20 % more CPU per click (0.78–0.82 against 0.62–0.69 ms of bot CPU per click under 50 connections, A/B at load 3–4), while the idle RSS without it, MALLOC_TRIM_THRESHOLD_ kept, was 121–126 MB (112–117 MB with it).",
  ];
}

export function coldStartFigures(bench: string, run: ColdStartRun, idleMs: number): Figure[] {
  const runs = run.runs;
  const labels = [...new Set(runs.map((r) => r.label))];
  const figures: Figure[] = [];
  for (const label of labels) {
    const rs = runs.filter((r) => r.label === label);
    const reference = rs.some((r) => r.reference);
    const ready = rs.map((r) => r.readyMs).sort((a, b) => a - b);
    const rss = rs.map((r) => r.idleRssMb ?? NaN);
    const med = ready[Math.floor(ready.length / 2)]!;
    const maxRss = Math.max(...rss);
    const value = `${(med / 1000).toFixed(2)} s (${ready.map((m) => (m / 1000).toFixed(2)).join(", ")})`;
    figures.push({ bench, metric: `${label}: to /healthz (median of ${rs.length}; all)`, value, ...(reference ? {} : { target: "< 2 s", met: med < 2000 }) });
    figures.push({ bench, metric: `${label}: RSS after ${idleMs / 1000} s idle (max)`, value: `${maxRss} MB`, ...(reference ? {} : { target: "< 150 MB", met: maxRss < 150 }) });
  }
  return figures;
}
