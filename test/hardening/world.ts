/**
 * A seeded world for the hardening tests: the demo plan activated (schools, bureau, forms,
 * deadlines, bulletins), one filed case, and helpers to call any module's handler the way the
 * router does, capture what it logged at error level, fingerprint the database and find
 * injected markup in anything the bot would show.
 */
import { Writable } from "node:stream";
import type { BotModule, CardActionContext, CardActionResult, CommandContext } from "../../src/core/bot.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Database } from "../../src/core/db/client.js";
import { createLogger, type Logger } from "../../src/core/logger.js";
import { Outbox } from "../../src/core/outbox.js";
import { isUserError } from "../../src/core/errors.js";
import { loadPlanFile } from "../../src/domains/campaigns/load.js";
import { activatePlan } from "../../src/domains/campaigns/activate.js";
import { testPort, type TestPort } from "../incidents/support.js";
import { goodForm } from "../incidents/support.js";

export const U = {
  teacherA: "ou_demo_school_a_teacher",
  principalA: "ou_demo_school_a_principal",
  teacherB: "ou_demo_school_b_teacher",
  principalB: "ou_demo_school_b_principal",
  safety: "ou_demo_safety",
  director: "ou_demo_director",
  leader: "ou_demo_leader",
  outsider: "ou_not_in_any_plan",
} as const;

/** People who must not be able to change school A's case: another school, nobody, the reporter. */
export const UNPRIVILEGED = [U.teacherB, U.principalB, U.outsider] as const;

export interface World {
  db: Database;
  clock: ManualClock;
  chat: TestPort;
  log: Logger;
  /** error-level log lines since the last `takeErrors()` */
  takeErrors(): string[];
  campaignId: string;
  caseId: string;
  caseNo: string;
  /** real ids of every kind found in the database, for "other people's ids" */
  ids: string[];
}

export async function seedWorld(db: Database): Promise<World> {
  const clock = new ManualClock("2021-10-12T02:00:00Z");
  const errors: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      errors.push(chunk.toString());
      cb();
    },
  });
  const log = createLogger("error", sink);
  const chat = testPort(new Outbox(db, clock));
  const loaded = loadPlanFile("campaigns/demo-sandbox.yaml");
  if (!loaded.ok) throw new Error("demo plan does not load");
  await activatePlan(db, loaded.plan, "campaigns/demo-sandbox.yaml", clock.now());
  const campaignId = loaded.plan.id;
  const w: World = { db, clock, chat, log, takeErrors: () => errors.splice(0), campaignId, caseId: "", caseNo: "", ids: [] };
  const { incidentsModule } = await import("../../src/domains/incidents/handlers.js");
  const r = await callAction(w, incidentsModule, "incident_submit", U.teacherA, { action: "incident_submit", formId: "seed-1", campaignId }, goodIncident());
  const m = /案件编号 (\S+)/.exec(r.result?.toast?.content ?? "");
  if (!m) throw new Error(`seed case not filed: ${JSON.stringify(r)}`);
  const c = await db.prisma.incidentCase.findUniqueOrThrow({ where: { caseNo: m[1]! } });
  w.caseId = c.id;
  w.caseNo = c.caseNo;
  const [items, units, members, forms] = await Promise.all([
    db.prisma.trackedItem.findMany({ select: { id: true, key: true }, take: 5 }),
    db.prisma.unit.findMany({ select: { key: true, id: true }, take: 5 }),
    db.prisma.member.findMany({ select: { key: true, openId: true }, take: 5 }),
    db.prisma.outboxMessage.findMany({ select: { id: true, resultId: true }, take: 3 }),
  ]);
  w.ids = [c.id, c.caseNo, campaignId, ...items.flatMap((i) => [i.id, i.key]), ...units.flatMap((u) => [u.key, u.id]), ...members.flatMap((x) => [x.key, x.openId ?? ""]), ...forms.map((f) => f.id)].filter(Boolean);
  w.takeErrors();
  return w;
}

/** The incidents tests' valid report form, filed for school A. */
export function goodIncident(over: Record<string, unknown> = {}): Record<string, unknown> {
  return goodForm({ unit: "school-a", ...over });
}

export interface Outcome<T> {
  result?: T;
  /** a non-UserError escaped the handler: the router would log it and show the generic message */
  crash?: string;
  userError?: string;
}

let seq = 0;

