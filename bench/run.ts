/**
 * `npm run bench [-- --size=small|full] [--only=1,2,...]`: the five measurements of issue 10 and the notice importer (6),
 * printed as a table and written to bench/RESULTS.md (bench/results.json keeps every section's
 * last figures, so `--only` refreshes some without losing the others). Needs no network; the
 * PostgreSQL parts use TEST_DATABASE_URL or the local server and are skipped when neither answers.
 * Sizes can be overridden one by one with BENCH_* variables (see SIZES).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { benchCallback } from "./callback.js";
import { benchColdStart, coldStartFigures, coldStartNotes } from "./coldstart.js";
import { fanoutFigures, runFanout } from "./fanout.js";
import { benchImporter } from "./importer.js";
import { benchScaleOut } from "./scaleout.js";
import { benchSummaryOn, summaryFigures } from "./summary.js";
import { load1, machine, printTable, writeResults, type Figure, type Section } from "./lib/report.js";
import { freshPgUrl, freshSqliteUrl } from "./lib/world.js";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const size = (arg("size") ?? process.env.BENCH_SIZE ?? "full") as "small" | "full";
if (size !== "small" && size !== "full") throw new Error("--size must be small or full");
const only = new Set((arg("only") ?? "1,2,3,4,5,6").split(",").map(Number));
const num = (env: string, small: number, full: number) => Number(process.env[env] ?? (size === "small" ? small : full));

const SIZES = {
  callbackSeconds: num("BENCH_CALLBACK_SECONDS", 5, 15),
  connections: num("BENCH_CONNECTIONS", 50, 50),
  callbackCards: num("BENCH_CALLBACK_CARDS", 50, 200),
  fanoutRecipients: num("BENCH_FANOUT_RECIPIENTS", 500, 10_000),
  units: num("BENCH_UNITS", 300, 3_000),
  cases: num("BENCH_CASES", 10_000, 100_000),
  patrols: num("BENCH_PATROLS", 100_000, 1_000_000),
  coldRepeats: num("BENCH_COLD_REPEATS", 1, 3),
  coldIdleMs: num("BENCH_COLD_IDLE_MS", 3_000, 5_000),
  scaleSeconds: num("BENCH_SCALE_SECONDS", 5, 15),
  doubles: num("BENCH_DOUBLES", 20, 100),
  scaleFanout: num("BENCH_SCALE_FANOUT", 100, 1_000),
};

const say = (s: string) => process.stdout.write(`  · ${s}\n`);
const overrides = Object.entries(process.env)
  .filter(([k]) => k.startsWith("BENCH_") && k !== "BENCH_PROFILE_DIR")
  .map(([k, v]) => `${k}=${v} `)
  .join("");
const cmd = (id: number) => `${overrides}npm run bench -- --only=${id}${size === "small" ? " --size=small" : ""}`;
const sections: Section[] = [];
const store = "bench/results.json";

/** Merge this run's sections into bench/results.json and rewrite RESULTS.md (after every section, so a later crash keeps them). */
function save(): void {
  const old: Section[] = existsSync(store) ? (JSON.parse(readFileSync(store, "utf8")) as { sections: Section[] }).sections : [];
  const merged = [...old.filter((s) => !sections.some((n) => n.id === s.id)), ...sections];
  const m = machine();
  writeFileSync(store, JSON.stringify({ machine: m, sections: merged }, null, 2));
  writeResults("bench/RESULTS.md", { sections: merged, machine: m });
}

