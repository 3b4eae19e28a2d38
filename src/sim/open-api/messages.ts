import { Router, type Request, type Response } from "express";
import type { SimChat, SimMessage } from "../state.js";
import { simId } from "../state.js";
import type { SimContext } from "../types.js";
import { bodyOf, MSG_TYPES, ok, parseContent, refusedByRules, reject, str } from "./common.js";

const UUID_WINDOW_MS = 60 * 60 * 1000;

export function messageView(m: SimMessage): Record<string, unknown> {
  return {
    message_id: m.messageId,
    root_id: m.rootId,
    parent_id: m.parentId,
    msg_type: m.msgType,
    create_time: String(m.createTime),
    update_time: String(m.updateTime),
    deleted: false,
    updated: m.updates > 0,
    chat_id: m.chatId,
    sender: m.sender === "bot" ? { id: "cli_sim", id_type: "app_id", sender_type: "app" } : { id: m.sender, id_type: "open_id", sender_type: "user" },
    body: { content: m.content },
    mentions: [],
  };
}

/** The message the uuid already produced within the hour, if any (Lark's idempotency). */
function byUuid(ctx: SimContext, uuid: string | undefined): SimMessage | undefined {
  if (!uuid) return undefined;
  const hit = ctx.state.uuids.get(uuid);
  if (!hit || Date.now() - hit.at > UUID_WINDOW_MS) return undefined;
  return ctx.state.messages.get(hit.messageId);
}

function store(ctx: SimContext, chat: SimChat, msgType: string, content: string, parsed: Record<string, unknown>, extra: Partial<SimMessage>): SimMessage {
  const now = ctx.clock.now().getTime();
  const m: SimMessage = {
    messageId: simId("om_"),
    chatId: chat.chatId,
    sender: "bot",
    msgType,
    content,
    card: msgType === "interactive" ? parsed : undefined,
    text: msgType === "text" ? String(parsed.text) : undefined,
    createTime: now,
    updateTime: now,
    urgent: [],
    updates: 0,
    ...extra,
  };
  ctx.state.messages.set(m.messageId, m);
  if (m.uuid) ctx.state.uuids.set(m.uuid, { messageId: m.messageId, at: Date.now() });
  return m;
}

function resolveReceiver(ctx: SimContext, res: Response, type: string, id: string): SimChat | null {
  const s = ctx.state;
  if (type === "chat_id") {
    const chat = s.chats.get(id);
    if (!chat) return reject(res, { code: 230001, msg: `Your request contains an invalid request parameter, ext=invalid receive_id: ${id}` }), null;
    if (!chat.botIn) return reject(res, { code: 230002, msg: "Bot/User can NOT be out of the chat." }), null;
    return chat;
  }
  let user;
  if (type === "open_id") user = s.users.get(id);
  else if (type === "email") user = s.userByEmail(id);
  else if (type === "user_id") user = [...s.users.values()].find((u) => u.userId === id);
  else if (type === "union_id") user = [...s.users.values()].find((u) => u.unionId === id);
  else return reject(res, { code: 230001, msg: `Your request contains an invalid request parameter, ext=invalid receive_id_type: ${type}` }), null;
  if (!user || user.resigned) return reject(res, { code: 230013, msg: "Bot has NO availability to this user." }), null;
  return s.p2pChatOf(user.openId);
}

