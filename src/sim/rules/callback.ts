import { z } from "zod";
import { validateCard } from "./card.js";
import { LarkCode } from "./errors.js";

/**
 * What the clicking person sees after a card callback [D-cb] [D-delay]: the bot has 3 seconds
 * to answer with `{toast?, card?}`. A late, malformed or failing answer shows the client's error
 * (200340 in the wild [I#126 oapi-sdk-python]) and the card stays as it was.
 * [unverified] The exact Chinese wording of the client's error toast.
 */
export const CALLBACK_BUDGET_MS = 3000;
export const CALLBACK_ERROR_TEXT = `卡片回调失败，请稍后重试（错误码 ${LarkCode.CALLBACK_FAILED}）`;

const toastSchema = z.object({
  type: z.enum(["info", "success", "error", "warning"]),
  content: z.string(),
  i18n: z.record(z.string(), z.string()).optional(),
});
const answerSchema = z.object({
  toast: toastSchema.optional(),
  card: z
    .union([
      z.object({ type: z.literal("raw"), data: z.record(z.string(), z.unknown()) }),
      z.object({ type: z.literal("template"), data: z.record(z.string(), z.unknown()) }),
    ])
    .optional(),
});

export type CallbackAnswer = z.infer<typeof answerSchema>;

export type CallbackOutcome =
  | { ok: true; toast?: CallbackAnswer["toast"]; card?: Record<string, unknown>; elapsedMs: number }
  | { ok: false; reason: "timeout" | "invalid" | "failed"; toast: { type: "error"; content: string }; detail: string; elapsedMs: number };

function failed(reason: "timeout" | "invalid" | "failed", detail: string, elapsedMs: number): CallbackOutcome {
  return { ok: false, reason, toast: { type: "error", content: CALLBACK_ERROR_TEXT }, detail, elapsedMs };
}

/**
 * Judges the bot's answer as the Lark client would. `raw` is the decoded body (webhook) or the
 * decoded `data` of the long-connection ack; `undefined` means an empty body.
 */
export function judgeCallbackAnswer(raw: unknown, elapsedMs: number): CallbackOutcome {
  if (elapsedMs > CALLBACK_BUDGET_MS) return failed("timeout", `answered after ${elapsedMs} ms (budget ${CALLBACK_BUDGET_MS} ms)`, elapsedMs);
  if (raw === undefined || raw === null || raw === "") return failed("invalid", "empty answer body", elapsedMs);
  const a = answerSchema.safeParse(raw);
  if (!a.success) return failed("invalid", `answer shape: ${a.error.issues[0]?.message}`, elapsedMs);
  if (a.data.card?.type === "raw") {
    const c = validateCard(a.data.card.data);
    if (!c.ok) return failed("invalid", `answer card refused: ${c.code} ${c.msg}`, elapsedMs);
    return { ok: true, toast: a.data.toast, card: a.data.card.data, elapsedMs };
  }
  return { ok: true, toast: a.data.toast, elapsedMs };
}

/**
 * Races the bot's answer against the budget. `timer(ms)` resolves after `ms` (injected so unit
 * tests decide when the budget runs out); `elapsed()` tells how long the answer took.
 */
export async function awaitCallbackAnswer(
  answer: Promise<unknown>,
  opts: { timer: (ms: number) => Promise<void>; elapsed: () => number; budgetMs?: number },
): Promise<CallbackOutcome> {
  const budget = opts.budgetMs ?? CALLBACK_BUDGET_MS;
  const TIMEOUT = Symbol("timeout");
  try {
    const r = await Promise.race([answer, opts.timer(budget).then(() => TIMEOUT)]);
    if (r === TIMEOUT) return failed("timeout", `no answer within ${budget} ms`, opts.elapsed());
    return judgeCallbackAnswer(r, Math.min(opts.elapsed(), budget));
  } catch (e) {
    return failed("failed", `delivery failed: ${(e as Error).message}`, opts.elapsed());
  }
}
