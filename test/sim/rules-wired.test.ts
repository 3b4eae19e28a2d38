import { afterEach, describe, expect, it } from "vitest";
import express from "express";
import type { AddressInfo } from "node:net";
import * as lark from "@larksuiteoapi/node-sdk";

/** The SDK prints every failed call; the failures here are on purpose. */
const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
import { ManualClock } from "../../src/core/clock.js";
import { createSimulator, type Simulator } from "../../src/sim/index.js";
import { platformRules, RateLimits } from "../../src/sim/rules/index.js";

/** The platform rules plugged into the simulator, driven by the real SDK over HTTP. */
const card = (elements: unknown[]) => JSON.stringify({ schema: "2.0", config: { update_multi: true }, body: { elements } });

let sim: Simulator;
afterEach(async () => {
  await sim?.stop();
});

async function setup(o: { clock?: ManualClock; limits?: RateLimits } = {}) {
  sim = createSimulator({ clock: o.clock });
  for (const r of platformRules({ appId: sim.appId, rateLimits: o.limits ?? false })) sim.use(r);
  await sim.start();
  const client = new lark.Client({ appId: sim.appId, appSecret: sim.appSecret, domain: sim.url, cache: new lark.DefaultCache(), loggerLevel: lark.LoggerLevel.fatal, logger: quiet });
  const user = sim.addUser({ name: "张老师" });
  return { client, user };
}

/** The SDK throws AxiosError on HTTP 4xx; the Lark body is in `response.data`. */
async function larkError(p: Promise<unknown>): Promise<{ status: number; data: { code: number; msg: string }; headers: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    const r = (e as { response?: { status: number; data: { code: number; msg: string }; headers: Record<string, string> } }).response;
    if (r) return r;
    throw e;
  }
  throw new Error("expected the call to fail");
}

