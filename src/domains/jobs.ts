import type { BotDeps } from "../core/bot.js";
import type { Job } from "../core/scheduler.js";
import { reminderSweepJob } from "./reminders/jobs.js";
import { patrolJob } from "./reports/jobs.js";
import { bulletinJob } from "./bulletins/jobs.js";

/**
 * Every domain's scheduled work, run once a minute on the leader instance (src/core/scheduler.ts).
 * Add one line per job: a factory from the bot's dependencies to a `Job`.
 */
export type JobFactory = (deps: Pick<BotDeps, "db" | "chat" | "clock" | "log">) => Job;

export const domainJobs: JobFactory[] = [(deps) => reminderSweepJob(deps), (deps) => patrolJob(deps), (deps) => bulletinJob(deps)];
