/** Clicking a reminder card button as a person, through the module's action handlers. */
import type { CardActionResult } from "../../src/core/bot.js";
import type { Database } from "../../src/core/db/client.js";
import { reminderActions } from "../../src/domains/reminders/handlers.js";
import type { Harness } from "./support.js";

export async function click(
  h: Harness,
  db: Database,
  openId: string,
  action: "reminder_ack" | "reminder_done" | "reminder_snooze",
  id: string,
): Promise<CardActionResult> {
  const r = await reminderActions[action]({
    ...h.deps,
    db,
    actor: { openId },
    action: { value: { action, id } },
    eventId: `ev-${action}-${id}-${h.clock.now().getTime()}`,
    defer: () => undefined,
  });
  return r ?? {};
}

/** The Reminder row of one step for one recipient. */
export async function reminderRow(db: Database, where: { itemKey: string; periodKey: string; recipient: string; step: string }) {
  const r = await db.prisma.reminder.findFirst({ where });
  if (!r) throw new Error(`no reminder ${JSON.stringify(where)}`);
  return r;
}
