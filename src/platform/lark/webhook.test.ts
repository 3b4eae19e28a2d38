import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { larkEncrypt } from "../../sim/crypto.js";
import { decrypt, safeEqual } from "./webhook.js";

describe("webhook crypto", () => {
  it("decrypts what Lark encrypts, for any text and key", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 0, maxLength: 2000 }), (key, text) => {
        expect(decrypt(key, larkEncrypt(key, text))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a ciphertext made with another key", () => {
    const c = larkEncrypt("right-key", JSON.stringify({ a: 1 }));
    let out: string | null = null;
    try {
      out = decrypt("wrong-key", c);
    } catch {
      out = null;
    }
    expect(out).not.toBe(JSON.stringify({ a: 1 }));
  });

  it("compares tokens exactly", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
  });
});
