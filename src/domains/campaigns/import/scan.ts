/** One sentence as the deadline readers see it, and where they put what they find. */
import type { ImportedDeadline } from "../importer.js";
import type { Ctx } from "./context.js";

/** A count: 3 or 三 (also 两). */
export const N = "(\\d+|[一二两三四五六七八九十]+)";

export interface Scan {
  /** the sentence with masked expressions and hidden 《titles》, line breaks removed (offsets match `o`) */
  s: string;
  /** the same sentence as written, line breaks removed */
  o: string;
  /** the sentence as split (line breaks kept) and its offset in the whole text */
  sentence: { s: string; o: string; at: number };
  /** the whole text as written */
  original: string;
  orig: (a: number, b: number) => string;
  /** whether [a, b) is not yet read by an earlier reader */
  free: (a: number, b: number) => boolean;
  take: (a: number, b: number) => void;
  push: (d: ImportedDeadline) => void;
  /** push a window, merging an announced event with its restated, labelled time */
  pushWindow: (d: ImportedDeadline, labelled: boolean) => void;
  ctx: Ctx;
}
