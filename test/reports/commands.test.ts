/** The chat commands answer in Chinese and only offer what the person's campaign asks for. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "../support/db.js";
import { ManualClock } from "../../src/core/clock.js";
import type { CommandContext } from "../../src/core/bot.js";
import type { CardJson } from "../../src/core/chat-port.js";
import { reportsModule } from "../../src/domains/reports/handlers.js";
import { validateCard } from "../../src/sim/rules/card.js";
import { activateLuozhuang, depsFor, PRINCIPAL_A, TEACHER_A } from "./support.js";

describe("reports commands", () => {
  let t: TestDb;
  const clock = new ManualClock("2018-10-20T02:00:00Z");
  beforeAll(async () => {
    t = await freshDb("sqlite");
  }, 60_000);
  afterAll(async () => t?.cleanup());

  async function say(openId: string, name: string, args = "") {
    const replies: string[] = [];
    const cards: CardJson[] = [];
    const cmd = reportsModule.commands!.find((c) => c.name === name)!;
    const ctx = { ...depsFor(t.db, clock), actor: { openId }, chatId: "oc_p2p", chatType: "p2p", messageId: "om_1", text: `${name} ${args}`.trim(), args, mentions: [], eventId: "ev", reply: async (x: string) => void replies.push(x), replyCard: async (c: CardJson) => void cards.push(c) } as unknown as CommandContext;
    await cmd.run(ctx);
    return { replies, cards };
  }

  it("a campaign without 月报表 in its notice does not offer it", async () => {
    await activateLuozhuang(t.db, clock.now(), (p) => {
      p.forms = p.forms.filter((f) => f.key !== "monthly-report" && f.key !== "self-check");
      p.deadlines = p.deadlines.filter((d) => d.form !== "monthly-report");
    });
    expect((await say(PRINCIPAL_A, "月报表")).replies).toEqual(["你所在的专项行动没有要求填报月报表。"]);
  });

  it("offers seed 001's forms to school admins only, and checks the month argument", async () => {
    await activateLuozhuang(t.db, clock.now());
    const r = await say(PRINCIPAL_A, "自查表");
    expect(r.cards).toHaveLength(1);
    expect(validateCard(r.cards[0])).toMatchObject({ ok: true });
    expect((await say(PRINCIPAL_A, "月报表", "2018年10月")).replies[0]).toContain("YYYY-MM");
    expect((await say(TEACHER_A, "月报表")).replies[0]).toContain("只有学校管理员或校长");
    expect((await say(TEACHER_A, "巡查")).replies[0]).toContain("没有需要你填报的巡查");
    expect((await say(TEACHER_A, "跟进事项")).replies[0]).toBe("你没有待跟进的巡查事项。");
  });
});
