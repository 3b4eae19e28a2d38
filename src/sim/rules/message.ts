import { z } from "zod";
import { validateCard, type CardCheck } from "./card.js";
import { LarkCode, refuse, type RuleResult } from "./errors.js";

/**
 * Request rules of the message APIs (create, reply, patch) [D-create] [D-patch]. The shapes are
 * what the SDK sends (lark-offline-testing.md §1); the codes are Lark's where documented.
 * [unverified] Whether the live gateway answers a missing query parameter with 99992402 or
 * 230001: both are HTTP 400, and the bot treats both as a permanent failure.
 */

export const TEXT_MAX_BYTES = 150 * 1024;
export const RICH_MAX_BYTES = 30 * 1024;

export const RECEIVE_ID_TYPES = ["open_id", "union_id", "user_id", "email", "chat_id"] as const;
export const MSG_TYPES = ["text", "post", "image", "file", "audio", "media", "sticker", "interactive", "share_chat", "share_user", "system"] as const;

const receiveIdType = z.enum(RECEIVE_ID_TYPES);
const sendBody = z.object({
  receive_id: z.string().min(1),
  msg_type: z.enum(MSG_TYPES),
  content: z.unknown(),
  uuid: z.string().max(50).optional(),
});
const replyBody = z.object({
  msg_type: z.enum(MSG_TYPES),
  content: z.unknown(),
  reply_in_thread: z.boolean().optional(),
  uuid: z.string().max(50).optional(),
});
const patchBody = z.object({ content: z.unknown() });

function zodRefusal(e: z.ZodError, what: string): RuleResult {
  const i = e.issues[0]!;
  return refuse(400, LarkCode.FIELD_VALIDATION, `field validation failed: ${what}.${i.path.join(".") || "?"} ${i.message}`);
}

/** The content of one message; for a card also the parsed card (the route stores it). */
export type ContentCheck = (RuleResult & { ok: false }) | { ok: true; parsed: unknown; card?: CardCheck & { ok: true } };

/**
 * `content` must be a JSON **string** (the commonest SDK misuse is passing the object), and what
 * it holds must fit the msg_type.
 */
export function checkContent(msgType: string, content: unknown): ContentCheck {
  if (typeof content !== "string") return refuse(400, LarkCode.BAD_PARAMS, "invalid content: content must be a JSON string") as ContentCheck;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return refuse(400, LarkCode.BAD_PARAMS, "invalid content: content is not valid JSON") as ContentCheck;
  }
  const bytes = Buffer.byteLength(content, "utf8");
  if (msgType === "text") {
    if (typeof (parsed as { text?: unknown })?.text !== "string") return refuse(400, LarkCode.BAD_PARAMS, 'invalid content: text needs {"text": string}') as ContentCheck;
    if (bytes > TEXT_MAX_BYTES) return refuse(400, LarkCode.CONTENT_TOO_LONG, `content too long: ${bytes} bytes`) as ContentCheck;
    return { ok: true, parsed };
  }
  if (msgType === "post" && bytes > RICH_MAX_BYTES) return refuse(400, LarkCode.CONTENT_TOO_LONG, `content too long: ${bytes} bytes`) as ContentCheck;
  if (msgType === "interactive") {
    // A template card is rendered from the builder: its JSON is not ours to check.
    if ((parsed as { type?: unknown })?.type === "template") return { ok: true, parsed };
    const card = validateCard(parsed);
    if (!card.ok) return refuse(card.status, card.code, card.msg) as ContentCheck;
    return { ok: true, parsed, card };
  }
  return { ok: true, parsed };
}

export type SendRequest = z.infer<typeof sendBody> & { receive_id_type: (typeof RECEIVE_ID_TYPES)[number] };

export function checkSend(query: Record<string, unknown>, body: unknown): (RuleResult & { ok: false }) | { ok: true; req: SendRequest; content: ContentCheck & { ok: true } } {
  if (query.receive_id_type === undefined) return refuse(400, LarkCode.FIELD_VALIDATION, "field validation failed: receive_id_type is required") as RuleResult & { ok: false };
  const t = receiveIdType.safeParse(query.receive_id_type);
  if (!t.success) return zodRefusal(t.error, "receive_id_type") as RuleResult & { ok: false };
  const b = sendBody.safeParse(body);
  if (!b.success) return zodRefusal(b.error, "body") as RuleResult & { ok: false };
  const c = checkContent(b.data.msg_type, b.data.content);
  if (!c.ok) return c;
  return { ok: true, req: { ...b.data, receive_id_type: t.data }, content: c };
}

export type ReplyRequest = z.infer<typeof replyBody>;

export function checkReply(body: unknown): (RuleResult & { ok: false }) | { ok: true; req: ReplyRequest; content: ContentCheck & { ok: true } } {
  const b = replyBody.safeParse(body);
  if (!b.success) return zodRefusal(b.error, "body") as RuleResult & { ok: false };
  const c = checkContent(b.data.msg_type, b.data.content);
  if (!c.ok) return c;
  return { ok: true, req: b.data, content: c };
}

/** PATCH carries only a full new card [D-patch]. */
export function checkPatchBody(body: unknown): (RuleResult & { ok: false }) | { ok: true; content: ContentCheck & { ok: true } } {
  const b = patchBody.safeParse(body);
  if (!b.success) return zodRefusal(b.error, "body") as RuleResult & { ok: false };
  const c = checkContent("interactive", b.data.content);
  if (!c.ok) return c;
  return { ok: true, content: c };
}

