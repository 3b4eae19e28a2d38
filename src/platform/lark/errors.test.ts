import { describe, expect, it } from "vitest";
import { PlatformError } from "../../core/platform-error.js";
import { assertOk, toPlatformError } from "./errors.js";

const axios = (status: number, data: unknown, headers: Record<string, string> = {}) => Object.assign(new Error("Request failed"), { response: { status, data, headers } });

describe("Lark error mapping", () => {
  it.each([
    ["429 with reset header", axios(429, { code: 99991400, msg: "limit" }, { "x-ogw-ratelimit-reset": "3" }), { kind: "rate_limit", retryAfterMs: 3000, retryable: true }],
    ["400 code 230020", axios(400, { code: 230020, msg: "freq" }), { kind: "chat_rate_limit", retryable: true }],
    ["400 code 99991663", axios(400, { code: 99991663, msg: "token" }), { kind: "auth", code: 99991663 }],
    ["500 with a text body", axios(500, "<html>oops</html>"), { kind: "server", status: 500, retryable: true }],
    ["400 code 230002", axios(400, { code: 230002, msg: "bot not in chat" }), { kind: "rejected", retryable: false }],
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), { kind: "network", retryable: true }],
    ["axios timeout", Object.assign(new Error("timeout"), { code: "ECONNABORTED" }), { kind: "timeout", retryable: true }],
  ])("%s", (_n, e, expected) => {
    expect(toPlatformError(e)).toMatchObject(expected);
  });

  it("treats a 2xx body with code != 0 as a failure", () => {
    expect(() => assertOk({ code: 230020, msg: "freq" })).toThrow(PlatformError);
    expect(() => assertOk({ code: 230002, msg: "x" })).toThrow(expect.objectContaining({ kind: "rejected", code: 230002 }));
    expect(assertOk({ code: 0, msg: "success" })).toEqual({ code: 0, msg: "success" });
  });
});
