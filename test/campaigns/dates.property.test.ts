import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, ymd } from "../../src/core/calendar.js";
import { parseDateExpr } from "../../src/domains/campaigns/dates.js";

const CN_DIGIT = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const SEPS = ["至", "到", "—", "–", "-", "－", "～", "~", "——"];

const dateArb = fc
  .record({ y: fc.integer({ min: 2000, max: 2035 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }));

const spaced = (s: string, on: boolean) => (on ? s.replace(/(\d+)/g, " $1 ") : s);

describe("date engine: well-formed expressions parse to the date they came from", () => {
  it("full dates, with or without 前 / 于 / spaces / full-width digits", () => {
    fc.assert(
      fc.property(dateArb, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), ({ y, m, d }, due, yu, sp, fw) => {
        let s = `${yu ? "于" : ""}${spaced(`${y}年${m}月${d}日`, sp)}${due ? "前" : ""}`;
        if (fw) s = s.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        const r = parseDateExpr(s);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.start).toBe(ymd(y, m, d));
        expect(r.end).toBe(ymd(y, m, d));
        expect(r.dueBy).toBe(due);
        expect(r.inferred).toBe(false);
      }),
    );
  });

  it("dates without a year take the context year and are marked inferred", () => {
    fc.assert(
      fc.property(dateArb, fc.boolean(), ({ y, m, d }, cn) => {
        const r = parseDateExpr(`${cn ? CN_DIGIT[m] : m}月${d}日前`, { year: y });
        expect(r).toMatchObject({ ok: true, start: ymd(y, m, d), end: ymd(y, m, d), dueBy: true, inferred: true });
      }),
    );
  });

  it("months, 上/中/下旬 and 月底", () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom("", "份", "上旬", "中旬", "下旬", "底", "底前"), ({ y, m }, suffix) => {
        const r = parseDateExpr(`${y}年${m}月${suffix}`);
        const dim = daysInMonth(y, m);
        const exp: Record<string, [number, number]> = { "": [1, dim], 份: [1, dim], 上旬: [1, 10], 中旬: [11, 20], 下旬: [21, dim], 底: [21, dim], 底前: [21, dim] };
        expect(r).toMatchObject({ ok: true, start: ymd(y, m, exp[suffix][0]), end: ymd(y, m, exp[suffix][1]) });
        if (suffix === "底前") expect(r.ok && r.dueBy).toBe(true);
      }),
    );
  });

  it("ranges with any separator; an end before the start rolls into the next year", () => {
    fc.assert(
      fc.property(dateArb, dateArb, fc.constantFrom(...SEPS), (a, b, sep) => {
        const ctxYear = a.y;
        const r = parseDateExpr(`${a.m}月${a.d}日${sep}${b.m}月${b.d}日`, { year: ctxYear });
        const start = ymd(ctxYear, a.m, a.d);
        let endYear = ctxYear;
        if (ymd(ctxYear, b.m, Math.min(b.d, 31)) < start) endYear = ctxYear + 1;
        if (b.d > daysInMonth(endYear, b.m)) {
          // the end day does not exist in the year it must fall in: rejected, never clamped
          expect(r.ok).toBe(false);
          return;
        }
        const end = ymd(endYear, b.m, b.d);
        expect(r).toMatchObject({ ok: true, start, end, inferred: true });
      }),
    );
  });

  it("即日 resolves to the issue date; open ends have no end", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 12 }), ({ y, m, d }, m2) => {
        const issue = ymd(y, m, d);
        expect(parseDateExpr(`即日起`, { issueDate: issue })).toMatchObject({ ok: true, start: issue });
        expect(parseDateExpr(`${m2}月以后`, { year: y })).toMatchObject({ ok: true, start: ymd(y, m2, 1), end: null, openEnded: true });
      }),
    );
  });
});

describe("date engine: malformed expressions are rejected with a reason, never a wrong date", () => {
  it("impossible months and days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2035 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const r = parseDateExpr(`${y}年${m}月${d}日`);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2035 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 40 }), (y, m, d) => {
        const r = parseDateExpr(`${y}年${m}月${d}日`);
        if (d <= daysInMonth(y, m)) expect(r).toMatchObject({ ok: true, start: ymd(y, m, d) });
        else expect(r.ok).toBe(false);
      }),
    );
  });

  it("blank months (2024 年 月底前完成) and missing anchors", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2035 }), fc.constantFrom("月底前完成", "月底前", "月日前", " 月 日", "月上旬"), (y, tail) => {
        const r = parseDateExpr(`${y} 年 ${tail}`, { year: y });
        expect(r).toMatchObject({ ok: false });
      }),
    );
    expect(parseDateExpr("即日至9月25日", {})).toMatchObject({ ok: false });
    expect(parseDateExpr("9月25日", {})).toMatchObject({ ok: false });
  });

  it("explicit reversed ranges and garbage", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 5 }), ({ y, m, d }, back) => {
        const r = parseDateExpr(`${y}年${m}月${d}日至${y - back}年${m}月${d}日`);
        expect(r.ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }).filter((s) => !/[\d一二三四五六七八九十即]/.test(s)), (s) => {
        expect(parseDateExpr(s, { year: 2021, issueDate: "2021-09-14" }).ok).toBe(false);
      }),
    );
  });
});

describe("date engine: year inference across the new year", () => {
  it("a year-less date well before the issue date is next year's; inside a known span wins", () => {
    expect(parseDateExpr("1月1日至2月20日", { year: 2023, issueDate: "2023-12-08" })).toMatchObject({ ok: true, start: "2024-01-01", end: "2024-02-20", inferred: true });
    expect(parseDateExpr("11月1日前", { year: 2023, issueDate: "2023-12-08" })).toMatchObject({ ok: true, end: "2023-11-01" });
    expect(parseDateExpr("2月25日前", { year: 2023, span: { start: "2023-12-15", end: "2024-03-10" } })).toMatchObject({ ok: true, end: "2024-02-25" });
    expect(parseDateExpr("12月28日前", { year: 2023, span: { start: "2023-12-15", end: "2024-03-10" } })).toMatchObject({ ok: true, end: "2023-12-28" });
  });
});

describe("date engine: a time of day or weekday before 前 keeps the date", () => {
  it("17:00前 / 24时前 / 下班前 / （星期五）前", () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom("17:00", "24时", "12时30分", "下班", "（星期五）", "（周一）下午"), ({ y, m, d }, t) => {
        expect(parseDateExpr(`${y}年${m}月${d}日${t}前`)).toMatchObject({ ok: true, end: ymd(y, m, d), dueBy: true });
      }),
    );
  });
});
