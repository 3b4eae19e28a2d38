/**
 * (5) Two instances on one PostgreSQL database. Events: the card-callback load of (1) against one
 * instance, then split over two (separate processes, as deployed); every event must be persisted
 * once, and an event delivered to both at once (Lark re-pushes; long connections pick a random
 * instance) must be handled by exactly one. Reminders: both instances sweep at the same moment and
 * both outbox workers send; each recipient must get exactly one message.
 */
import { createDatabase } from "../src/core/db/client.js";
import { createSimulator } from "../src/sim/index.js";
import { botEnv, checkBotAnswers, loadFigures, seedClicks } from "./callback.js";
import { fanoutFigures, runFanout, type FanoutResult } from "./fanout.js";
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN, signedClick, signedClicks } from "./lib/lark.js";
import { load, post, settled } from "./lib/load.js";
import { startChild } from "./lib/proc.js";
import type { Figure } from "./lib/report.js";
import { freshPgUrl } from "./lib/world.js";

export interface ScaleOptions {
  seconds: number;
  connections: number;
  schools: number;
  /** concurrent double deliveries checked */
  doubles: number;
  fanoutRecipients: number;
}

export async function benchScaleOut(o: ScaleOptions, say: (s: string) => void): Promise<{ figures: Figure[]; notes: string[] } | null> {
  const bench = "5 two instances (PG)";
  const pgDb = await freshPgUrl();
  if (!pgDb) return null;
  const figures: Figure[] = [];
  const notes: string[] = [];
  const sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }).start();
  try {
    say(`PostgreSQL: seeding ${o.schools} reminder cards`);
    const clicks = await seedClicks(pgDb.url, o.schools);
    const a = await startChild("bench/servers/bot.ts", botEnv(pgDb.url, sim.url));
    const b = await startChild("bench/servers/bot.ts", botEnv(pgDb.url, sim.url));
    const db = createDatabase(pgDb.url);
    try {
      await checkBotAnswers(a.url, clicks[0]!);
      await checkBotAnswers(b.url, clicks[1 % clicks.length]!);
      const reqs = signedClicks(clicks, Math.max(2_000, o.seconds * 2_500));
      const warm = signedClicks(clicks, 400);
      say("warming up both instances");
      await load([a.url, b.url], warm, { seconds: 2, connections: 10 });
      say(`one instance: ${o.seconds} s, ${o.connections} connections`);
      const before1 = await settled(() => db.prisma.inboxEvent.count());
      const r1 = await load([a.url], reqs.slice(0, reqs.length / 2), o);
      const persisted1 = (await settled(() => db.prisma.inboxEvent.count())) - before1;
      say(`two instances: ${o.seconds} s, ${o.connections / 2} connections each`);
      const before2 = await settled(() => db.prisma.inboxEvent.count());
      const r2 = await load([a.url, b.url], reqs.slice(reqs.length / 2), o);
      const persisted2 = (await settled(() => db.prisma.inboxEvent.count())) - before2;
      figures.push(...loadFigures(bench, "one instance", r1), ...loadFigures(bench, "two instances", r2));
      figures.push({ bench, metric: "throughput two ÷ one", value: `${(r2.rps / Math.max(1, r1.rps)).toFixed(2)}×`, note: "both instances, the database and the load generator share 2 cores" });
      const inFlight = (p: number, r: { ok: number; errors: number; timeouts: number }) => p >= r.ok && p <= r.ok + r.errors + r.timeouts + o.connections;
      figures.push({
        bench,
        metric: "events persisted / 2xx counted (one; two)",
        value: `${persisted1} / ${r1.ok}; ${persisted2} / ${r2.ok}`,
        note: "persisted may exceed 2xx by the requests timed out or still in flight when autocannon stopped",
        met: inFlight(persisted1, r1) && inFlight(persisted2, r2),
      });

      // The same event to both instances at the same moment: one handles it, the other drops it.
      say(`${o.doubles} events delivered to both instances at once`);
      const beforeD = await settled(() => db.prisma.inboxEvent.count());
      let handled = 0;
      let ok = 0;
      for (let i = 0; i < o.doubles; i++) {
        const r = signedClick(clicks[i % clicks.length]!);
        const answers = await Promise.all([post(a.url, r), post(b.url, r)]);
        ok += answers.filter((x) => x.status === 200).length;
        // The copy that lost the race is answered `{}`; the one that won answers with the card
        // (or, past the 2.5 s budget, with a toast and patches the card later).
        handled += answers.filter((x) => x.status === 200 && JSON.stringify(x.body) !== "{}").length;
      }
      const persistedD = (await settled(() => db.prisma.inboxEvent.count())) - beforeD;
      figures.push({
        bench,
        metric: "event sent to both at once: answered (not {}) / persisted / 200s",
        value: `${handled} / ${persistedD} / ${ok} of ${o.doubles} events`,
        target: `${o.doubles} / ${o.doubles} / ${o.doubles * 2}`,
        met: handled === o.doubles && persistedD === o.doubles && ok === o.doubles * 2,
      });
    } finally {
      await db.close();
      await a.stop();
      await b.stop();
    }
  } finally {
    await sim.stop();
    await pgDb.drop();
  }

  // Sweep and send together (one instance; then two that both sweep, a split brain); then the
  // digests queued beforehand and only the sending timed (one instance; two sharing the budget).
  const runs: { label: string; instances: number; queueFirst: boolean }[] = [
    { label: "fan-out, one instance: ", instances: 1, queueFirst: false },
    { label: "fan-out, two instances: ", instances: 2, queueFirst: false },
    { label: "sending only, one instance: ", instances: 1, queueFirst: true },
    { label: "sending only, two instances: ", instances: 2, queueFirst: true },
  ];
  const sendOnly: FanoutResult[] = [];
  for (const run of runs) {
    const fdb = await freshPgUrl();
    if (!fdb) break;
    try {
      say(`reminder fan-out to ${o.fanoutRecipients} on PostgreSQL, ${run.label.replace(": ", "")}`);
      const r = await runFanout({ recipients: o.fanoutRecipients, instances: run.instances, dbUrl: fdb.url, queueFirst: run.queueFirst }, say);
      if (run.queueFirst) sendOnly.push(r);
      figures.push(...fanoutFigures(bench, r, run.label, run.queueFirst));
    } finally {
      await fdb.drop();
    }
  }
  if (sendOnly.length === 2) {
    const rate = (r: FanoutResult) => (r.recipients * 1000) / r.deliverMs;
    figures.push({
      bench,
      metric: "sending only: messages/s two ÷ one",
      value: `${(rate(sendOnly[1]!) / rate(sendOnly[0]!)).toFixed(2)}× (${rate(sendOnly[0]!).toFixed(1)}/s; ${rate(sendOnly[1]!).toFixed(1)}/s)`,
      note: "Lark's 50/s per app is the bound for any number of instances: two must not send faster, only without 429",
    });
  }
  notes.push(
    "Events: each instance is its own process (bench/servers/bot.ts) on the same database; autocannon splits the connections evenly.",
    "Reminders: both instances run in the benchmark process and sweep at the same instant (the scheduler's advisory lock would normally let only one); the Reminder unique key keeps one digest per recipient, the outbox claim one send per row.",
    "Sending only: the sweep queues every digest first (no platform connected), then the instance(s) start and send; timed from the first send call. On PostgreSQL the instances share the app's 50/s through the RateSlot table (src/core/shared-budget.ts): without it two instances pace 50/s each and Lark refuses the excess with 429.",
    "What limits what two instances can show: sending is bound by Lark's 50/s per app (50 ÷ (1 s + call latency) for all instances together), not by the machine, so two ÷ one is about 1.0× by design; the split-brain fan-out is bound by the two sweeps queueing (each digest is tried by both, one loses on the unique key); the fan-out instances share the benchmark's process, and everything shares 2 cores.",
  );
  return { figures, notes };
}
