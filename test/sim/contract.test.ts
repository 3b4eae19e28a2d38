import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as lark from "@larksuiteoapi/node-sdk";

/** The SDK prints every failed call; the failures here are on purpose. */
const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
import { createSimulator, type Simulator, type SimRequest } from "../../src/sim/index.js";
import { platformRules } from "../../src/sim/rules/index.js";

/**
 * Contract tests: the wire format of every simulated route, as SDK 1.74.0 actually produces and
 * consumes it (lark-offline-testing.md §1 and §3). An SDK upgrade that changes a path, a query
 * parameter, a body field or a response shape fails here first, loudly.
 */
const SDK_VERSION = (JSON.parse(readFileSync("node_modules/@larksuiteoapi/node-sdk/package.json", "utf8")) as { version: string }).version;

let sim: Simulator;
let client: lark.Client;
let teacher: { openId: string; email: string };

beforeAll(async () => {
  sim = createSimulator();
  for (const r of platformRules({ appId: sim.appId, rateLimits: false })) sim.use(r);
  await sim.start();
  const u = sim.addUser({ name: "王老师", email: "wang@school.example", mobile: "13800000001" });
  teacher = { openId: u.openId, email: u.email! };
  client = new lark.Client({ appId: sim.appId, appSecret: sim.appSecret, domain: sim.url, cache: new lark.DefaultCache(), loggerLevel: lark.LoggerLevel.fatal, logger: quiet });
});
afterAll(async () => {
  await sim.stop();
});

/** The request the last SDK call made to `path` (exact). */
function last(method: string, path: string): SimRequest {
  const r = sim.calls("", method).filter((x) => x.path === path).at(-1);
  if (!r) throw new Error(`no ${method} ${path}; saw ${sim.state.requests.map((x) => `${x.method} ${x.path}`).join(", ")}`);
  return r;
}

const card = { schema: "2.0", config: { update_multi: true }, body: { elements: [{ tag: "markdown", content: "合同测试" }] } };

