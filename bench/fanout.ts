/**
 * (2) Fan-out: one reminder sweep reaches N recipients (one digest each) and the outbox worker
 * delivers them to the simulator with Lark's limits switched on (50 requests/s per API per app →
 * 429 + x-ogw-ratelimit-reset; 5/s per recipient → 230020). The bound the limits set is N ÷ 50 s.
 * Lost = a recipient with no message; duplicated = a recipient with more than one message, or a
 * uuid the simulator accepted twice.
 */
import { loadConfig } from "../src/config/env.js";
import { startBot, type RunningBot } from "../src/app.js";
import { createDatabase } from "../src/core/db/client.js";
import { systemClock } from "../src/core/clock.js";
import { Outbox } from "../src/core/outbox.js";
import { createLarkChatPort } from "../src/platform/lark/chat-port.js";
import { migrate } from "../src/core/db/migrate.js";
import { createSimulator, type Simulator } from "../src/sim/index.js";
import { platformRules } from "../src/sim/rules/index.js";
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from "./lib/lark.js";
import type { Figure } from "./lib/report.js";
import { activate, adminOpenId, freshSqliteUrl, provincePlan, sweepT7 } from "./lib/world.js";

export interface FanoutOptions {
  recipients: number;
  /** separate bot instances (PostgreSQL only) sharing the queue */
  instances?: number;
  dbUrl?: string;
  /** give up after this long (ms) */
  timeoutMs?: number;
  /**
   * Queue every digest before any instance starts, then time the sending alone (from the start
   * of the instances): what the outbox and the shared budget do, without the sweep beside them.
   */
  queueFirst?: boolean;
}

export interface FanoutResult {
  recipients: number;
  sweepMs: number;
  deliverMs: number;
  boundMs: number;
  lost: number;
  duplicated: number;
  wireDuplicates: number;
  status429: number;
  status230020: number;
  sends: number;
  /** from the start (of the sweep, or of the instances) to the first send call */
  firstSendMs: number;
  /** send calls while the sweep was still queueing, and their rate */
  sweepSends: number;
  /** send calls per second from the end of the sweep (or the first send) to the last one */
  tailRate: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function simWithLimits(): Promise<Simulator> {
  const sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET }).start();
  for (const r of platformRules({ appId: APP_ID })) sim.use(r);
  return sim;
}

export async function startInstance(dbUrl: string, sim: Simulator): Promise<RunningBot> {
  const config = loadConfig({ PORT: "0", DATABASE_URL: dbUrl, LARK_APP_ID: APP_ID, LARK_APP_SECRET: APP_SECRET, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN, LARK_DOMAIN: sim.url, LARK_TRANSPORT: "webhook", LOG_LEVEL: "silent" });
  return startBot({ config, modules: [], jobs: [], startScheduler: false });
}

/** What the simulator received, per recipient and per uuid. */
export function deliveryCounts(sim: Simulator, openIds: string[]): Pick<FanoutResult, "lost" | "duplicated" | "wireDuplicates" | "status429" | "status230020" | "sends"> {
  const perChat = new Map<string, number>();
  for (const m of sim.state.messages.values()) if (m.sender === "bot") perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
  const chatOf = new Map<string, string>();
  for (const c of sim.state.chats.values()) if (c.type === "p2p") chatOf.set(c.members[0]!, c.chatId);
  let lost = 0;
  let duplicated = 0;
  for (const id of openIds) {
    const n = perChat.get(chatOf.get(id) ?? "") ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated++;
  }
  const sends = sim.state.requests.filter((r) => r.method === "POST" && r.path === "/open-apis/im/v1/messages");
  const okPerUuid = new Map<string, number>();
  for (const r of sends) {
    const uuid = (r.body as { uuid?: string } | undefined)?.uuid;
    if (r.status === 200 && uuid) okPerUuid.set(uuid, (okPerUuid.get(uuid) ?? 0) + 1);
  }
  return {
    lost,
    duplicated,
    // The simulator answers a repeated uuid with the first message (Lark's idempotency): count them.
    wireDuplicates: [...okPerUuid.values()].filter((n) => n > 1).length,
    status429: sends.filter((r) => r.status === 429).length,
    status230020: sends.filter((r) => r.status === 400).length,
    sends: sends.length,
  };
}

