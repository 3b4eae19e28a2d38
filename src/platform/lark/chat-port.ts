import type { ChatPort, MessageBody, Recipient } from "../../core/chat-port.js";
import { larkUuid, type Outbox } from "../../core/outbox.js";
import type { LarkApi } from "./api.js";

function encode(body: MessageBody): { msgType: "text" | "interactive"; content: string } {
  return "text" in body ? { msgType: "text", content: JSON.stringify({ text: body.text }) } : { msgType: "interactive", content: JSON.stringify(body.card) };
}

function receiver(to: Recipient): { receiveIdType: "open_id" | "chat_id" | "email"; receiveId: string } {
  if ("user" in to) return { receiveIdType: "open_id", receiveId: to.user };
  if ("chat" in to) return { receiveIdType: "chat_id", receiveId: to.chat };
  return { receiveIdType: "email", receiveId: to.email.trim().toLowerCase() };
}

/** Messages go through the outbox; queries go straight to Lark. */
export function createLarkChatPort(outbox: Outbox, api: LarkApi): ChatPort {
  return {
    send: (to, body, opts) => outbox.enqueue({ op: "send", ...receiver(to), ...encode(body) }, opts),
    reply: (messageId, body, opts) => outbox.enqueue({ op: "reply", messageId, ...encode(body) }, opts),
    updateCard: (ref, card, opts) => outbox.enqueue({ op: "patch", ref, content: JSON.stringify(card) }, opts),
    urgent: (ref, kind, openIds, opts) => outbox.enqueue({ op: "urgent", ref, kind, openIds }, opts),
    batchSend: (openIds, body, opts) => outbox.enqueue({ op: "batchSend", openIds, msgType: "text" in body ? "text" : "interactive", content: "text" in body ? { text: body.text } : body.card }, opts),
    messageIdOf: (id) => outbox.messageIdOf(id),
    createGroupChat: (input) => api.createChat({ ...input, uuid: larkUuid(`chat:${input.key}`) }),
    getChatInfo: (chatId) => api.getChat(chatId),
    lookupUsers: (input) => api.batchGetIds(input),
  };
}
