/**
 * The reminders a plan implies in a date window, as if nothing had been submitted: what the
 * `schedule` CLI prints so an administrator can check a plan before activating it.
 * JSON contract (issue 6): a list of
 *   { at (ISO 8601 with offset), kind, item, title, step, recipients: [{ type, key, name }] }
 * plus `period` and `due` for orientation. One entry per (time, item, period, step); recipients sorted.
 */
import { addDays } from "../../core/calendar.js";
import type { Plan } from "../campaigns/schema.js";
import { planPeople } from "./people.js";
import { computeSteps, EMPTY_STATE, type ReminderKind } from "./schedule.js";
import { isoWithOffset, wallInstant } from "./time.js";

export interface PreviewRecipient {
  /** member (a person of the plan), chat (a group chat of the plan), unresolved (named in the plan, nobody listed yet) */
  type: "member" | "chat" | "user" | "unresolved";
  key: string;
  name: string | null;
}

export interface PreviewEntry {
  at: string;
  kind: ReminderKind;
  item: string;
  title: string;
  step: string;
  recipients: PreviewRecipient[];
  period: string | null;
  due: string | null;
}

function describe(plan: Plan, recipient: string): PreviewRecipient {
  const [type, ...rest] = recipient.split(":");
  const key = rest.join(":");
  if (type === "member") return { type, key, name: planPeople(plan).find((p) => p.key === key)?.name ?? null };
  if (type === "chat") return { type, key, name: plan.chats.find((c) => c.key === key)?.name ?? null };
  if (type === "unresolved") return { type, key, name: key };
  return { type: "user", key, name: null };
}

export function previewSchedule(plan: Plan, from: string, to: string): PreviewEntry[] {
  const tz = plan.timezone;
  const steps = computeSteps(plan, EMPTY_STATE, { from: wallInstant(from, "00:00", tz), to: new Date(wallInstant(addDays(to, 1), "00:00", tz).getTime() - 1) });
  const out = new Map<string, PreviewEntry>();
  for (const s of steps) {
    const k = `${s.at.getTime()}|${s.item}|${s.periodKey}|${s.step}`;
    let e = out.get(k);
    if (!e) {
      e = { at: isoWithOffset(s.at, tz), kind: s.kind, item: s.item, title: s.title, step: s.step, recipients: [], period: s.periodKey === "-" ? null : s.periodKey, due: s.due ?? null };
      out.set(k, e);
    }
    e.recipients.push(describe(plan, s.recipient));
  }
  for (const e of out.values()) e.recipients.sort((a, b) => `${a.type}:${a.key}`.localeCompare(`${b.type}:${b.key}`));
  return [...out.values()];
}
