/**
 * Scores `plan import` (importNotice) on the real public notices of test/campaigns/fixtures/real.
 * Usage: npx tsx scripts/measure-real-notices.ts [dev|dev2|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|all] [--json]
 * The texts are kept outside the repository (/work/realnotices/texts or $REAL_NOTICES_DIR); when they are
 * absent the script says so and exits 0 without a figure.
 */
import { evaluateReal, formatReal, type RealSplit } from "../test/campaigns/real.js";

const split = (process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "all") as RealSplit | "all";
if (!["dev", "dev2", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "all"].includes(split)) {
  console.error("用法：npx tsx scripts/measure-real-notices.ts [dev|dev2|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|all] [--json]");
  process.exit(2);
}
const e = evaluateReal({ split });
console.log(process.argv.includes("--json") ? JSON.stringify(e, null, 2) : formatReal(e, split));