async function section(id: number, title: string, run: () => Promise<{ figures: Figure[]; notes?: string[] } | null>): Promise<void> {
  if (!only.has(id)) return;
  process.stdout.write(`\n[${id}] ${title}\n`);
  const at = new Date().toISOString();
  const l0 = load1();
  const t0 = performance.now();
  try {
    const r = await run();
    if (!r) {
      say("skipped: no PostgreSQL server answered (set TEST_DATABASE_URL)");
      return;
    }
    sections.push({ id, title, at, command: cmd(id), figures: r.figures, notes: r.notes, load: [l0, load1()], seconds: (performance.now() - t0) / 1000 });
    save();
  } catch (e) {
    say(`FAILED: ${(e as Error).stack ?? e}`);
    sections.push({ id, title, at, command: cmd(id), figures: [{ bench: String(id), metric: "run", value: `failed: ${String((e as Error).message ?? e).slice(0, 300)}`, met: false }], load: [l0, load1()], seconds: (performance.now() - t0) / 1000 });
    save();
  }
}

await section(1, "Card callback, webhook mode: bot vs bare SDK / 卡片回调", async () =>
  benchCallback({ seconds: SIZES.callbackSeconds, connections: SIZES.connections, schools: SIZES.callbackCards }, say),
);

await section(2, `Fan-out of ${SIZES.fanoutRecipients} reminders through the simulator's rate limits / 提醒群发`, async () => {
  const r = await runFanout({ recipients: SIZES.fanoutRecipients }, say);
  return {
    figures: fanoutFigures("2 fan-out (SQLite)", r),
    notes: [
      "One sweep queues one digest per recipient (Reminder rows + outbox row per transaction); the outbox worker runs meanwhile and sends to the simulator within the app budget (50 slots, each held from just before a call until 1 s after its answer: at most 50 calls land in any second), whose rules refuse above 50/s per API (429) and 5/s per recipient (230020). Time is from the start of the sweep to the last row marked sent.",
      "Lost and duplicated are counted at the simulator: messages per recipient's chat, and uuids accepted more than once.",
    ],
  };
});

await section(3, `Monthly summary, ${SIZES.units} units / ${SIZES.cases} cases / ${SIZES.patrols} patrols / 月报汇总`, async () => {
  const sizes = { units: SIZES.units, cases: SIZES.cases, patrols: SIZES.patrols };
  const figures: Figure[] = [];
  figures.push(...summaryFigures("3 summary", await benchSummaryOn(freshSqliteUrl(), "SQLite", sizes, say)));
  const pg = await freshPgUrl();
  if (pg) {
    try {
      figures.push(...summaryFigures("3 summary", await benchSummaryOn(pg.url, "PostgreSQL", sizes, say)));
    } finally {
      await pg.drop();
    }
  } else figures.push({ bench: "3 summary", metric: "PostgreSQL", value: "skipped: no server answered" });
  return {
    figures,
    notes: [
      "Compute = the campaign read, the counts of March and February 2022 grouped in SQL (src/domains/bulletins/counts.ts) and the pure summary built from them; the former row path (every row read through Prisma, then counted) is run once beside it and must give the same Summary; render = the bureau's cards (overview, unit tables, 通报) and one card per unit, serialised.",
      "The whole bulletin job also writes the Bulletin row and queues every post in one transaction (what the scheduler runs on the 26th).",
    ],
  };
});

await section(4, "Cold start and idle memory / 冷启动与内存", async () => {
  const runs = await benchColdStart({ repeats: SIZES.coldRepeats, idleMs: SIZES.coldIdleMs }, say);
  return {
    figures: coldStartFigures("4 cold start", runs, SIZES.coldIdleMs),
    notes: coldStartNotes(runs),
  };
});

await section(5, "Two instances on PostgreSQL / 双实例", async () =>
  benchScaleOut({ seconds: SIZES.scaleSeconds, connections: SIZES.connections, schools: SIZES.callbackCards, doubles: SIZES.doubles, fanoutRecipients: SIZES.scaleFanout }, say),
);

await section(6, "Notice importer (plan import) / 通知导入", async () => benchImporter(say));

printTable(sections);
process.stdout.write(`\nwrote bench/RESULTS.md (${sections.length} section(s) refreshed, size ${size})\n`);
process.exit(0);
