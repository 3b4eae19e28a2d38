/**
 * Hostile input (issue 11): every card action and every command of every domain module gets
 * generated payloads — wrong types, missing fields, huge strings, control characters, emoji,
 * nested junk, markup, other people's ids — from people of every standing.
 *
 * For each call: nothing but a UserError escapes (the router would otherwise show the generic
 * 系统繁忙 and log an error), nothing is logged at error level, every message a person sees is
 * Chinese without internals, no user markup is live in a card or text the bot answers or queues,
 * a refused call leaves the database unchanged apart from the audit log and the outbox, and
 * people of another school or of no plan never change school A's case whatever they send.
 *
 * FUZZ_RUNS (default 40) is the number of payloads per handler per run; the figures in
 * docs/reliability.md come from FUZZ_RUNS=... runs. The tally is printed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { freshDb, type TestDb } from "../support/db.js";
import { domainModules } from "../../src/domains/modules.js";
import { badMessage, callAction, callCommand, fingerprint, goodIncident, injectedMarkup, newOutbox, seedWorld, U, UNPRIVILEGED, type World } from "./world.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

// Only markup that came from the payload: the bot's own cards use <font> and may mention people.
const MARKERS = ["<at id=all", "<at id=\"all\"", "<at user_id=", "<link url=", "](https://evil", "<font color='red'>红"];
const LIVE_AT = /<at\s+(user_)?id\s*=/i;
const HOSTILE = [
  "<at id=all></at>",
  '<at user_id="all"></at>',
  "<at id=ou_demo_school_a_principal></at>",
  "[点我](https://evil.example/x)",
  "<link url='https://evil.example'>x</link>",
  "**粗体** # 标题 `code` ~~删~~",
  "<font color='red'>红</font>",
  "\u0000\u0007\u001b[31m\u202e反转",
  "😀👨‍👩‍👧‍👦🏳️‍🌈",
  "'; DROP TABLE \"IncidentCase\"; --",
  "__proto__",
  "constructor",
  "${7*7}{{7*7}}",
  "\n\n\n",
  " ",
  "",
];

const junkString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 120_000 }).chain((n) => fc.constantFrom("啊", "a", "😀", "<at id=all></at>").map((s) => s.repeat(Math.ceil(n / s.length)))) },
);

export function junkArb(ids: string[]): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: junkString },
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, NaN, -1, 0, 1e308) },
  );
  return fc.oneof({ weight: 5, arbitrary: leaf }, { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.dictionary(junkString, leaf, { maxKeys: 3 }) });
}

const KEYS = [
  "caseId", "campaignId", "formId", "step", "op", "v", "version", "id", "itemId", "key", "unit", "unitKey", "month", "period", "form", "kind",
  "slot", "patrolId", "findingId", "bulletinId", "note", "view", "members", "late", "critical", "title", "dueAt", "memberKeys", "areas",
  "patrollerOpenId", "weekdays", "origin", "snooze", "until",
];
const FORM_KEYS = [...Object.keys(goodIncident()), "result", "cause", "next_steps", "note", "members", "areas", "patroller", "issues", "description", "action_taken", "value", "count"];

interface Tally {
  calls: number;
  refusals: number;
  accepted: number;
  failures: { where: string; what: string; sample: string }[];
}
const tally: Record<string, Tally> = {};
const t = (k: string) => (tally[k] ??= { calls: 0, refusals: 0, accepted: 0, failures: [] });
function fail(k: string, what: string, sample: unknown) {
  const s = t(k);
  if (s.failures.length < 5) s.failures.push({ where: k, what, sample: JSON.stringify(sample, (_k, v) => (typeof v === "string" && v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v)).slice(0, 600) });
}

/** Outbox rows a handler queued: text messages and cards, checked for live markup. */
function outboxInjection(rows: { content: string }[]): string | null {
  for (const r of rows) {
    let op: Record<string, unknown>;
    try {
      op = JSON.parse(r.content) as Record<string, unknown>;
    } catch {
      continue;
    }
    const inner = typeof op.content === "string" ? (() => { try { return JSON.parse(op.content as string) as unknown; } catch { return op.content; } })() : op.content;
    if (op.msgType === "text" || (inner && typeof inner === "object" && "text" in (inner as object) && !("schema" in (inner as object)))) {
      const text = String((inner as { text?: unknown })?.text ?? "");
      if (LIVE_AT.test(text)) return `text message echoes a mention: ${text.slice(0, 80)}`;
    } else {
      const hit = injectedMarkup(inner, MARKERS);
      if (hit) return hit;
    }
  }
  return null;
}

