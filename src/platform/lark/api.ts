import type * as lark from "@larksuiteoapi/node-sdk";
import { z } from "zod";
import type { ChatInfo, CreatedChat, DirectoryResult } from "../../core/chat-port.js";
import type { OutboxTransport, ResolvedOp } from "../../core/outbox.js";
import { PlatformError } from "../../core/platform-error.js";
import { callLark, type TokenCache } from "./client.js";

// Answers are checked at the boundary: a missing id is a failure, not an `undefined` that
// surfaces later in a domain.
const messageData = z.object({ message_id: z.string().min(1), chat_id: z.string().optional() });
const chatData = z.object({ chat_id: z.string().min(1), name: z.string().optional(), owner_id: z.string().optional(), external: z.boolean().optional(), user_count: z.union([z.string(), z.number()]).optional(), invalid_user_id_list: z.array(z.string()).optional() });
const userList = z.object({
  user_list: z
    .array(z.object({ user_id: z.string().optional(), email: z.string().optional(), mobile: z.string().optional(), status: z.object({ is_resigned: z.boolean().optional(), is_frozen: z.boolean().optional() }).partial().optional() }))
    .optional()
    .default([]),
});

function data<T>(schema: z.ZodType<T>, res: { data?: unknown }, what: string): T {
  const p = schema.safeParse(res.data);
  if (!p.success) throw new PlatformError(`飞书接口返回格式不符（${what}）`, { kind: "rejected" });
  return p.data;
}

const NOT_FOUND_CHAT = new Set([232006, 232011, 232009, 232010]);

/** The Open API calls the bot makes, on top of the SDK client. */
export class LarkApi implements OutboxTransport {
  private client!: lark.Client;
  /** The SDK client may still be loading (it is loaded after start-up): calls wait for it. */
  private readonly ready: Promise<void>;

  constructor(
    client: lark.Client | Promise<lark.Client>,
    private readonly cache: TokenCache,
    private readonly timeoutMs: number,
  ) {
    this.ready = Promise.resolve(client).then((c) => void (this.client = c));
    this.ready.catch(() => undefined);
  }

  private async call<T extends { code?: number; msg?: string }>(fn: () => Promise<T>): Promise<T> {
    await this.ready;
    return callLark(this.cache, this.timeoutMs, fn);
  }

  async execute(op: ResolvedOp, uuid: string): Promise<{ resultId?: string }> {
    await this.ready;
    const c = this.client;
    switch (op.op) {
      case "send": {
        const res = await this.call(() => c.im.v1.message.create({ params: { receive_id_type: op.receiveIdType }, data: { receive_id: op.receiveId, msg_type: op.msgType, content: op.content, uuid } }));
        return { resultId: data(messageData, res, "发送消息").message_id };
      }
      case "reply": {
        const res = await this.call(() => c.im.v1.message.reply({ path: { message_id: op.messageId }, data: { msg_type: op.msgType, content: op.content, uuid } }));
        return { resultId: data(messageData, res, "回复消息").message_id };
      }
      case "patch":
        await this.call(() => c.im.v1.message.patch({ path: { message_id: op.messageId }, data: { content: op.content } }));
        return { resultId: op.messageId };
      case "urgent": {
        const args = { path: { message_id: op.messageId }, params: { user_id_type: "open_id" as const }, data: { user_id_list: op.openIds } };
        if (op.kind === "app") await this.call(() => c.im.v1.message.urgentApp(args));
        else if (op.kind === "sms") await this.call(() => c.im.v1.message.urgentSms(args));
        else await this.call(() => c.im.v1.message.urgentPhone(args));
        return { resultId: op.messageId };
      }
      case "batchSend": {
        // Not wrapped by the SDK; content is an object here and cards go in `card`.
        const body = op.msgType === "interactive" ? { open_ids: op.openIds, msg_type: op.msgType, card: op.content } : { open_ids: op.openIds, msg_type: op.msgType, content: op.content };
        const res = await this.call(() => c.request<{ code?: number; msg?: string; data?: unknown }>({ method: "POST", url: "/open-apis/message/v4/batch_send/", data: body }));
        return { resultId: data(z.object({ message_id: z.string() }), res, "批量发送").message_id };
      }
    }
  }

  async createChat(input: { name: string; memberOpenIds: string[]; ownerOpenId?: string; description?: string; uuid: string }): Promise<CreatedChat> {
    const res = await this.call(() =>
      this.client.im.v1.chat.create({
        params: { user_id_type: "open_id", set_bot_manager: true, uuid: input.uuid },
        data: { name: input.name, description: input.description, owner_id: input.ownerOpenId, user_id_list: input.memberOpenIds },
      }),
    );
    const d = data(chatData, res, "创建群聊");
    return { chatId: d.chat_id, invalidMemberIds: d.invalid_user_id_list ?? [] };
  }

  async getChat(chatId: string): Promise<ChatInfo | null> {
    try {
      const res = await this.call(() => this.client.im.v1.chat.get({ path: { chat_id: chatId }, params: { user_id_type: "open_id" } }));
      const d = data(chatData.omit({ chat_id: true }).extend({ chat_id: z.string().optional() }), res, "群信息");
      return { chatId, name: d.name ?? "", ownerOpenId: d.owner_id || undefined, external: d.external, memberCount: d.user_count === undefined ? undefined : Number(d.user_count) };
    } catch (e) {
      if (e instanceof PlatformError && e.code !== undefined && NOT_FOUND_CHAT.has(e.code)) return null;
      throw e;
    }
  }

  async batchGetIds(input: { emails?: string[]; mobiles?: string[] }): Promise<DirectoryResult> {
    const out: DirectoryResult = { byEmail: {}, byMobile: {}, unresolved: [] };
    const emails = [...new Set((input.emails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean))];
    const mobiles = [...new Set((input.mobiles ?? []).map((m) => m.trim()).filter(Boolean))];
    // Lark takes at most 50 of each per call.
    for (let i = 0; i < Math.max(emails.length, mobiles.length); i += 50) {
      const e = emails.slice(i, i + 50);
      const m = mobiles.slice(i, i + 50);
      const res = await this.call(() => this.client.contact.v3.user.batchGetId({ params: { user_id_type: "open_id" }, data: { emails: e, mobiles: m, include_resigned: false } }));
      const list = data(userList, res, "查询用户").user_list;
      for (const email of e) {
        const hit = list.find((u) => u.email?.toLowerCase() === email && u.user_id && !u.status?.is_resigned && !u.status?.is_frozen);
        if (hit) out.byEmail[email] = hit.user_id!;
        else out.unresolved.push({ email });
      }
      for (const mobile of m) {
        const hit = list.find((u) => u.mobile === mobile && u.user_id && !u.status?.is_resigned && !u.status?.is_frozen);
        if (hit) out.byMobile[mobile] = hit.user_id!;
        else out.unresolved.push({ mobile });
      }
    }
    return out;
  }

  async botInfo(): Promise<{ openId: string; name: string } | null> {
    const res = await this.call(() => this.client.request<{ code?: number; msg?: string; bot?: { open_id?: string; app_name?: string } }>({ method: "GET", url: "/open-apis/bot/v3/info" }));
    return res.bot?.open_id ? { openId: res.bot.open_id, name: res.bot.app_name ?? "" } : null;
  }
}
