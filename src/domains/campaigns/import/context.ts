/** The date context the readers share, with the list they report unresolved items to. */
import type { DateContext } from "../dates.js";
import type { ImportResult } from "../importer.js";

export interface Ctx extends DateContext {
  unresolved: ImportResult["unresolved"];
  /** A cover letter in front of next year's plan: the text before offset `before` is dated in `year` (the issue year). */
  cover?: { before: number; year: number };
}
