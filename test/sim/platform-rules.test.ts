import { describe, expect, it } from "vitest";
import {
  checkSend,
  checkReply,
  checkPatchBody,
  checkPatchAllowed,
  RateLimits,
  judgeCallbackAnswer,
  awaitCallbackAnswer,
  PATCH_WINDOW_MS,
  CALLBACK_ERROR_TEXT,
} from "../../src/sim/rules/index.js";

const card = { schema: "2.0", body: { elements: [{ tag: "markdown", content: "你好" }] } };

describe("message request rules", () => {
  it("needs receive_id_type", () => {
    const r = checkSend({}, { receive_id: "ou_1", msg_type: "text", content: '{"text":"hi"}' });
    expect(r).toMatchObject({ ok: false, status: 400, code: 99992402 });
  });

  it("needs content as a JSON string, not an object", () => {
    const r = checkSend({ receive_id_type: "open_id" }, { receive_id: "ou_1", msg_type: "text", content: { text: "hi" } });
    expect(r).toMatchObject({ ok: false, code: 230001 });
    expect(checkSend({ receive_id_type: "open_id" }, { receive_id: "ou_1", msg_type: "text", content: "{bad" })).toMatchObject({ ok: false, code: 230001 });
  });

  it("accepts text and a valid card; refuses a card with a note", () => {
    expect(checkSend({ receive_id_type: "chat_id" }, { receive_id: "oc_1", msg_type: "text", content: '{"text":"hi"}' }).ok).toBe(true);
    const ok = checkReply({ msg_type: "interactive", content: JSON.stringify(card) });
    expect(ok.ok).toBe(true);
    const bad = checkPatchBody({ content: JSON.stringify({ ...card, body: { elements: [{ tag: "note", elements: [] }] } }) });
    expect(bad).toMatchObject({ ok: false, code: 230099 });
  });

  it("refuses an unknown receive_id_type and msg_type", () => {
    expect(checkSend({ receive_id_type: "phone" }, { receive_id: "x", msg_type: "text", content: "{}" }).ok).toBe(false);
    expect(checkSend({ receive_id_type: "open_id" }, { receive_id: "x", msg_type: "card", content: "{}" }).ok).toBe(false);
  });
});

describe("patch rules", () => {
  const now = new Date("2026-09-20T00:00:00Z");
  const target = { messageId: "om_1", senderAppId: "cli_a", msgType: "interactive", createdAt: new Date(now.getTime() - 1000), shared: true };

  it("lets the sending app update its own shared card within 14 days", () => {
    expect(checkPatchAllowed(target, "cli_a", now).ok).toBe(true);
    expect(checkPatchAllowed({ ...target, createdAt: new Date(now.getTime() - PATCH_WINDOW_MS) }, "cli_a", now).ok).toBe(true);
  });

  it("refuses another app, a person's message, a text, an old card and a batch message", () => {
    expect(checkPatchAllowed(target, "cli_b", now).ok).toBe(false);
    expect(checkPatchAllowed({ ...target, senderAppId: null }, "cli_a", now).ok).toBe(false);
    expect(checkPatchAllowed({ ...target, msgType: "text" }, "cli_a", now).ok).toBe(false);
    expect(checkPatchAllowed({ ...target, createdAt: new Date(now.getTime() - PATCH_WINDOW_MS - 1) }, "cli_a", now)).toMatchObject({ ok: false, code: 230031 });
    expect(checkPatchAllowed({ ...target, messageId: "bm-1" }, "cli_a", now).ok).toBe(false);
    expect(checkPatchAllowed(undefined, "cli_a", now).ok).toBe(false);
  });
});

describe("rate limits", () => {
  it("answers the 51st call in a second with 429 and the ratelimit headers, then frees the slot", () => {
    let t = 1_000_000;
    const rl = new RateLimits(() => t);
    for (let i = 0; i < 50; i++) expect(rl.checkApp("cli_a", "POST /im/v1/messages").ok).toBe(true);
    const r = rl.checkApp("cli_a", "POST /im/v1/messages");
    expect(r).toMatchObject({ ok: false, status: 429, code: 99991400, headers: { "x-ogw-ratelimit-limit": "50", "x-ogw-ratelimit-reset": "1" } });
    // Another app, or another API, has its own budget.
    expect(rl.checkApp("cli_b", "POST /im/v1/messages").ok).toBe(true);
    expect(rl.checkApp("cli_a", "PATCH /im/v1/messages/:id").ok).toBe(true);
    t += 1000;
    expect(rl.checkApp("cli_a", "POST /im/v1/messages").ok).toBe(true);
  });

  it("answers the 6th message to one user within a second with 230020", () => {
    let t = 0;
    const rl = new RateLimits(() => t);
    for (let i = 0; i < 5; i++) {
      expect(rl.checkRecipient("ou_1").ok).toBe(true);
      t += 100;
    }
    expect(rl.checkRecipient("ou_1")).toMatchObject({ ok: false, status: 400, code: 230020 });
    expect(rl.checkRecipient("oc_1").ok).toBe(true);
    t = 1000; // the first message left the window
    expect(rl.checkRecipient("ou_1").ok).toBe(true);
  });
});

describe("card callback answers", () => {
  it("shows the toast and takes a valid raw card", () => {
    const r = judgeCallbackAnswer({ toast: { type: "success", content: "已提交" }, card: { type: "raw", data: card } }, 120);
    expect(r).toMatchObject({ ok: true, toast: { content: "已提交" }, card });
  });

  it("treats {} as no change and an empty body as an error", () => {
    expect(judgeCallbackAnswer({}, 5)).toMatchObject({ ok: true });
    expect(judgeCallbackAnswer(undefined, 5)).toMatchObject({ ok: false, reason: "invalid", toast: { content: CALLBACK_ERROR_TEXT } });
  });

  it("shows an error when the answer card breaks a rule or the answer is late", () => {
    expect(judgeCallbackAnswer({ card: { type: "raw", data: { body: { elements: [] } } } }, 5)).toMatchObject({ ok: false, reason: "invalid" });
    expect(judgeCallbackAnswer({}, 3001)).toMatchObject({ ok: false, reason: "timeout" });
  });

  it("gives up at the budget when the answer never comes", async () => {
    let fire!: () => void;
    const timer = () => new Promise<void>((r) => (fire = r));
    const pending = awaitCallbackAnswer(new Promise(() => {}), { timer, elapsed: () => 3000 });
    fire();
    await expect(pending).resolves.toMatchObject({ ok: false, reason: "timeout" });
  });

  it("takes an answer that comes before the budget", async () => {
    const r = await awaitCallbackAnswer(Promise.resolve({ toast: { type: "info", content: "好" } }), { timer: () => new Promise(() => {}), elapsed: () => 10 });
    expect(r).toMatchObject({ ok: true, toast: { content: "好" } });
  });
});
