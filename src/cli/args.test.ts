import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseArgs } from "./args.js";

const spec = {
  usage: "demo <计划id> --month YYYY-MM [--as-of T] [--force]",
  positional: ["plan"],
  options: { month: "month", "as-of": "asOf" },
  switches: ["force"],
  schema: z.object({ plan: z.string({ error: "缺少计划 id" }), month: z.string({ error: "缺少参数 --month" }), asOf: z.string().optional(), force: z.boolean() }),
};

describe("parseArgs", () => {
  it("reads positionals, options (also --name=value) and switches", () => {
    expect(parseArgs(["p1", "--month", "2021-10", "--as-of=2021-10-26", "--force"], spec)).toEqual({ plan: "p1", month: "2021-10", asOf: "2021-10-26", force: true });
    expect(parseArgs(["p1", "--month", "2021-10"], spec)).toMatchObject({ force: false });
  });

  it.each([
    [["p1", "--month"], "month", "参数 --month 缺少取值"],
    [["p1", "--month", "--force"], "month", "参数 --month 缺少取值"],
    [["p1", "--mnth", "2021-10"], "--mnth", "无法识别的参数：--mnth"],
    [["p1", "p2", "--month", "2021-10"], "p2", "多余的参数：p2"],
    [["--month", "2021-10"], "plan", "缺少计划 id"],
  ])("refuses %j naming %s", (argv, field, message) => {
    expect(() => parseArgs(argv as string[], spec)).toThrow(expect.objectContaining({ field, userMessage: `${message}\n用法：${spec.usage}` }));
  });
});
