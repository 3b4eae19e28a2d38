import type { BotModule } from "../core/bot.js";
import { incidentsModule } from "./incidents/handlers.js";
import { remindersModule } from "./reminders/index.js";
import { reportsModule } from "./reports/handlers.js";
import { bulletinsModule } from "./bulletins/handlers.js";

/**
 * Every domain's command and card-action handlers (src/core/bot.ts). Add one line per
 * domain module; `startBot` routes events to these unless a test passes its own list.
 */
export const domainModules: BotModule[] = [remindersModule, incidentsModule, reportsModule, bulletinsModule];
