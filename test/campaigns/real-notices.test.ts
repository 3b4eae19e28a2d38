/**
 * The real-notice evaluation (fixtures/real). The gold files are always checked; the importer is scored only
 * when the third-party texts are present (they are kept outside the repository): otherwise those tests are
 * skipped and say so in their name. Figures: fixtures/real/RESULTS.md.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateReal, loadRealGold, REAL_GOLD, REAL_TEXTS } from "./real.js";

const KINDS = new Set(["phase", "once", "window", "recurring", "relative", "immediate"]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe("real public notices: gold files", () => {
  const gold = loadRealGold();
  it("every gold file names its source, the sha256 of the annotated text, a split and well-formed items", () => {
    expect(gold.length).toBe(readdirSync(REAL_GOLD).filter((f) => f.endsWith(".gold.yaml")).length);
    for (const g of gold) {
      expect(g.source, g.id).toMatch(/^https?:\/\//);
      expect(g.sha256, g.id).toMatch(/^[0-9a-f]{64}$/);
      expect(["dev", "dev2", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9"], g.id).toContain(g.split);
      // a notice with nothing to extract (items: []) is kept on purpose: anything the importer dates there is invented;
      // its notes must then say why there is nothing
      if (g.items.length === 0) expect((g as unknown as { notes?: string }).notes ?? "", g.id).toMatch(/Nothing to extract/);
      for (const x of g.items) {
        expect(KINDS.has(x.kind), `${g.id} ${x.kind}`).toBe(true);
        for (const d of [x.start, x.end, x.due]) if (d !== undefined && d !== null) expect(String(d), g.id).toMatch(DATE);
      }
    }
  });
});

const present = existsSync(REAL_TEXTS);
/** true when the texts folder holds the text of at least one notice of these splits (a machine may hold only some). */
const ALL_GOLD = loadRealGold();
const hasTexts = (splits: readonly string[]) => present && ALL_GOLD.some((g) => splits.includes(g.split) && existsSync(join(REAL_TEXTS, `${g.id}.txt`)));
const RUN_SPLITS = ["dev", "dev2", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"] as const;
const skipNote = (splits: readonly string[]) => (hasTexts(splits) ? "" : ` — SKIPPED, none of their texts at ${REAL_TEXTS}`);
describe(present ? "real public notices: importer" : `real public notices: importer — SKIPPED, texts not found at ${REAL_TEXTS} (kept outside the repo)`, () => {
  // the first held-out half became dev material after its single run (round 2): guarded at its after-fixes figure too
  // heldout2–4 likewise after their single runs (16/37, 20/39, 19/27 once; 34/37, 38/39, 24/27 after the general fixes)
  // heldout5/6 likewise (13/30 and 9/10 once; 30/30 and 10/10 after the general fixes)
  // heldout7 likewise (22/33 once, 8 invented; 35/35 after the round-8 fixes — h707's gold gained two once items by the lead's
  // ruling, so its total is 35)
  // A machine may hold only some of the texts (they are rebuilt from the URLs, and not every page comes back):
  // each split is then held to the misses it was allowed with all its texts (full total − recorded figure).
  it.skipIf(!hasTexts(RUN_SPLITS))(`dev, dev2 and the seven run held-out sets stay at the figures recorded after the fixes (24/25, 6/6, 17/17, 34/37, 38/39, 24/27, 30/30, 10/10, 35/35), nothing invented${skipNote(RUN_SPLITS)}`, () => {
    const gold = loadRealGold();
    let scored = 0;
    for (const [split, right] of [["dev", 24], ["dev2", 6], ["heldout", 17], ["heldout2", 34], ["heldout3", 38], ["heldout4", 24], ["heldout5", 30], ["heldout6", 10], ["heldout7", 35]] as const) {
      const e = evaluateReal({ split });
      if ("skipped" in e) throw new Error(e.skipped);
      expect(e.mismatched.filter((m) => !m.endsWith("text missing")), split).toEqual([]);
      expect(e.invented, split).toBe(0);
      const fullTotal = gold.filter((g) => g.split === split).reduce((a, g) => a + g.items.length, 0);
      expect(e.right, split).toBeGreaterThanOrEqual(e.total - (fullTotal - right));
      scored += e.results.length;
    }
    if (scored < gold.length) console.warn(`real public notices: ${scored}/${gold.length} texts present at ${REAL_TEXTS}; the others were scored on the machine that had them`);
    expect(scored, "no text at all matched its gold").toBeGreaterThan(0);
  });
  // heldout8 (7/23 once, 3 invented, at 29bddf9; 10/23 and 1 invented after the round-12 fixes): accepted as a split, guarded
  // at its after-fixes figure. One invented item remains (h809: "于11月8日" in a cut excerpt read as a window where the gold
  // has a once), so it is held to invented ≤ 1, not 0.
  it.skipIf(!hasTexts(["heldout8"]))(`heldout8 stays at its after-fixes figure (10/23) with invented ≤ 1 (one remains: h809's cut 于11月8日)${skipNote(["heldout8"])}`, () => {
    const gold = loadRealGold();
    const e = evaluateReal({ split: "heldout8" });
    if ("skipped" in e) throw new Error(e.skipped);
    expect(e.invented).toBeLessThanOrEqual(1);
    const fullTotal = gold.filter((g) => g.split === "heldout8").reduce((a, g) => a + g.items.length, 0);
    expect(e.right).toBeGreaterThanOrEqual(e.total - (fullTotal - 10));
  });
});
