import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { escapeMarkdown, plain, truncate, TRUNCATION_MARK } from "./text.js";
import { card, userText } from "./components.js";

describe("escapeMarkdown", () => {
  it("makes mentions, links and markup inert", () => {
    const out = escapeMarkdown("<at id=all></at> [点我](http://evil.example) **粗体** <font color='red'>x</font>");
    expect(out).not.toMatch(/<at/);
    expect(out).not.toMatch(/<font/);
    expect(out).not.toMatch(/(^|[^\\])\[点我\]\(/);
    expect(out).toContain("＜at id=all＞");
    expect(out).toContain("\\*\\*粗体\\*\\*");
  });

  it("never lets an unescaped tag or link through, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const out = escapeMarkdown(s);
        expect(out).not.toContain("<");
        expect(out).not.toMatch(/(^|[^\\])\]\(/);
      }),
      { numRuns: 2000 },
    );
  });

  it("cuts 30,000 characters to fit and says so", () => {
    const out = escapeMarkdown("欺".repeat(30_000), 2000);
    expect(Array.from(out).length).toBeLessThanOrEqual(2000);
    expect(out.endsWith(TRUNCATION_MARK)).toBe(true);
  });
});

describe("truncate", () => {
  it("does not split emoji", () => {
    const out = truncate("😀".repeat(50), 20);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
  it("leaves short text alone", () => {
    expect(truncate("短文本", 10)).toBe("短文本");
  });
});

describe("userText", () => {
  it("is plain_text (never interpreted) and fits a card under 30 KB", () => {
    const c = card({ title: "测试", elements: [userText("<at id=all></at>" + "x".repeat(30_000))] });
    const el = c.body.elements[0] as unknown as { text: { tag: string; content: string } };
    expect(el.text.tag).toBe("plain_text");
    expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThan(30 * 1024);
    expect(plain("a\u0000b\u202Ec")).toBe("abc");
  });
});
