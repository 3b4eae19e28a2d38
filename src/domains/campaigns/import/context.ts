/** The date context the readers share, with the list they report unresolved items to. */
import type { DateContext } from "../dates.js";
import type { ImportResult } from "../importer.js";

export interface Ctx extends DateContext {
  unresolved: ImportResult["unresolved"];
}
