/** A ChatPort over the real outbox (messages commit with their transaction) and decoding helpers. */
import type { BotDeps, CardActionContext, CardActionResult, CommandContext } from "../../src/core/bot.js";
import type { ChatPort, MessageBody, Recipient } from "../../src/core/chat-port.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Database } from "../../src/core/db/client.js";
import { createLogger } from "../../src/core/logger.js";
import { Outbox } from "../../src/core/outbox.js";
import { bulletinsModule } from "../../src/domains/bulletins/handlers.js";

export function outboxPort(outbox: Outbox): ChatPort {
  const enc = (b: MessageBody) => ("text" in b ? { msgType: "text" as const, content: JSON.stringify({ text: b.text }) } : { msgType: "interactive" as const, content: JSON.stringify(b.card) });
  const rcv = (to: Recipient) =>
    "user" in to ? { receiveIdType: "open_id" as const, receiveId: to.user } : "chat" in to ? { receiveIdType: "chat_id" as const, receiveId: to.chat } : { receiveIdType: "email" as const, receiveId: to.email };
  return {
    send: (to, body, opts) => outbox.enqueue({ op: "send", ...rcv(to), ...enc(body) }, opts),
    reply: (messageId, body, opts) => outbox.enqueue({ op: "reply", messageId, ...enc(body) }, opts),
    updateCard: (ref, card, opts) => outbox.enqueue({ op: "patch", ref, content: JSON.stringify(card) }, opts),
    urgent: (ref, kind, openIds, opts) => outbox.enqueue({ op: "urgent", ref, kind, openIds }, opts),
    batchSend: (openIds, body, opts) => outbox.enqueue({ op: "batchSend", openIds, msgType: "text" in body ? "text" : "interactive", content: "text" in body ? { text: body.text } : body.card }, opts),
    messageIdOf: (id) => outbox.messageIdOf(id),
    createGroupChat: async () => {
      throw new Error("not used");
    },
    getChatInfo: async () => null,
    lookupUsers: async () => ({ byEmail: {}, byMobile: {}, unresolved: [] }),
  };
}

export interface Harness extends BotDeps {
  clock: ManualClock;
  say(openId: string, text: string): Promise<string[]>;
  click(openId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>): Promise<CardActionResult>;
}

let seq = 0;

export function harness(db: Database, start: Date | string): Harness {
  const clock = new ManualClock(start);
  const outbox = new Outbox(db, clock);
  const chat = outboxPort(outbox);
  const log = createLogger("silent");
  const h: Harness = {
    db,
    chat,
    clock,
    log,
    async say(openId, text) {
      const [word, ...rest] = text.trim().split(/\s+/);
      const cmd = bulletinsModule.commands!.find((c) => c.name === word || c.aliases?.includes(word));
      if (!cmd) throw new Error(`no command ${word}`);
      const replies: string[] = [];
      const eventId = `ev_b_${++seq}`;
      const ctx: CommandContext = {
        db,
        chat,
        clock,
        log,
        actor: { openId },
        chatId: "oc_p2p",
        chatType: "p2p",
        messageId: `om_${eventId}`,
        text,
        args: rest.join(" "),
        mentions: [],
        eventId,
        reply: async (t) => {
          replies.push(t);
        },
        replyCard: async () => {
          throw new Error("bulletins reply cards through chat.reply with their own keys");
        },
      };
      await cmd.run(ctx);
      return replies;
    },
    async click(openId, value, formValue) {
      const handler = bulletinsModule.actions![String(value.action)];
      const ctx: CardActionContext = {
        db,
        chat,
        clock,
        log,
        actor: { openId },
        action: { value, ...(formValue ? { formValue } : {}), tag: "button" },
        eventId: `ev_b_${++seq}`,
        defer: () => {
          throw new Error("not used");
        },
      };
      return (await handler(ctx)) ?? {};
    },
  };
  return h;
}

export interface SentMessage {
  key: string;
  to: string | null;
  op: string;
  card: Record<string, unknown> | null;
  text: string | null;
}

export async function outboxMessages(db: Database): Promise<SentMessage[]> {
  const rows = await db.prisma.outboxMessage.findMany({ orderBy: [{ createdAt: "asc" }, { idempotencyKey: "asc" }] });
  return rows.map((r) => {
    const op = JSON.parse(r.content) as Record<string, unknown>;
    const content = typeof op.content === "string" ? (JSON.parse(op.content) as Record<string, unknown>) : null;
    const isCard = op.msgType === "interactive" || op.op === "patch";
    return {
      key: r.idempotencyKey,
      to: (op.receiveId as string | undefined) ?? (op.messageId as string | undefined) ?? null,
      op: String(op.op),
      card: isCard ? content : null,
      text: !isCard && content ? String(content.text) : null,
    };
  });
}

/** Every text a card shows (markdown, plain text, table cells), for “is it in there” checks. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (typeof v === "number") out.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(card);
  return out.join("\n");
}

/** Rows of every table in a card. */
export function tableRows(card: Record<string, unknown>): Record<string, string | number>[] {
  const els = (card.body as { elements: { tag: string; rows?: Record<string, string | number>[] }[] }).elements;
  return els.filter((e) => e.tag === "table").flatMap((e) => e.rows ?? []);
}
