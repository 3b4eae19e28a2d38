import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Express } from "express";
import type { Server } from "node:http";
import { OffsetClock } from "../core/clock.js";
import type { Database } from "../core/db/client.js";
import type { Logger } from "../core/logger.js";
import { readFileSync } from "node:fs";
import { parsePlanYaml } from "../domains/campaigns/load.js";
import { shiftPlan } from "../domains/campaigns/shift.js";
import { activateCampaign } from "../domains/activation.js";
import type { Plan } from "../domains/campaigns/schema.js";
import { createSimulator, SIM_APP_ID, SIM_APP_SECRET, type Simulator } from "./index.js";
import { platformRules } from "./rules/plug.js";
import { consoleRouter } from "./console/router.js";
import { simConsolePort } from "./console/adapter.js";
import { BUILTIN_ROSTER, rosterFromPlan, type SandboxRoster } from "./sandbox-roster.js";
import { fingerprint, loadSnapshot, restoreInto, saveSnapshot, snapshotOf } from "./sandbox-store.js";

/**
 * Sandbox mode (design.md §5, contract): no LARK_APP_ID → the simulator runs inside the bot's
 * own process and HTTP server, for the app `cli_0123456789abcdef` / `sandbox-secret`; its
 * Open API answers at `/open-apis/…` and `/callback/ws/endpoint`, its console at `/sim`.
 * The world (people, chats, messages, the simulated clock) is saved in the bot's own database.
 */
export interface SandboxOptions {
  db: Database;
  log: Logger;
  campaignsDir: string;
  /** How often the world is saved when it changed (ms). */
  saveEveryMs?: number;
}

export interface LarkConnectionSettings {
  appId: string;
  appSecret: string;
  /** The bot's own base URL: the SDK calls `${domain}/open-apis/…`. */
  domain: string;
  transport: "ws";
}

export interface Sandbox {
  sim: Simulator;
  /** Real time plus whatever the console's clock control added; give it to the whole bot. */
  clock: OffsetClock;
  roster: SandboxRoster;
  /** The demo plan file the roster came from, or null for the built-in cast. */
  planFile: string | null;
  /** Mount the fake Open API and the console on the bot's express app (before its 404). */
  mount(app: Express): void;
  /** Attach the long-connection WebSocket to the listening server and learn the base URL. */
  attach(server: Server, baseUrl: string): void;
  /** What the platform layer connects with in sandbox mode (valid after `attach`). */
  connection(): LarkConnectionSettings;
  consoleUrl(): string;
  /** Run after the clock control moved time (the composition root points it at the scheduler). */
  onClockAdvanced: ((now: Date) => Promise<void> | void) | null;
  save(): Promise<void>;
  stop(): Promise<void>;
}

/** The demo plan: a plan file in CAMPAIGNS_DIR marked `demo: true` (or named demo*.yaml). */
export function findDemoPlan(dir: string): { file: string; plan: Plan } | null {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort((a, b) => Number(/^demo/.test(b)) - Number(/^demo/.test(a)));
  } catch {
    return null;
  }
  for (const f of files) {
    const file = join(dir, f);
    const r = parsePlanYaml(readFileSync(file, "utf8"), file);
    if (r.ok && (r.plan.demo || /^demo/.test(f))) return { file, plan: r.plan };
  }
  return null;
}

/**
 * The demo campaign, its dates moved so that today falls a few days into it, is activated once.
 * A restart finds it active and leaves it alone: the campaign continues where it was.
 */
async function activateDemo(o: SandboxOptions, demo: { file: string; plan: Plan }, now: Date): Promise<void> {
  const existing = await o.db.prisma.campaign.findUnique({ where: { id: demo.plan.id }, select: { status: true } });
  if (existing?.status === "active") return;
  try {
    await activateCampaign(o.db, shiftPlan(demo.plan, now), demo.file, now);
    o.log.info({ campaign: demo.plan.id, file: demo.file }, `沙箱：已启用演示计划“${demo.plan.title}”`);
  } catch (err) {
    // A broken demo plan must not keep the sandbox from starting: the console still works.
    o.log.warn({ err, file: demo.file }, "沙箱：演示计划无法启用");
  }
}

export async function createSandbox(o: SandboxOptions): Promise<Sandbox> {
  const clock = new OffsetClock();
  const sim = createSimulator({ appId: SIM_APP_ID, appSecret: SIM_APP_SECRET, clock });
  for (const r of platformRules({ appId: SIM_APP_ID })) sim.use(r);

  const demo = findDemoPlan(o.campaignsDir);
  const roster = (demo && rosterFromPlan(demo.plan)) ?? BUILTIN_ROSTER;

  const snap = await loadSnapshot(o.db);
  if (snap) {
    restoreInto(sim.state, snap);
    clock.advance(snap.clockOffsetMs);
    o.log.info({ messages: snap.messages.length, offsetMs: snap.clockOffsetMs }, "沙箱：已恢复上次的模拟数据");
  }
  if (demo) await activateDemo(o, demo, clock.now());
  // The cast is (re)created every start, so a plan edited between runs shows its new people.
  for (const p of roster.people) if (!sim.state.users.has(p.openId)) sim.addUser({ openId: p.openId, name: p.name });
  for (const g of roster.groups) {
    const existing = sim.state.chats.get(g.chatId);
    if (existing) existing.members = [...new Set([...existing.members, ...g.members])];
    else sim.addGroup({ chatId: g.chatId, name: g.name, members: g.members, botIn: true });
  }

  let base = "";
  let saved = "";
  const save = async () => {
    const fp = `${fingerprint(sim.state)}@${clock.offset}`;
    if (fp === saved) return;
    await saveSnapshot(o.db, snapshotOf(sim.state, clock.offset));
    saved = fp;
  };
  const timer = setInterval(() => {
    save().catch((err) => o.log.warn({ err }, "沙箱：保存模拟数据失败"));
  }, o.saveEveryMs ?? 1000);
  timer.unref();

  const sandbox: Sandbox = {
    sim,
    clock,
    roster,
    planFile: demo?.file ?? null,
    onClockAdvanced: null,
    mount(app) {
      app.use(sim.router());
      const port = simConsolePort(sim, {
        roster: () => roster.people,
        clock,
        onClockAdvanced: async (now) => {
          await sandbox.onClockAdvanced?.(now);
          await save();
        },
      });
      app.use(consoleRouter(port));
    },
    attach(server, baseUrl) {
      base = baseUrl;
      sim.ws.attach(server);
    },
    connection: () => ({ appId: SIM_APP_ID, appSecret: SIM_APP_SECRET, domain: base, transport: "ws" }),
    consoleUrl: () => `${base}/sim`,
    save,
    async stop() {
      clearInterval(timer);
      await save().catch((err) => o.log.warn({ err }, "沙箱：保存模拟数据失败"));
      sim.ws.close();
    },
  };
  return sandbox;
}
