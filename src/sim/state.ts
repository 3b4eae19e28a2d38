import { randomBytes } from "node:crypto";

/** In-memory world of the simulator: people, chats, messages (with their cards), requests. */

export interface SimUser {
  openId: string;
  unionId: string;
  userId: string;
  name: string;
  email?: string;
  mobile?: string;
  /** A resigned person is found by batch_get_id but reported with status.is_resigned. */
  resigned?: boolean;
}

export interface SimChat {
  chatId: string;
  type: "p2p" | "group";
  name: string;
  ownerId?: string;
  /** open ids of the human members */
  members: string[];
  botIn: boolean;
  createdBy?: "bot" | "sim";
  uuid?: string;
}

export interface SimMessage {
  messageId: string;
  chatId: string;
  /** "bot" or the sender's open id */
  sender: string;
  msgType: string;
  /** the raw `content` string as sent */
  content: string;
  /** parsed card JSON for interactive messages (kept up to date by patches and callback answers) */
  card?: Record<string, unknown>;
  text?: string;
  parentId?: string;
  rootId?: string;
  uuid?: string;
  createTime: number;
  updateTime: number;
  /** batch-sent (`bm-`) messages cannot be patched, replied to or buzzed */
  batchId?: string;
  urgent: { kind: string; userIds: string[] }[];
  updates: number;
}

export interface SimRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status?: number;
  response?: unknown;
}

export function simId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString("hex")}`;
}

export class SimState {
  readonly users = new Map<string, SimUser>();
  readonly chats = new Map<string, SimChat>();
  readonly messages = new Map<string, SimMessage>();
  readonly requests: SimRequest[] = [];
  /** message uuid → message id (Lark: at most one message per uuid within an hour) */
  readonly uuids = new Map<string, { messageId: string; at: number }>();
  /** card callback token (`c-…`) → message id, for the delayed card update API */
  readonly cardTokens = new Map<string, { messageId: string; uses: number; at: number }>();

  addUser(u: Partial<SimUser> & { name: string }): SimUser {
    const user: SimUser = {
      openId: u.openId ?? simId("ou_"),
      unionId: u.unionId ?? simId("on_"),
      userId: u.userId ?? simId("u_").slice(0, 10),
      name: u.name,
      email: u.email,
      mobile: u.mobile,
      resigned: u.resigned,
    };
    this.users.set(user.openId, user);
    return user;
  }

  addGroup(g: { name: string; members?: string[]; chatId?: string; ownerId?: string; botIn?: boolean }): SimChat {
    const chat: SimChat = {
      chatId: g.chatId ?? simId("oc_"),
      type: "group",
      name: g.name,
      ownerId: g.ownerId,
      members: [...(g.members ?? [])],
      botIn: g.botIn ?? true,
      createdBy: "sim",
    };
    this.chats.set(chat.chatId, chat);
    return chat;
  }

  /** The one-to-one chat between the bot and a person (created on first use, as Lark does). */
  p2pChatOf(openId: string): SimChat {
    for (const c of this.chats.values()) if (c.type === "p2p" && c.members[0] === openId) return c;
    const chat: SimChat = { chatId: simId("oc_"), type: "p2p", name: "", members: [openId], botIn: true };
    this.chats.set(chat.chatId, chat);
    return chat;
  }

  userByEmail(email: string): SimUser | undefined {
    const e = email.trim().toLowerCase();
    for (const u of this.users.values()) if (u.email?.toLowerCase() === e) return u;
    return undefined;
  }

  userByMobile(mobile: string): SimUser | undefined {
    const norm = (m: string) => m.replace(/[^\d]/g, "").replace(/^86(?=1\d{10}$)/, "");
    for (const u of this.users.values()) if (u.mobile && norm(u.mobile) === norm(mobile)) return u;
    return undefined;
  }

  /** Messages in a chat, oldest first. */
  messagesIn(chatId: string): SimMessage[] {
    return [...this.messages.values()].filter((m) => m.chatId === chatId).sort((a, b) => a.createTime - b.createTime);
  }

  /** Messages the bot sent to a person's one-to-one chat, oldest first. */
  botMessagesTo(openId: string): SimMessage[] {
    return this.messagesIn(this.p2pChatOf(openId).chatId).filter((m) => m.sender === "bot");
  }
}
