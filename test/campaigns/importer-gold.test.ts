import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { importNotice } from "../../src/domains/campaigns/importer.js";
import { actualItems, score, type ExpectedItem } from "./gold.js";

const SHARED = join(__dirname, "../../../shared");
const gold = parse(readFileSync(join(SHARED, "docs/seeds-model.yaml"), "utf8")) as { seeds: any[] };

const KIND: Record<string, string> = { one_off: "once", event_relative: "relative", recurring: "recurring", window: "window", immediate: "immediate" };

function expectedOf(seed: any): ExpectedItem[] {
  const items: ExpectedItem[] = [];
  for (const p of seed.phases ?? []) if (typeof p === "object") items.push({ kind: "phase", start: p.start ?? null, end: p.end ?? null });
  const ds = [...(seed.deadlines ?? []), ...(seed.other_dates ?? [])];
  for (const d of ds) {
    const kind = KIND[d.kind];
    if (!kind) continue; // "open": undated, not an importer deadline
    if (kind === "once") items.push({ kind, due: d.resolved ?? null });
    else if (kind === "window") items.push({ kind, start: d.resolved?.[0] ?? null, end: d.resolved?.[1] ?? null });
    else if (kind === "relative") items.push({ kind, days: d.days, dayType: d.day_type ?? "unspecified" });
    else if (kind === "recurring") {
      const rule: Record<string, unknown> =
        d.day_of_month !== undefined ? { every: "month", day: d.day_of_month } : d.period_months ? { every: `${d.period_months} months` } : { every: "semester", min: d.min_count, ...(d.max_count ? { max: d.max_count } : {}) };
      items.push({ kind, rule });
    } else items.push({ kind });
  }
  return items;
}

describe("plan import matches seeds-model.yaml", () => {
  for (const seed of gold.seeds) {
    const text = readFileSync(join(SHARED, "seeds", seed.file), "utf8");
    const r = importNotice(text);
    it(`${seed.id}: every dated phase and deadline, nothing invented`, () => {
      const s = score(expectedOf(seed), actualItems(r));
      expect(s.missing).toEqual([]);
      expect(s.invented).toEqual([]);
    });
    it(`${seed.id}: leadership group names and roles`, () => {
      const lg = seed.leadership_group;
      const ROLE: Record<string, string> = { 组长: "leader", 副组长: "deputy", 成员: "member" };
      const exp = lg ? [...lg.members.map((m: any) => ({ name: m.name ?? null, role: ROLE[m.role] })), ...(lg["members_名单_only"] ?? []).map((n: string) => ({ name: n, role: "member" }))] : [];
      expect(r.leadershipGroup.members.map((m) => ({ name: m.name, role: m.role }))).toEqual(exp);
      if (lg?.office) expect(r.leadershipGroup.office).toMatchObject({ director: lg.office.director ?? null });
    });
    it(`${seed.id}: contact directory`, () => {
      const exp = (seed.contact_directory ?? []).map((c: any) => ({ region: c.region, office: String(c.office).trim(), phone: String(c.phone_norm ?? c.phone) }));
      const got = r.contacts.filter((c) => c.region);
      expect(got).toEqual(exp);
    });
  }
  it("S0 metadata: issuer, issue date, span", () => {
    const r = importNotice(readFileSync(join(SHARED, "seeds/000_5243571e11f996c7.txt"), "utf8"));
    expect(r).toMatchObject({ issuer: "北关区教育局", issuedOn: "2021-09-14", span: { start: "2021-09-14", end: "2021-12-31" } });
  });
  it("S2 doc number, S3 blanks go to unresolved", () => {
    expect(importNotice(readFileSync(join(SHARED, "seeds/002_7a77b39de89b5213.txt"), "utf8")).docNumber).toBe("晋教政〔2017〕19号");
    const s3 = importNotice(readFileSync(join(SHARED, "seeds/003_f92d8cf05559a270.txt"), "utf8"));
    expect(s3.unresolved.filter((u) => u.field.startsWith("phases[")).length).toBe(3);
    expect(s3.phases.every((p) => p.end === null)).toBe(true);
  });
  it("survives Traditional characters, bold, stray 'and', full-width digits", () => {
    const r = importNotice("關於開展專項治理的通知\n\n各學校：\n\n**請於２０２２年３月１０日前**報送自查報告 and 總結。\n");
    expect(r.deadlines).toEqual([expect.objectContaining({ kind: "once", due: "2022-03-10" })]);
  });
});