export async function runFanout(o: FanoutOptions, say: (s: string) => void): Promise<FanoutResult> {
  const n = o.recipients;
  const sim = await simWithLimits();
  const openIds = Array.from({ length: n }, (_, i) => adminOpenId(i + 1, 0));
  for (const id of openIds) sim.addUser({ openId: id, name: id });
  for (const id of openIds) sim.state.p2pChatOf(id); // the chats exist already, as for people who used the bot
  const dbUrl = o.dbUrl ?? freshSqliteUrl();
  await migrate(dbUrl);
  const seedDb = createDatabase(dbUrl);
  say(`activating a plan with ${n} schools`);
  await activate(seedDb, provincePlan({ schools: n }));
  let queuedFirst: { sweepMs: number } | null = null;
  if (o.queueFirst) {
    // No platform yet: the digests wait in the outbox, as while Lark is unreachable.
    const t = performance.now();
    const r = await sweepT7(seedDb, createLarkChatPort(new Outbox(seedDb, systemClock), null));
    if (r.messages !== n) throw new Error(`the sweep queued ${r.messages} digests, expected ${n}`);
    queuedFirst = { sweepMs: performance.now() - t };
    say(`queued ${n} digests first (${(queuedFirst.sweepMs / 1000).toFixed(1)} s); now ${o.instances ?? 1} instance(s) send them`);
  }
  await seedDb.close();
  const bots: RunningBot[] = [];
  try {
    for (let i = 0; i < (o.instances ?? 1); i++) bots.push(await startInstance(dbUrl, sim));
    const db = bots[0]!.db;
    let sweepMs = queuedFirst?.sweepMs ?? 0;
    // Sweep mode: from the start of the sweep. Queued first: from the first send (the instances'
    // start-up is section 4's business).
    let wall0 = Date.now();
    let sweepEnd = wall0;
    if (!queuedFirst) {
      say(`sweep → ${n} digests; ${bots.length} outbox worker(s) deliver them`);
      const t0 = performance.now();
      // With several instances every one sweeps at once (a split brain, worse than the leader
      // lock allows): the Reminder unique key must still let each digest through exactly once.
      const swept = await Promise.all(bots.map((b) => sweepT7(b.db, b.platform.chat)));
      sweepMs = performance.now() - t0;
      sweepEnd = Date.now();
      const queued = swept.reduce((a, r) => a + r.messages, 0);
      if (queued !== n) throw new Error(`the sweep(s) queued ${queued} digests, expected ${n}`);
    }
    const end = Date.now() + (o.timeoutMs ?? Math.max(120_000, n * 60));
    let sent = 0;
    for (;;) {
      sent = await db.prisma.outboxMessage.count({ where: { status: "sent" } });
      if (sent >= n || Date.now() > end) break;
      await sleep(200);
    }
    const doneAt = Date.now();
    if (sent < n) say(`timed out with ${sent}/${n} sent`);
    await sleep(500); // a send that raced the last count shows up as a duplicate, not as missing
    const calls = sim.state.requests.filter((r) => r.method === "POST" && r.path === "/open-apis/im/v1/messages").map((r) => r.at);
    if (queuedFirst) wall0 = calls[0] ?? wall0;
    const deliverMs = doneAt - wall0;
    const first = calls[0] ?? wall0;
    const last = calls[calls.length - 1] ?? wall0;
    const tailFrom = queuedFirst ? first : Math.max(first, sweepEnd);
    const tail = calls.filter((t) => t >= tailFrom).length;
    return {
      recipients: n,
      sweepMs,
      deliverMs,
      boundMs: (n / 50) * 1000,
      ...deliveryCounts(sim, openIds),
      firstSendMs: first - wall0,
      sweepSends: queuedFirst ? 0 : calls.filter((t) => t < sweepEnd).length,
      tailRate: last > tailFrom ? ((tail - 1) * 1000) / (last - tailFrom) : 0,
    };
  } finally {
    for (const b of bots) await b.stop();
    await sim.stop();
  }
}

export function fanoutFigures(bench: string, r: FanoutResult, label = "", queueFirst = false): Figure[] {
  const over = r.deliverMs / r.boundMs - 1;
  const from = queueFirst ? "from the first send" : "from sweep start";
  const figures: Figure[] = [
    { bench, metric: `${label}recipients / ${queueFirst ? "queued beforehand in" : "sweep (queueing) time"}`, value: `${r.recipients} / ${(r.sweepMs / 1000).toFixed(1)} s` },
    {
      bench,
      metric: `${label}time to deliver all (${from}) vs bound N÷50/s`,
      value: `${(r.deliverMs / 1000).toFixed(1)} s vs ${(r.boundMs / 1000).toFixed(1)} s (${over >= 0 ? "+" : ""}${(over * 100).toFixed(1)} %)`,
      target: "within 10 %",
      met: over <= 0.1,
    },
    { bench, metric: `${label}lost / duplicated recipients`, value: `${r.lost} / ${r.duplicated}`, target: "0 / 0", met: r.lost === 0 && r.duplicated === 0 },
    { bench, metric: `${label}uuids the simulator accepted twice`, value: String(r.wireDuplicates) },
    { bench, metric: `${label}send calls / 429 / 230020`, value: `${r.sends} / ${r.status429} / ${r.status230020}` },
  ];
  const rate = (calls: number, ms: number) => (ms > 0 ? `${((calls * 1000) / ms).toFixed(1)}/s` : "—");
  const afterSweep = r.recipients - r.sweepSends;
  figures.push(
    queueFirst
      ? { bench, metric: `${label}send rate (first to last call)`, value: `${r.tailRate.toFixed(1)}/s`, note: "at most 50 ÷ (1 s + call latency) for all instances together" }
      : {
          bench,
          metric: `${label}first send after / sent while the sweep ran / rate after it`,
          value: `${(r.firstSendMs / 1000).toFixed(2)} s / ${r.sweepSends} (${rate(r.sweepSends, r.sweepMs - r.firstSendMs)}) / ${afterSweep >= 50 ? `${r.tailRate.toFixed(1)}/s` : `— (${afterSweep} left after it)`}`,
          note: "the first send waits for the sweep's first committed digest (its reads before it); each of the app's 50 slots is free again 1 s after its call answered, so the rate is 50 ÷ (1 s + latency)",
        },
  );
  return figures;
}