describe("platform rules in the simulator (real SDK 1.74.0)", () => {
  it("refuses a card with a note with 230099 / 200861 and stores nothing", async () => {
    const { client, user } = await setup();
    const r = await larkError(client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: user.openId, msg_type: "interactive", content: card([{ tag: "note", elements: [] }]) } }));
    expect(r.status).toBe(400);
    expect(r.data.code).toBe(230099);
    expect(r.data.msg).toContain("200861");
    expect(sim.botMessages()).toHaveLength(0);
    const ok = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: user.openId, msg_type: "interactive", content: card([{ tag: "markdown", content: "你好" }]) } });
    expect(ok.code).toBe(0);
  });

  it("refuses a form nested in a column and a 31 KB card", async () => {
    const { client, user } = await setup();
    const form = { tag: "form", name: "f", elements: [{ tag: "button", name: "s", form_action_type: "submit", text: { tag: "plain_text", content: "提交" } }] };
    const nested = await larkError(client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: user.openId, msg_type: "interactive", content: card([{ tag: "column_set", columns: [{ tag: "column", elements: [form] }] }]) } }));
    expect(nested.data.code).toBe(230099);
    const big = await larkError(client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: user.openId, msg_type: "interactive", content: card([{ tag: "markdown", content: "x".repeat(31 * 1024) }]) } }));
    expect(big.data.code).toBe(230025);
  });

  it("refuses a send without receive_id_type", async () => {
    const { client, user } = await setup();
    const r = await larkError(client.request({ method: "POST", url: "/open-apis/im/v1/messages", data: { receive_id: user.openId, msg_type: "text", content: '{"text":"hi"}' } }));
    expect(r.status).toBe(400);
    expect([99992402, 230001]).toContain(r.data.code);
  });

  it("refuses to patch a card older than 14 days", async () => {
    const clock = new ManualClock("2026-09-01T00:00:00Z");
    const { client, user } = await setup({ clock });
    const sent = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: user.openId, msg_type: "interactive", content: card([{ tag: "markdown", content: "一" }]) } });
    const id = sent.data!.message_id!;
    clock.advance(13 * 86_400_000);
    expect((await client.im.message.patch({ path: { message_id: id }, data: { content: card([{ tag: "markdown", content: "二" }]) } })).code).toBe(0);
    clock.advance(2 * 86_400_000);
    const r = await larkError(client.im.message.patch({ path: { message_id: id }, data: { content: card([{ tag: "markdown", content: "三" }]) } }));
    expect(r.data.code).toBe(230031);
    expect(sim.state.messages.get(id)!.content).toContain("二");
  });

  it("answers the 6th message to one person within a second with 230020, and the 51st call with 429", async () => {
    const t = 5_000_000;
    const { client, user } = await setup({ limits: new RateLimits(() => t) });
    const send = (to: string) => client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: to, msg_type: "text", content: '{"text":"hi"}' } });
    for (let i = 0; i < 5; i++) expect((await send(user.openId)).code).toBe(0);
    expect((await larkError(send(user.openId))).data.code).toBe(230020);
    // One card can be updated 5 times a second.
    const sent = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: sim.addUser({ name: "卡" }).openId, msg_type: "interactive", content: card([{ tag: "markdown", content: "0" }]) } });
    const patch = (i: number) => client.im.message.patch({ path: { message_id: sent.data!.message_id! }, data: { content: card([{ tag: "markdown", content: String(i) }]) } });
    for (let i = 1; i <= 5; i++) expect((await patch(i)).code).toBe(0);
    expect((await larkError(patch(6))).data.code).toBe(230020);
    const others = Array.from({ length: 50 }, (_, i) => sim.addUser({ name: `人${i}` }).openId);
    // 7 sends used (the 6th refused still counts at the gateway); 43 more fit in 50/s, the 44th does not.
    for (const o of others.slice(0, 43)) expect((await send(o)).code).toBe(0);
    const r = await larkError(send(others[43]!));
    expect(r.status).toBe(429);
    expect(r.data.code).toBe(99991400);
    expect(r.headers["x-ogw-ratelimit-limit"]).toBe("50");
    expect(Number(r.headers["x-ogw-ratelimit-reset"])).toBeGreaterThanOrEqual(1);
  });

  it("shows the clicking person an error when the bot answers a card callback after 3 seconds", async () => {
    const { client, user } = await setup();
    const sent = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: user.openId, msg_type: "interactive", content: card([{ tag: "markdown", content: "一" }]) } });
    const app = express();
    // Slow on purpose: the platform's budget is what is under test, not this server's speed.
    app.post("/hook", (_req, res) => void setTimeout(() => res.json({ toast: { type: "success", content: "好" }, card: { type: "raw", data: JSON.parse(card([{ tag: "markdown", content: "二" }])) } }), 3300));
    const srv = app.listen(0, "127.0.0.1");
    await new Promise((r) => srv.once("listening", r));
    try {
      sim.target = { webhook: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook` };
      const d = await sim.clickCard(user.openId, sent.data!.message_id!, { action: "x" });
      expect(d.body).toMatchObject({ sim_error: expect.stringContaining("budget 3000 ms") });
      expect(sim.state.messages.get(sent.data!.message_id!)!.content).toContain("一");
    } finally {
      srv.close();
    }
  });

  it("shows the clicking person an error when the bot answers a card callback with a broken card", async () => {
    const { client, user } = await setup();
    const sent = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: user.openId, msg_type: "interactive", content: card([{ tag: "markdown", content: "一" }]) } });
    const app = express();
    app.post("/hook", (_req, res) => {
      res.json({ toast: { type: "success", content: "好" }, card: { type: "raw", data: { schema: "2.0", body: { elements: [{ tag: "action", actions: [] }] } } } });
    });
    const srv = app.listen(0, "127.0.0.1");
    await new Promise((r) => srv.once("listening", r));
    try {
      sim.target = { webhook: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook` };
      const d = await sim.clickCard(user.openId, sent.data!.message_id!, { action: "x" });
      expect(d.body).toMatchObject({ sim_error: expect.stringContaining("230099") });
      // The card stays as it was.
      expect(sim.state.messages.get(sent.data!.message_id!)!.content).toContain("一");
    } finally {
      srv.close();
    }
  });
});