export async function callAction(w: Pick<World, "db" | "chat" | "clock" | "log">, m: BotModule, name: string, openId: string, value: Record<string, unknown>, formValue?: unknown, extra: Partial<CardActionContext["action"]> = {}): Promise<Outcome<CardActionResult>> {
  const deferred: (() => Promise<void>)[] = [];
  const ctx: CardActionContext = {
    db: w.db,
    chat: w.chat,
    clock: w.clock,
    log: w.log,
    actor: { openId },
    messageId: `om_fuzz_${seq}`,
    chatId: `oc_fuzz_${seq % 3}`,
    action: { value, tag: "button", ...(formValue !== undefined ? { formValue: formValue as Record<string, unknown> } : {}), ...extra },
    eventId: `ev_fuzz_${++seq}`,
    defer: (x) => void deferred.push(x),
  };
  try {
    const result = (await m.actions![name]!(ctx)) ?? {};
    for (const d of deferred) await d();
    return { result };
  } catch (e) {
    if (isUserError(e)) return { userError: e.userMessage };
    return { crash: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) };
  }
}

export async function callCommand(w: Pick<World, "db" | "chat" | "clock" | "log">, m: BotModule, name: string, openId: string, args: string, chatType: "p2p" | "group", mentions: CommandContext["mentions"] = []): Promise<Outcome<{ replies: string[]; cards: unknown[] }>> {
  const replies: string[] = [];
  const cards: unknown[] = [];
  const cmd = m.commands!.find((c) => c.name === name)!;
  const ctx: CommandContext = {
    db: w.db,
    chat: w.chat,
    clock: w.clock,
    log: w.log,
    actor: { openId },
    chatId: chatType === "p2p" ? `oc_p2p_${openId}` : "oc_group_fuzz",
    chatType,
    messageId: `om_cmd_${++seq}`,
    text: `${name} ${args}`.trim(),
    args,
    mentions,
    eventId: `ev_cmd_${seq}`,
    reply: async (t) => void replies.push(t),
    replyCard: async (c) => void cards.push(c),
  };
  try {
    if (cmd.roles?.length) {
      // the router's role gate (help.ts) is not what is under test here: handlers must hold on their own
    }
    await cmd.run(ctx);
    return { result: { replies, cards } };
  } catch (e) {
    if (isUserError(e)) return { userError: e.userMessage, result: { replies, cards } };
    return { crash: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) };
  }
}

/** Everything that is not a log of what happened (audit, outbox, inbox): counts and versions. */
export async function fingerprint(db: Database): Promise<string> {
  const p = db.prisma as unknown as Record<string, { count(): Promise<number> }>;
  const models = ["campaign", "unit", "member", "chatBinding", "patrolRoster", "patrol", "finding", "reportSubmission", "reminder", "reminderAck", "itemCompletion", "trackedItem", "incidentCase", "caseStep", "caseMember", "caseCard", "bulletin", "bulletinSetting"];
  const counts: Record<string, number> = {};
  for (const m of models) if (m in p) counts[m] = await p[m]!.count();
  const cases = await db.prisma.incidentCase.findMany({ select: { id: true, version: true, status: true, taskForceChatId: true }, orderBy: { id: "asc" } });
  const items = await db.prisma.trackedItem.findMany({ select: { id: true, closedAt: true }, orderBy: { id: "asc" } });
  return JSON.stringify({ counts, cases, items });
}

const CJK = /[\u4e00-\u9fff]/;

/** A message a person sees after a refusal: Chinese, short, no internals. */
export function badMessage(text: string | undefined): string | null {
  if (text === undefined) return null;
  if (!CJK.test(text)) return `not Chinese: ${text.slice(0, 80)}`;
  if (/\bat [\w.]+ \(|Error:|prisma|undefined|\[object Object\]|TypeError|ZodError/i.test(text)) return `internals shown: ${text.slice(0, 120)}`;
  return null;
}

/**
 * User text that would be live markup where it is shown: in a card's markdown (`<at`, `<link`,
 * a `[x](url)` link, `<font`) or in a text message (`<at user_id=`). Plain-text components are inert.
 */
export function injectedMarkup(content: unknown, markers: string[]): string | null {
  const hits: string[] = [];
  const visit = (n: unknown, inMd: boolean): void => {
    if (typeof n === "string") {
      if (inMd) for (const mk of markers) if (n.includes(mk)) hits.push(`${mk} in ${n.slice(0, 80)}`);
      return;
    }
    if (Array.isArray(n)) return n.forEach((x) => visit(x, inMd));
    if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      const md = o.tag === "markdown" || o.tag === "lark_md";
      for (const [k, v] of Object.entries(o)) visit(v, md ? k === "content" : inMd && k === "content");
    }
  };
  visit(content, false);
  return hits[0] ?? null;
}

/** Outbox rows added after `since` (by id set), decoded. */
export async function newOutbox(db: Database, seen: Set<string>): Promise<{ id: string; msgType: string | null; content: string; op: string }[]> {
  const rows = await db.prisma.outboxMessage.findMany({ select: { id: true, msgType: true, content: true, op: true } });
  const fresh = rows.filter((r) => !seen.has(r.id));
  for (const r of fresh) seen.add(r.id);
  return fresh;
}
