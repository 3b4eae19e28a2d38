import type { ChatPort, MessageBody, Recipient } from "../../core/chat-port.js";
import { larkUuid, type Outbox } from "../../core/outbox.js";
import { UserError } from "../../core/errors.js";
import type { LarkApi } from "./api.js";

const offline = (what: string) => () => Promise.reject(new UserError(`未连接飞书，暂时无法${what}`));

function encode(body: MessageBody): { msgType: "text" | "interactive"; content: string } {
  return "text" in body ? { msgType: "text", content: JSON.stringify({ text: body.text }) } : { msgType: "interactive", content: JSON.stringify(body.card) };
}

function receiver(to: Recipient): { receiveIdType: "open_id" | "chat_id" | "email"; receiveId: string } {
  if ("user" in to) return { receiveIdType: "open_id", receiveId: to.user };
  if ("chat" in to) return { receiveIdType: "chat_id", receiveId: to.chat };
  return { receiveIdType: "email", receiveId: to.email.trim().toLowerCase() };
}

/**
 * Messages go through the outbox; queries go straight to Lark. Without an api (no app
 * configured) messages wait in the outbox and queries fail with a message saying why.
 */
export function createLarkChatPort(outbox: Outbox, api: LarkApi | null): ChatPort {
  return {
    send: (to, body, opts) => outbox.enqueue({ op: "send", ...receiver(to), ...encode(body) }, opts),
    reply: (messageId, body, opts) => outbox.enqueue({ op: "reply", messageId, ...encode(body) }, opts),
    updateCard: (ref, card, opts) => outbox.enqueue({ op: "patch", ref, content: JSON.stringify(card) }, opts),
    urgent: (ref, kind, openIds, opts) => outbox.enqueue({ op: "urgent", ref, kind, openIds }, opts),
    batchSend: (openIds, body, opts) => outbox.enqueue({ op: "batchSend", openIds, msgType: "text" in body ? "text" : "interactive", content: "text" in body ? { text: body.text } : body.card }, opts),
    messageIdOf: (id) => outbox.messageIdOf(id),
    createGroupChat: api ? (input) => api.createChat({ ...input, uuid: larkUuid(`chat:${input.key}`) }) : offline("建群"),
    getChatInfo: api ? (chatId) => api.getChat(chatId) : offline("查询群信息"),
    lookupUsers: api ? (input) => api.batchGetIds(input) : offline("查询通讯录"),
  };
}