export function messageRoutes(ctx: SimContext): Router {
  const r = Router();

  r.post("/open-apis/im/v1/messages", (req: Request, res: Response) => {
    const b = bodyOf(req);
    const type = str(req.query.receive_id_type);
    if (!type) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=receive_id_type is required" });
    const receiveId = str(b.receive_id);
    const msgType = str(b.msg_type) ?? "";
    if (!receiveId || !MSG_TYPES.has(msgType)) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=receive_id and a valid msg_type are required" });
    const uuid = str(b.uuid);
    if (uuid && uuid.length > 50) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=uuid longer than 50" });
    const again = byUuid(ctx, uuid);
    if (again) return ok(res, messageView(again));
    const p = parseContent(res, b.content, msgType);
    if (!p.ok) return;
    const chat = resolveReceiver(ctx, res, type, receiveId);
    if (!chat) return;
    if (refusedByRules(ctx, res, { op: "create", msgType, content: b.content, card: msgType === "interactive" ? p.parsed : undefined, receiveIdType: type, receiveId, chatId: chat.chatId })) return;
    ok(res, messageView(store(ctx, chat, msgType, b.content as string, p.parsed, { uuid })));
  });

  r.post("/open-apis/im/v1/messages/:id/reply", (req, res) => {
    const b = bodyOf(req);
    const parent = ctx.state.messages.get(req.params.id);
    if (!parent) return reject(res, { code: 230011, msg: "The message was withdrawn or does not exist." });
    if (parent.batchId) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=batch messages cannot be replied to" });
    const msgType = str(b.msg_type) ?? "";
    if (!MSG_TYPES.has(msgType)) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=msg_type" });
    const uuid = str(b.uuid);
    const again = byUuid(ctx, uuid);
    if (again) return ok(res, messageView(again));
    const p = parseContent(res, b.content, msgType);
    if (!p.ok) return;
    const chat = ctx.state.chats.get(parent.chatId)!;
    if (refusedByRules(ctx, res, { op: "reply", msgType, content: b.content, card: msgType === "interactive" ? p.parsed : undefined, messageId: parent.messageId, chatId: chat.chatId })) return;
    ok(res, messageView(store(ctx, chat, msgType, b.content as string, p.parsed, { uuid, parentId: parent.messageId, rootId: parent.rootId ?? parent.messageId })));
  });

  r.patch("/open-apis/im/v1/messages/:id", (req, res) => {
    const b = bodyOf(req);
    const m = ctx.state.messages.get(req.params.id);
    if (!m) return reject(res, { code: 230011, msg: "The message was withdrawn or does not exist." });
    if (m.sender !== "bot") return reject(res, { code: 230027, msg: "Lack of necessary permissions: only the bot's own messages can be updated" });
    if (m.msgType !== "interactive" || m.batchId) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=only shared cards can be patched" });
    const p = parseContent(res, b.content, "interactive");
    if (!p.ok) return;
    if (refusedByRules(ctx, res, { op: "patch", msgType: "interactive", content: b.content, card: p.parsed, messageId: m.messageId, chatId: m.chatId })) return;
    m.content = b.content as string;
    m.card = p.parsed;
    m.updates += 1;
    m.updateTime = ctx.clock.now().getTime();
    ok(res, {});
  });

  r.get("/open-apis/im/v1/messages/:id", (req, res) => {
    const m = ctx.state.messages.get(req.params.id);
    if (!m) return reject(res, { code: 230011, msg: "The message was withdrawn or does not exist." });
    ok(res, { items: [messageView(m)] });
  });

  r.patch("/open-apis/im/v1/messages/:id/:kind", (req, res, next) => {
    const kind = req.params.kind;
    if (!["urgent_app", "urgent_sms", "urgent_phone"].includes(kind)) return next();
    const m = ctx.state.messages.get(req.params.id);
    if (!m) return reject(res, { code: 230011, msg: "The message was withdrawn or does not exist." });
    if (m.sender !== "bot" || m.batchId) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=only the bot's own non-batch messages can be buzzed" });
    const list = bodyOf(req).user_id_list;
    if (!Array.isArray(list) || list.length === 0) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=user_id_list" });
    const ids = list.map(String);
    const invalid = ids.filter((id) => !ctx.state.users.has(id));
    m.urgent.push({ kind: kind.replace("urgent_", ""), userIds: ids.filter((id) => !invalid.includes(id)) });
    ok(res, { invalid_user_id_list: invalid });
  });

  // Delayed card update with a callback token: 2 uses, 30 minutes.
  r.post("/open-apis/interactive/v1/card/update", (req, res) => {
    const b = bodyOf(req);
    const t = ctx.state.cardTokens.get(String(b.token ?? ""));
    if (!t || t.uses >= 2 || Date.now() - t.at > 30 * 60 * 1000) return reject(res, { code: 300000, msg: "token invalid or expired" });
    const m = ctx.state.messages.get(t.messageId);
    const card = b.card as Record<string, unknown> | undefined;
    if (!m || !card || typeof card !== "object") return reject(res, { code: 300000, msg: "invalid card" });
    if (refusedByRules(ctx, res, { op: "card_update", msgType: "interactive", content: card, card, messageId: m.messageId, chatId: m.chatId })) return;
    t.uses += 1;
    m.card = card;
    m.content = JSON.stringify(card);
    m.updates += 1;
    res.json({ code: 0, msg: "success" });
  });

  return r;
}
