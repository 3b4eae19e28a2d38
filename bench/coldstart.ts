/**
 * (4) Cold start: the time from spawning the bot's entry (`node --import tsx src/main.ts`, what
 * `npm start` runs) to the first 200 from `/healthz`, and the resident memory once idle.
 * Three ways: webhook mode against the simulator on a fresh database (migrations applied at
 * boot), the same again on the migrated database, and sandbox mode (no LARK_APP_ID).
 */
import { spawn } from "node:child_process";
import { createSimulator } from "../src/sim/index.js";
import { botEnv } from "./callback.js";
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from "./lib/lark.js";
import { rssMb } from "./lib/proc.js";
import type { Figure } from "./lib/report.js";
import { freshSqliteUrl } from "./lib/world.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ColdStart {
  label: string;
  readyMs: number;
  idleRssMb: number | null;
}

async function once(label: string, env: Record<string, string>, idleMs: number): Promise<ColdStart> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const t0 = performance.now();
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: "warn" }, stdio: ["ignore", "ignore", "pipe"] });
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
    return { label, readyMs, idleRssMb: rssMb(proc.pid!) };
  } finally {
    if (proc.exitCode === null) {
      const gone = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await gone;
    }
  }
}

export async function benchColdStart(o: { repeats: number; idleMs: number }, say: (s: string) => void): Promise<ColdStart[]> {
  const sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }).start();
  const out: ColdStart[] = [];
  try {
    for (let i = 0; i < o.repeats; i++) {
      const db = freshSqliteUrl();
      say(`cold start ${i + 1}/${o.repeats}: webhook mode, fresh database`);
      out.push(await once("webhook mode, fresh SQLite (migrations at boot)", botEnv(db, sim.url), o.idleMs));
      say(`cold start ${i + 1}/${o.repeats}: webhook mode, migrated database`);
      out.push(await once("webhook mode, migrated SQLite", botEnv(db, sim.url), o.idleMs));
      say(`cold start ${i + 1}/${o.repeats}: sandbox mode`);
      out.push(await once("sandbox mode (npm start without LARK_APP_ID), fresh SQLite", { DATABASE_URL: freshSqliteUrl(), LARK_APP_ID: "", LARK_APP_SECRET: "", LARK_ENCRYPT_KEY: "", LARK_VERIFICATION_TOKEN: "", LARK_DOMAIN: "" }, o.idleMs));
    }
  } finally {
    await sim.stop();
  }
  return out;
}

export function coldStartFigures(bench: string, runs: ColdStart[], idleMs: number): Figure[] {
  const labels = [...new Set(runs.map((r) => r.label))];
  const figures: Figure[] = [];
  for (const label of labels) {
    const rs = runs.filter((r) => r.label === label);
    const ready = rs.map((r) => r.readyMs).sort((a, b) => a - b);
    const rss = rs.map((r) => r.idleRssMb ?? NaN);
    const med = ready[Math.floor(ready.length / 2)]!;
    const maxRss = Math.max(...rss);
    figures.push({ bench, metric: `${label}: to /healthz (median of ${rs.length}; all)`, value: `${(med / 1000).toFixed(2)} s (${ready.map((m) => (m / 1000).toFixed(2)).join(", ")})`, target: "< 2 s", met: med < 2000 });
    figures.push({ bench, metric: `${label}: RSS after ${idleMs / 1000} s idle (max)`, value: `${maxRss} MB`, target: "< 150 MB", met: maxRss < 150 });
  }
  return figures;
}
