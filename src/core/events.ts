import { z } from "zod";

/**
 * Inbound event envelopes (schema 2.0), checked at the boundary. Parsers are tolerant where
 * Lark is known to vary (missing `form_value`, `value` as a string, ids absent), strict
 * where the bot depends on a field.
 */
export const envelopeSchema = z.object({
  schema: z.literal("2.0"),
  header: z.object({
    event_id: z.string().min(1).max(200),
    event_type: z.string().min(1),
    create_time: z.string().optional(),
    token: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof envelopeSchema>;

const ids = z.object({ open_id: z.string().optional(), union_id: z.string().optional(), user_id: z.string().nullish() }).partial();

export const messageReceiveSchema = z.object({
  sender: z.object({ sender_id: ids.optional(), sender_type: z.string().optional() }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z
      .array(z.object({ key: z.string(), id: ids.optional(), name: z.string().optional() }))
      .optional()
      .default([]),
  }),
});
export type MessageReceive = z.infer<typeof messageReceiveSchema>;

const objectish = z.preprocess((v) => {
  if (typeof v === "string") {
    try {
      const p = JSON.parse(v) as unknown;
      return p && typeof p === "object" ? p : { action: v };
    } catch {
      return { action: v };
    }
  }
  return v ?? {};
}, z.record(z.string(), z.unknown()));

export const cardActionSchema = z.object({
  operator: ids.extend({ tenant_key: z.string().optional() }),
  token: z.string().optional(),
  action: z.object({
    value: objectish,
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).nullish(),
    option: z.string().nullish(),
    options: z.array(z.string()).nullish(),
    input_value: z.string().nullish(),
    checked: z.boolean().nullish(),
    timezone: z.string().nullish(),
  }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).partial().optional(),
  // Older surfaces put the ids at the top level.
  open_message_id: z.string().optional(),
  open_chat_id: z.string().optional(),
});
export type CardActionEventBody = z.infer<typeof cardActionSchema>;

/**
 * `application.bot.menu_v6`: a person tapped an item of the bot's custom menu (configured in the
 * developer console, each item with an `event_key`). We use command names as keys (上报, 帮助, 巡查…).
 */
export const botMenuSchema = z.object({
  operator: z.object({ operator_id: ids }),
  event_key: z.string().min(1).max(100),
});

export const botAddedSchema = z.object({
  chat_id: z.string().min(1),
  operator_id: ids.optional(),
  name: z.string().optional(),
});