let db: TestDb;
let w: World;

/** School A's seeded case with its steps and task force, as stored. */
async function seedCase(): Promise<string> {
  return JSON.stringify(await db.db.prisma.incidentCase.findUnique({ where: { id: w.caseId }, include: { steps: true, members: true, cards: true } }));
}

beforeAll(async () => {
  db = await freshDb("sqlite");
  w = await seedWorld(db.db);
}, 60_000);

afterAll(async () => {
  const rows = Object.entries(tally).map(([k, v]) => ({ handler: k, calls: v.calls, refusals: v.refusals, accepted: v.accepted, failures: v.failures.length }));
  const total = rows.reduce((a, r) => ({ calls: a.calls + r.calls, refusals: a.refusals + r.refusals, accepted: a.accepted + r.accepted }), { calls: 0, refusals: 0, accepted: 0 });
  // One line for docs/reliability.md; printed, not asserted.
  process.stdout.write(`\nFUZZ TALLY ${JSON.stringify({ runsPerHandler: RUNS, handlers: rows.length, ...total })}\n${rows.map((r) => `  ${r.handler}: ${r.calls} calls, ${r.refusals} refused, ${r.accepted} accepted`).join("\n")}\n`);
  await db?.cleanup();
});

const actions = domainModules.flatMap((m) => Object.keys(m.actions ?? {}).map((name) => ({ m, name })));
const commands = domainModules.flatMap((m) => (m.commands ?? []).map((c) => ({ m, name: c.name })));

