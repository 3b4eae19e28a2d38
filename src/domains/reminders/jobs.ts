/**
 * The reminder sweep as a scheduler job (src/core/scheduler.ts runs it every minute on the
 * leader instance). Every run reads the clock itself, so a late tick simply sends what is due.
 */
import type { BotDeps } from "../../core/bot.js";
import type { Job } from "../../core/scheduler.js";
import { sweep, type SweepOptions } from "./flows.js";

export function reminderSweepJob(deps: Pick<BotDeps, "db" | "chat" | "clock" | "log">, opts: SweepOptions = {}): Job {
  return { name: "reminders.sweep", run: () => sweep(deps, opts) };
}
