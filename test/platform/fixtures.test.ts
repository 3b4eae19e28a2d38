import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotModule, CardActionContext, CommandContext } from "../../src/core/bot.js";
import { envelopeSchema } from "../../src/core/events.js";
import { seedMember, startHarness, type Harness } from "./harness.js";

/** The official payload samples (docs lark-platform.md §2), delivered to the real bot over the webhook. */
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/lark/${name}.json`, import.meta.url), "utf8")) as unknown;

let seenCommand: CommandContext | null = null;
let seenAction: CardActionContext | null = null;
const probe: BotModule = {
  name: "probe",
  commands: [{ name: "hello", summary: "probe", run: async (ctx) => void (seenCommand = ctx) }],
  actions: {
    probe_click: async (ctx) => {
      seenAction = ctx;
      return { toast: { type: "success", content: "好" } };
    },
  },
};

describe("official payload samples", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ transport: "webhook", modules: [probe] });
  });
  afterAll(() => h?.stop());

  it.each(["im.message.receive_v1", "card.action.trigger", "im.chat.member.bot.added_v1"])("%s passes the envelope schema", (name) => {
    expect(envelopeSchema.safeParse(fixture(name)).success).toBe(true);
  });

  it("routes the receive_v1 sample (a group message @-mentioning someone) to the command, mention stripped", async () => {
    // The sample's mention is the only mention: with the bot's id known it would be ignored, so
    // the sample's mentioned id is made the bot's for this check.
    const env = fixture("im.message.receive_v1") as { header: { token: string } };
    env.header.token = "test-verification-token-0001";
    const sim = h.sim;
    (sim.ctx as { botOpenId: string }).botOpenId = "ou_84aad35d084aa403a838cf73ee18467";
    const d = await sim.deliver(env);
    expect(d.status).toBe(200);
    await sim.waitFor(() => seenCommand);
    expect(seenCommand!.text).toBe("hello");
    expect(seenCommand!.chatType).toBe("group");
    expect(seenCommand!.actor.openId).toBe("ou_84aad35d084aa403a838cf73ee18467");
  });

  it("parses the card.action.trigger sample with its form values and ids", async () => {
    const env = fixture("card.action.trigger") as { header: { token: string }; event: { action: { value: Record<string, unknown> }; operator: { open_id: string } } };
    env.header.token = "test-verification-token-0001";
    env.event.action.value = { action: "probe_click", key: "value" };
    await seedMember(h.bot, env.event.operator.open_id, "teacher");
    const d = await h.sim.deliver(env);
    expect(d.body).toEqual({ toast: { type: "success", content: "好" } });
    expect(seenAction!.messageId).toBe("om_574d639e4a44e4dd646eaf628e2*****");
    expect(seenAction!.chatId).toBe("oc_e4d2605ca917e695f54f11aaf56*****");
    expect(seenAction!.action.formValue).toMatchObject({ "field name1": ["selectDemo1", "selectDemo2"], DatePicker_bpqdq5puvn4: "2024-04-01 +0800" });
  });

  it("records the group of the bot.added sample, asking chat info for the name", async () => {
    const env = fixture("im.chat.member.bot.added_v1") as { header: { token: string }; event: { chat_id: string } };
    env.header.token = "test-verification-token-0001";
    h.sim.addGroup({ chatId: env.event.chat_id, name: "北关区教育局安全工作群" });
    expect((await h.sim.deliver(env)).status).toBe(200);
    const end = Date.now() + 5000;
    let row = null;
    while (!row && Date.now() < end) {
      row = await h.bot.db.prisma.chatBinding.findUnique({ where: { chatId: env.event.chat_id } });
      if (!row) await new Promise((r) => setTimeout(r, 20));
    }
    expect(row?.name).toBe("北关区教育局安全工作群");
  });
});