describe("card actions under hostile payloads", () => {
  it.each(actions.map((a) => [a.name, a] as const))("%s", async (name, { m }) => {
    const ids = [...w.ids];
    const actor = fc.constantFrom<string>(...UNPRIVILEGED, U.teacherA, U.principalA, U.safety, U.director, "", "ou_" + "x".repeat(300));
    const value = fc.dictionary(fc.constantFrom(...KEYS), junkArb(ids), { maxKeys: 6 });
    const formValue = fc.option(fc.oneof(fc.dictionary(fc.constantFrom(...FORM_KEYS), junkArb(ids), { maxKeys: 8 }), junkArb(ids)), { nil: undefined });
    // a valid form with one field made hostile: reaches deeper than pure junk
    const nearValid = fc.record({ field: fc.constantFrom(...Object.keys(goodIncident())), bad: junkArb(ids) }).map(({ field, bad }) => ({ ...goodIncident(), [field]: bad }));
    const seen = new Set((await db.db.prisma.outboxMessage.findMany({ select: { id: true } })).map((r) => r.id));
    await fc.assert(
      fc.asyncProperty(actor, value, fc.oneof(formValue, nearValid), fc.boolean(), async (who, v, fv, ownCase) => {
        const payload = { ...v, action: name, ...(ownCase ? { caseId: w.caseId, campaignId: w.campaignId } : {}) };
        const before = await fingerprint(db.db);
        const seedBefore = await seedCase();
        const r = await callAction(w, m, name, who, payload, fv);
        const s = t(name);
        s.calls++;
        const errs = w.takeErrors();
        if (r.crash) fail(name, `crash: ${r.crash}`, { who, payload, fv });
        if (errs.length) fail(name, `logged error: ${errs[0]!.slice(0, 300)}`, { who, payload });
        const toast = r.result?.toast;
        const refused = !!r.userError || toast?.type === "error" || toast?.type === "warning";
        if (refused) s.refusals++;
        else s.accepted++;
        const bad = badMessage(r.userError ?? (refused ? toast?.content : undefined));
        if (bad) fail(name, bad, { who, payload });
        if (refused && !r.userError && !toast?.content) fail(name, "refusal without a message", { who, payload });
        const inj = injectedMarkup(r.result?.card, MARKERS) ?? outboxInjection(await newOutbox(db.db, seen));
        if (inj) fail(name, `markup live: ${inj}`, { who, payload, fv });
        if (refused && before !== (await fingerprint(db.db))) fail(name, "database changed by a refused call", { who, payload, fv });
        // A plan member may file a report for their own school; nobody but school A's people may touch school A's case.
        if ((UNPRIVILEGED as readonly string[]).includes(who) && seedBefore !== (await seedCase())) fail(name, "another school's case changed", { who, payload, fv });
        return true;
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    expect(t(name).failures).toEqual([]);
  }, 600_000);
});

describe("commands under hostile arguments", () => {
  it.each(commands.map((c) => [c.name, c] as const))("%s", async (name, { m }) => {
    const ids = [...w.ids];
    const actor = fc.constantFrom<string>(...UNPRIVILEGED, U.teacherA, U.principalA, U.safety, U.director, U.leader);
    const args = fc.oneof(junkString, fc.constantFrom(...ids), fc.array(fc.oneof(junkString, fc.constantFrom(...ids, "2021-10", "2018-13", "9999-99", "-1", "school-a")), { maxLength: 4 }).map((a) => a.join(" ")));
    const mentions = fc.array(fc.record({ key: fc.constantFrom("@_user_1", "@_all"), openId: fc.option(fc.constantFrom(...ids, "ou_x"), { nil: undefined }), name: fc.option(junkString, { nil: undefined }) }), { maxLength: 2 });
    const seen = new Set((await db.db.prisma.outboxMessage.findMany({ select: { id: true } })).map((r) => r.id));
    await fc.assert(
      fc.asyncProperty(actor, args, fc.constantFrom<"p2p" | "group">("p2p", "group"), mentions, async (who, a, chatType, ms) => {
        const before = (UNPRIVILEGED as readonly string[]).includes(who) ? await fingerprint(db.db) : null;
        const seedBefore = await seedCase();
        const r = await callCommand(w, m, name, who, a, chatType, ms);
        const s = t(name);
        s.calls++;
        const errs = w.takeErrors();
        if (r.crash) fail(name, `crash: ${r.crash}`, { who, a, chatType });
        if (errs.length) fail(name, `logged error: ${errs[0]!.slice(0, 300)}`, { who, a });
        if (r.userError) s.refusals++;
        else s.accepted++;
        for (const text of [...(r.userError ? [r.userError] : []), ...(r.result?.replies ?? [])]) {
          const bad = badMessage(text);
          if (bad) fail(name, bad, { who, a });
          if (LIVE_AT.test(text)) fail(name, `reply echoes a mention: ${text.slice(0, 80)}`, { who, a });
        }
        const inj = (r.result?.cards ?? []).map((c) => injectedMarkup(c, MARKERS)).find(Boolean) ?? outboxInjection(await newOutbox(db.db, seen));
        if (inj) fail(name, `markup live: ${inj}`, { who, a });
        // Commands only show things: for people without rights nothing may change at all.
        if (before !== null && before !== (await fingerprint(db.db))) fail(name, "database changed for a caller without rights", { who, a });
        // (案件 <编号> by someone allowed sends a fresh personal card, which is recorded on the case)
        if ((UNPRIVILEGED as readonly string[]).includes(who) && seedBefore !== (await seedCase())) fail(name, "another school's case changed", { who, a });
        return true;
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    expect(t(name).failures).toEqual([]);
  }, 600_000);
});
