import { randomBytes } from "node:crypto";

/**
 * Builders of schema 2.0 event envelopes, shaped like the official samples
 * (docs/lark-platform.md §2.2–2.4). Ids are fresh unless given.
 */

export interface EnvelopeOpts {
  appId: string;
  token?: string;
  tenantKey?: string;
  eventId?: string;
  createTimeMs?: number;
}

export interface Envelope {
  schema: "2.0";
  header: { event_id: string; event_type: string; create_time: string; token: string; app_id: string; tenant_key: string };
  event: Record<string, unknown>;
}

const hex = (n: number) => randomBytes(n).toString("hex");

function envelope(type: string, event: Record<string, unknown>, o: EnvelopeOpts): Envelope {
  return {
    schema: "2.0",
    header: {
      event_id: o.eventId ?? hex(16),
      event_type: type,
      create_time: String(o.createTimeMs ?? Date.now()),
      token: o.token ?? "",
      app_id: o.appId,
      tenant_key: o.tenantKey ?? "tk_sim",
    },
    event,
  };
}

export interface PersonIds {
  openId: string;
  unionId?: string;
  userId?: string;
}

export function messageEvent(
  o: EnvelopeOpts & {
    sender: PersonIds;
    chatId: string;
    chatType: "p2p" | "group";
    text: string;
    messageId?: string;
    mentions?: { key: string; openId: string; name: string }[];
  },
): Envelope {
  const now = String(o.createTimeMs ?? Date.now());
  return envelope(
    "im.message.receive_v1",
    {
      sender: {
        sender_id: { union_id: o.sender.unionId ?? "", user_id: o.sender.userId ?? "", open_id: o.sender.openId },
        sender_type: "user",
        tenant_key: o.tenantKey ?? "tk_sim",
      },
      message: {
        message_id: o.messageId ?? `om_${hex(16)}`,
        root_id: "",
        parent_id: "",
        create_time: now,
        update_time: now,
        chat_id: o.chatId,
        thread_id: "",
        chat_type: o.chatType,
        message_type: "text",
        content: JSON.stringify({ text: o.text }),
        mentions: (o.mentions ?? []).map((m) => ({
          key: m.key,
          id: { union_id: "", user_id: "", open_id: m.openId },
          name: m.name,
          tenant_key: o.tenantKey ?? "tk_sim",
        })),
        user_agent: "Mozilla/5.0 (sim) Lark/7.30.0",
      },
    },
    o,
  );
}

export function cardActionEvent(
  o: EnvelopeOpts & {
    operator: PersonIds;
    messageId: string;
    chatId: string;
    value: Record<string, unknown>;
    formValue?: Record<string, unknown>;
    name?: string;
    tag?: string;
    cardToken?: string;
  },
): Envelope {
  const action: Record<string, unknown> = { value: o.value, tag: o.tag ?? "button", timezone: "Asia/Shanghai", name: o.name ?? "button" };
  if (o.formValue) action.form_value = o.formValue;
  return envelope(
    "card.action.trigger",
    {
      operator: { tenant_key: o.tenantKey ?? "tk_sim", user_id: o.operator.userId ?? "", open_id: o.operator.openId, union_id: o.operator.unionId ?? "" },
      token: o.cardToken ?? `c-${hex(20)}`,
      action,
      host: "im_message",
      context: { open_message_id: o.messageId, open_chat_id: o.chatId },
    },
    o,
  );
}

export function botAddedEvent(o: EnvelopeOpts & { chatId: string; operator: PersonIds; name?: string }): Envelope {
  return envelope(
    "im.chat.member.bot.added_v1",
    {
      chat_id: o.chatId,
      operator_id: { union_id: o.operator.unionId ?? "", user_id: o.operator.userId ?? "", open_id: o.operator.openId },
      external: false,
      operator_tenant_key: o.tenantKey ?? "tk_sim",
      // Lark's SDK comments say this may be the bot's name, not the group's: the bot asks chat info.
      name: o.name ?? "平安校园助手",
      i18n_names: { zh_cn: o.name ?? "平安校园助手" },
    },
    o,
  );
}

export function urlVerification(token: string, challenge = `ch-${hex(8)}`): Record<string, unknown> {
  return { challenge, token, type: "url_verification" };
}
