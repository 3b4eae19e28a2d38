import { Router } from "express";
import { simId, type SimMessage } from "../state.js";
import type { SimContext } from "../types.js";
import { bodyOf, MSG_TYPES, ok, refusedByRules, reject } from "./common.js";

/** `POST /open-apis/message/v4/batch_send/`: content is an object here, cards go in `card`. */
export function batchRoutes(ctx: SimContext): Router {
  const r = Router();
  r.post(["/open-apis/message/v4/batch_send/", "/open-apis/message/v4/batch_send"], (req, res) => {
    const b = bodyOf(req);
    const msgType = String(b.msg_type ?? "");
    if (!MSG_TYPES.has(msgType)) return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=msg_type" });
    const card = msgType === "interactive" ? (b.card as Record<string, unknown> | undefined) : undefined;
    const content = msgType === "interactive" ? card : (b.content as Record<string, unknown> | undefined);
    if (!content || typeof content !== "object") return reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=content (an object) or card is required" });
    if (refusedByRules(ctx, res, { op: "batch_send", msgType, content, card })) return;
    const ids = Array.isArray(b.open_ids) ? b.open_ids.map(String) : [];
    const batchId = simId("bm-");
    const invalid: string[] = [];
    const now = ctx.clock.now().getTime();
    for (const id of ids) {
      const u = ctx.state.users.get(id);
      if (!u || u.resigned) {
        invalid.push(id);
        continue;
      }
      const chat = ctx.state.p2pChatOf(id);
      const m: SimMessage = {
        messageId: simId("om_"),
        chatId: chat.chatId,
        sender: "bot",
        msgType,
        content: JSON.stringify(content),
        card,
        text: msgType === "text" ? String((content as { text?: unknown }).text ?? "") : undefined,
        createTime: now,
        updateTime: now,
        batchId,
        urgent: [],
        updates: 0,
      };
      ctx.state.messages.set(m.messageId, m);
    }
    ok(res, { message_id: batchId, invalid_open_ids: invalid });
  });
  return r;
}