describe(`wire contract with @larksuiteoapi/node-sdk ${SDK_VERSION}`, () => {
  it("is pinned to 1.74.0 (upgrade deliberately: re-run these tests and update lark-offline-testing.md)", () => {
    expect(SDK_VERSION).toBe("1.74.0");
  });

  it("tenant token: POST /open-apis/auth/v3/tenant_access_token/internal {app_id, app_secret} → top-level token", async () => {
    await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: teacher.openId, msg_type: "text", content: JSON.stringify({ text: "你好" }) } });
    const t = last("POST", "/open-apis/auth/v3/tenant_access_token/internal");
    expect(t.body).toEqual({ app_id: sim.appId, app_secret: sim.appSecret });
    expect(t.headers.authorization).toBeUndefined();
    expect(sim.calls("/tenant_access_token").indexOf(t)).toBe(0);
  });

  it("send: POST /open-apis/im/v1/messages?receive_id_type=… with content as a JSON string, Bearer token, SDK user agent", async () => {
    const res = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: teacher.openId, msg_type: "interactive", content: JSON.stringify(card), uuid: "contract-1" } });
    const r = last("POST", "/open-apis/im/v1/messages");
    expect(r.query).toEqual({ receive_id_type: "open_id" });
    expect(r.body).toEqual({ receive_id: teacher.openId, msg_type: "interactive", content: JSON.stringify(card), uuid: "contract-1" });
    expect(r.headers.authorization).toMatch(/^Bearer t-/);
    expect(r.headers["user-agent"]).toContain(`oapi-node-sdk/${SDK_VERSION}`);
    expect(r.headers["content-type"]).toContain("application/json");
    expect(res).toMatchObject({ code: 0, msg: "success", data: { message_id: expect.stringMatching(/^om_/), chat_id: expect.stringMatching(/^oc_/), msg_type: "interactive", body: { content: JSON.stringify(card) } } });
    // The uuid makes a retry idempotent: the same message comes back.
    const again = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: teacher.openId, msg_type: "interactive", content: JSON.stringify(card), uuid: "contract-1" } });
    expect(again.data!.message_id).toBe(res.data!.message_id);
  });

  it("reply, patch, get: paths and bodies", async () => {
    const sent = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: teacher.openId, msg_type: "interactive", content: JSON.stringify(card) } });
    const id = sent.data!.message_id!;
    const reply = await client.im.message.reply({ path: { message_id: id }, data: { msg_type: "text", content: JSON.stringify({ text: "回复" }), reply_in_thread: false, uuid: "contract-2" } });
    expect(last("POST", `/open-apis/im/v1/messages/${id}/reply`).body).toEqual({ msg_type: "text", content: JSON.stringify({ text: "回复" }), reply_in_thread: false, uuid: "contract-2" });
    expect(reply.data).toMatchObject({ parent_id: id, msg_type: "text" });

    const updated = { ...card, body: { elements: [{ tag: "markdown", content: "已更新" }] } };
    const p = await client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(updated) } });
    expect(last("PATCH", `/open-apis/im/v1/messages/${id}`).body).toEqual({ content: JSON.stringify(updated) });
    expect(p.code).toBe(0);

    const got = await client.im.message.get({ path: { message_id: id } });
    expect(last("GET", `/open-apis/im/v1/messages/${id}`).method).toBe("GET");
    expect(got.data!.items![0]).toMatchObject({ message_id: id, body: { content: JSON.stringify(updated) }, updated: true });
  });

  it.each([
    ["urgentApp", "urgent_app"],
    ["urgentSms", "urgent_sms"],
    ["urgentPhone", "urgent_phone"],
  ] as const)("%s: PATCH …/%s?user_id_type=open_id {user_id_list} → {invalid_user_id_list}", async (method, kind) => {
    const sent = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: teacher.openId, msg_type: "text", content: JSON.stringify({ text: "加急" }) } });
    const id = sent.data!.message_id!;
    const res = await client.im.message[method]({ path: { message_id: id }, params: { user_id_type: "open_id" }, data: { user_id_list: [teacher.openId, "ou_nobody"] } });
    const r = last("PATCH", `/open-apis/im/v1/messages/${id}/${kind}`);
    expect(r.query).toEqual({ user_id_type: "open_id" });
    expect(r.body).toEqual({ user_id_list: [teacher.openId, "ou_nobody"] });
    expect(res.data).toEqual({ invalid_user_id_list: ["ou_nobody"] });
  });

  it("chats: create with members, get, list (GET with a {} body), members", async () => {
    const created = await client.im.chat.create({ params: { user_id_type: "open_id", set_bot_manager: true, uuid: "chat-1" }, data: { name: "专班群", user_id_list: [teacher.openId], chat_mode: "group", chat_type: "private" } });
    const r = last("POST", "/open-apis/im/v1/chats");
    expect(r.query).toMatchObject({ user_id_type: "open_id", set_bot_manager: "true", uuid: "chat-1" });
    expect(r.body).toMatchObject({ name: "专班群", user_id_list: [teacher.openId] });
    const chatId = created.data!.chat_id!;
    expect(chatId).toMatch(/^oc_/);

    const info = await client.im.chat.get({ path: { chat_id: chatId } });
    expect(info.data).toMatchObject({ name: "专班群" });
    const list = await client.im.chat.list({ params: { page_size: 20 } });
    expect(last("GET", "/open-apis/im/v1/chats").query).toMatchObject({ page_size: "20" });
    expect(list.data).toMatchObject({ has_more: false, items: expect.arrayContaining([expect.objectContaining({ chat_id: chatId, name: "专班群" })]) });
    const members = await client.im.chatMembers.get({ path: { chat_id: chatId }, params: { member_id_type: "open_id" } });
    expect(last("GET", `/open-apis/im/v1/chats/${chatId}/members`).query).toMatchObject({ member_id_type: "open_id" });
    expect(JSON.stringify(members.data)).toContain(teacher.openId);
  });

  it("contact: POST /open-apis/contact/v3/users/batch_get_id?user_id_type=open_id {emails, mobiles} → user_list", async () => {
    const res = await client.contact.user.batchGetId({ params: { user_id_type: "open_id" }, data: { emails: [teacher.email, "nobody@x.example"], mobiles: ["13800000001"], include_resigned: true } });
    const r = last("POST", "/open-apis/contact/v3/users/batch_get_id");
    expect(r.query).toEqual({ user_id_type: "open_id" });
    expect(r.body).toEqual({ emails: [teacher.email, "nobody@x.example"], mobiles: ["13800000001"], include_resigned: true });
    expect(res.data!.user_list).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: teacher.email, user_id: teacher.openId }), expect.objectContaining({ mobile: "13800000001", user_id: teacher.openId })]),
    );
  });

  it("batch send: POST /open-apis/message/v4/batch_send/ (trailing slash) through client.request → bm- id", async () => {
    const res = (await client.request({ method: "POST", url: "/open-apis/message/v4/batch_send/", data: { open_ids: [teacher.openId], msg_type: "text", content: { text: "通知" } } })) as { code: number; data: { message_id: string } };
    expect(last("POST", "/open-apis/message/v4/batch_send/").body).toEqual({ open_ids: [teacher.openId], msg_type: "text", content: { text: "通知" } });
    expect(res.code).toBe(0);
    expect(res.data.message_id).toMatch(/^bm-/);
  });

  it("bot info: GET /open-apis/bot/v3/info → top-level bot {open_id, app_name}", async () => {
    const res = (await client.request({ method: "GET", url: "/open-apis/bot/v3/info" })) as { bot: { open_id: string; app_name: string } };
    expect(res.bot).toMatchObject({ open_id: sim.botOpenId, app_name: expect.any(String) });
  });

  it("long connection: endpoint {AppID, AppSecret} with locale zh, then ping frames, event acks with base64 data", async () => {
    let received: unknown = null;
    const dispatcher = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.fatal, logger: quiet }).register({
      "im.message.receive_v1": async (d: unknown) => {
        received = d;
      },
      "card.action.trigger": async () => ({ toast: { type: "success", content: "收到" } }),
    } as Record<string, (d: never) => Promise<unknown>>);
    const ws = new lark.WSClient({ appId: sim.appId, appSecret: sim.appSecret, domain: sim.url, loggerLevel: lark.LoggerLevel.fatal, logger: quiet });
    ws.start({ eventDispatcher: dispatcher });
    try {
      await sim.ws.waitForConnects(1);
      const ep = last("POST", "/callback/ws/endpoint");
      expect(ep.body).toEqual({ AppID: sim.appId, AppSecret: sim.appSecret });
      expect(ep.headers.locale).toBe("zh");
      await sim.waitFor(() => sim.ws.pings > 0);

      const said = await sim.userSays(teacher.openId, "帮助");
      expect(said.status).toBe(200);
      expect(received).toMatchObject({ event_type: "im.message.receive_v1", message: { chat_type: "p2p", content: JSON.stringify({ text: "帮助" }) }, sender: { sender_id: { open_id: teacher.openId } } });

      const sent = await client.im.message.create({ params: { receive_id_type: "open_id" }, data: { receive_id: teacher.openId, msg_type: "interactive", content: JSON.stringify(card) } });
      const click = await sim.clickCard(teacher.openId, sent.data!.message_id!, { action: "x" });
      expect(click.answer).toEqual({ toast: { type: "success", content: "收到" } });

      // Delayed update with the callback's c- token: POST /open-apis/interactive/v1/card/update {token, card}.
      const token = [...sim.state.cardTokens.entries()].find(([, t]) => t.messageId === sent.data!.message_id)![0];
      const later = { ...card, body: { elements: [{ tag: "markdown", content: "稍后更新" }] } };
      const up = (await client.request({ method: "POST", url: "/open-apis/interactive/v1/card/update", data: { token, card: later } })) as { code: number };
      expect(up.code).toBe(0);
      expect(last("POST", "/open-apis/interactive/v1/card/update").body).toEqual({ token, card: later });
      expect(sim.state.messages.get(sent.data!.message_id!)!.card).toEqual(later);
    } finally {
      ws.close({ force: true });
    }
  });
});
