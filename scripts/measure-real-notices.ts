/**
 * Scores `plan import` (importNotice) on the real public notices of test/campaigns/fixtures/real.
 * Usage: npx tsx scripts/measure-real-notices.ts [dev|dev2|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|all|blind|blindN] [--json]
 * The texts are kept outside the repository (/work/realnotices/texts or $REAL_NOTICES_DIR); when they are
 * absent the script says so and exits 0 without a figure. `blind` scores the notices written for the blind
 * sets instead (test/campaigns/fixtures/blind, blind2, …: texts beside their gold).
 */
import { BLIND_DIR, evaluateReal, formatReal, type RealSplit } from "../test/campaigns/real.js";
import { join } from "node:path";

const arg = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "all";
if (!["dev", "dev2", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "all"].includes(arg) && !/^blind\d*$/.test(arg)) {
  console.error("用法：npx tsx scripts/measure-real-notices.ts [dev|dev2|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|all|blind|blindN] [--json]");
  process.exit(2);
}
const split = arg as RealSplit | "all";
const blindDir = join(BLIND_DIR, "..", arg);
const e = arg.startsWith("blind") ? evaluateReal({ split: "all", goldDir: blindDir, textsDir: blindDir }) : evaluateReal({ split });
console.log(process.argv.includes("--json") ? JSON.stringify(e, null, 2) : formatReal(e, split));
