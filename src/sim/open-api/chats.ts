import { Router } from "express";
import { simId, type SimChat } from "../state.js";
import type { SimContext } from "../types.js";
import { bodyOf, ok, reject, str } from "./common.js";

function chatView(ctx: SimContext, c: SimChat): Record<string, unknown> {
  return {
    chat_id: c.chatId,
    name: c.name,
    description: "",
    owner_id: c.ownerId ?? "",
    owner_id_type: "open_id",
    external: false,
    tenant_key: "tk_sim",
    chat_mode: "group",
    chat_type: "private",
    user_count: String(c.members.length),
    bot_count: c.botIn ? "1" : "0",
  };
}

export function chatRoutes(ctx: SimContext): Router {
  const r = Router();

  r.post("/open-apis/im/v1/chats", (req, res) => {
    const b = bodyOf(req);
    const uuid = str(req.query.uuid);
    if (uuid) {
      const again = [...ctx.state.chats.values()].find((c) => c.uuid === uuid);
      if (again) return ok(res, chatView(ctx, again));
    }
    const name = str(b.name);
    if (!name) return reject(res, { code: 232001, msg: "Your request contains an invalid request parameter: name" });
    const ids = Array.isArray(b.user_id_list) ? b.user_id_list.map(String) : [];
    const invalid = ids.filter((id) => !ctx.state.users.has(id) || ctx.state.users.get(id)!.resigned);
    const chat: SimChat = {
      chatId: simId("oc_"),
      type: "group",
      name,
      ownerId: str(b.owner_id),
      members: ids.filter((id) => !invalid.includes(id)),
      botIn: true,
      createdBy: "bot",
      uuid,
    };
    ctx.state.chats.set(chat.chatId, chat);
    ok(res, { ...chatView(ctx, chat), invalid_user_id_list: invalid });
  });

  r.get("/open-apis/im/v1/chats", (req, res) => {
    const items = [...ctx.state.chats.values()].filter((c) => c.type === "group" && c.botIn).map((c) => ({ chat_id: c.chatId, name: c.name, owner_id: c.ownerId ?? "", external: false, tenant_key: "tk_sim" }));
    const size = Math.min(Math.max(Number(req.query.page_size ?? 20) || 20, 1), 100);
    const start = Number(req.query.page_token ?? 0) || 0;
    const page = items.slice(start, start + size);
    const more = start + size < items.length;
    ok(res, { items: page, page_token: more ? String(start + size) : "", has_more: more });
  });

  r.get("/open-apis/im/v1/chats/:id", (req, res) => {
    const c = ctx.state.chats.get(req.params.id);
    if (!c || c.type !== "group") return reject(res, { code: 232006, msg: "Your request specifies a chat_id which is invalid." });
    if (!c.botIn) return reject(res, { code: 232011, msg: "Operator can NOT be out of the chat." });
    ok(res, chatView(ctx, c));
  });

  r.get("/open-apis/im/v1/chats/:id/members", (req, res) => {
    const c = ctx.state.chats.get(req.params.id);
    if (!c) return reject(res, { code: 232006, msg: "Your request specifies a chat_id which is invalid." });
    const items = c.members.map((id) => ({ member_id_type: "open_id", member_id: id, name: ctx.state.users.get(id)?.name ?? "", tenant_key: "tk_sim" }));
    ok(res, { items, page_token: "", has_more: false, member_total: items.length });
  });

  return r;
}
