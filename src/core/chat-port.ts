/**
 * The only way domains talk to the chat platform. Domains never see the Lark SDK: they call
 * this port, which writes every message to the outbox first (so nothing is lost when the
 * process dies) and lets the outbox worker send it with rate limits, retries and Lark's
 * `uuid` idempotency key. Queries (chat info, directory look-ups, creating a group chat) go
 * straight to the platform because the caller needs their answer now.
 */

/** Card JSON 2.0 as produced by the builders in `cards/` (validated by the simulator's rules). */
export type CardJson = Record<string, unknown>;

/** Who receives a message. */
export type Recipient =
  | { user: string } // open_id
  | { chat: string } // chat_id
  | { email: string };

export type MessageBody = { text: string } | { card: CardJson };

/** A message the bot sent earlier: by Lark message id, or by the outbox row that sent it. */
export type MessageRef = { messageId: string } | { outboxId: string };

export interface EnqueueOptions {
  /**
   * Idempotency key, unique per logical message, e.g. `reminder:<deadline>:<member>:<date>`.
   * Enqueueing the same key twice keeps the first row (and Lark gets the same `uuid`), so a
   * job that runs again after a crash does not post twice.
   */
  key: string;
  /** Critical messages (urgent escalations) are listed first when parked. */
  critical?: boolean;
  /**
   * Not before this instant (defaults to now). Lets a flow queue e.g. a follow-up without a
   * scheduler of its own.
   */
  notBefore?: Date;
  /**
   * Enqueue inside the caller's Prisma transaction (`db.prisma.$transaction(async (tx) => …)`),
   * so the message exists exactly when the domain change that caused it is committed.
   */
  tx?: OutboxTx;
}

/** The part of a Prisma client (or transaction client) the outbox writes with. */
export interface OutboxTx {
  outboxMessage: {
    create(args: { data: Record<string, unknown> }): Promise<{ id: string }>;
    findUnique(args: { where: { idempotencyKey: string } }): Promise<{ id: string } | null>;
  };
}

export interface Queued {
  outboxId: string;
  /** true when a row with the same key already existed: nothing new was queued. */
  duplicate: boolean;
}

export type UrgentKind = "app" | "sms" | "phone";

export interface ChatInfo {
  chatId: string;
  name: string;
  ownerOpenId?: string;
  external?: boolean;
  memberCount?: number;
}

export interface CreatedChat {
  chatId: string;
  /** Members Lark could not add (not in the bot's availability, resigned …). */
  invalidMemberIds: string[];
}

export interface DirectoryResult {
  /** email (lower-cased) → open_id */
  byEmail: Record<string, string>;
  /** mobile (as given) → open_id */
  byMobile: Record<string, string>;
  /** inputs that matched nobody (or a resigned/frozen person) */
  unresolved: { email?: string; mobile?: string }[];
}

export interface ChatPort {
  /** Queue a text or card message to a user, a chat or an email address. */
  send(to: Recipient, body: MessageBody, opts: EnqueueOptions): Promise<Queued>;
  /** Queue a reply in the thread of a received message. */
  reply(messageId: string, body: MessageBody, opts: EnqueueOptions): Promise<Queued>;
  /**
   * Queue a full replacement of a card the bot sent (shared cards, ≤ 14 days old). With an
   * `outboxId` ref the worker waits until that message was sent and patches its message id.
   */
  updateCard(message: MessageRef, card: CardJson, opts: EnqueueOptions): Promise<Queued>;
  /** Queue a buzz (加急) of a message the bot sent, in-app, by SMS or by phone. */
  urgent(message: MessageRef, kind: UrgentKind, openIds: string[], opts: EnqueueOptions): Promise<Queued>;
  /** Queue one message to many users (Lark batch send; such messages cannot be patched or buzzed). */
  batchSend(openIds: string[], body: MessageBody, opts: EnqueueOptions): Promise<Queued>;
  /** The Lark message id of a queued message once it was sent, otherwise null. */
  messageIdOf(outboxId: string): Promise<string | null>;

  /** Create a group chat with the bot and these members (idempotent per `key` for an hour on Lark's side). */
  createGroupChat(input: { name: string; memberOpenIds: string[]; ownerOpenId?: string; description?: string; key: string }): Promise<CreatedChat>;
  /** Chat name and owner, or null when the chat does not exist or the bot is not in it. */
  getChatInfo(chatId: string): Promise<ChatInfo | null>;
  /** Resolve people given by email or mobile to open ids (batched by 50). */
  lookupUsers(input: { emails?: string[]; mobiles?: string[] }): Promise<DirectoryResult>;
}
