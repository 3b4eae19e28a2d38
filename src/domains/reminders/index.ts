/**
 * The reminders module: card actions of reminder cards. The sweep itself runs from the
 * scheduler (jobs.ts), not from a chat command.
 */
import type { BotModule } from "../../core/bot.js";
import { reminderActions } from "./handlers.js";

export const remindersModule: BotModule = {
  name: "reminders",
  actions: reminderActions,
  help: () => ["提醒卡片上可点“已知悉”（截止前不再提醒）、“已完成”（无需填表的任务）、“明天再提醒”。"],
};
