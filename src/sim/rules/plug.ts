import type { SimRule, SimReject } from "../types.js";
import { validateCard } from "./card.js";
import { checkContent } from "./message.js";
import { checkPatchAllowed } from "./patch.js";
import { RateLimits } from "./rate.js";
import { judgeCallbackAnswer } from "./callback.js";
import type { RuleResult } from "./errors.js";

/**
 * The platform rules as the simulator's hook points (`SimRule`). `platformRules()` is what a
 * test or sandbox mode plugs in to get Lark's behaviour; each rule can also be used alone.
 */

function asReject(r: RuleResult): SimReject | void {
  if (r.ok) return;
  return { status: r.status, code: r.code, msg: r.msg, headers: r.headers };
}

/** Card JSON 2.0 on every card that reaches the platform; content a JSON string of the right shape. */
export function cardRule(): SimRule {
  return {
    name: "card-json-2.0",
    message(m) {
      // The delayed card update carries the card as an object, not a string [D-delay].
      if (m.op === "card_update") {
        const c = validateCard(m.card);
        return c.ok ? undefined : { status: c.status, code: c.code, msg: c.msg };
      }
      if (m.op === "batch_send") {
        // batch_send takes an object `content` (or `card`) [D-batch]: only the card is checked.
        if (m.card) {
          const c = validateCard(m.card);
          return c.ok ? undefined : { status: c.status, code: c.code, msg: c.msg };
        }
        return;
      }
      const c = checkContent(m.msgType, m.content);
      return c.ok ? undefined : asReject(c);
    },
  };
}

/** `receive_id_type` must be present on a send [D-create]. */
export function receiveIdTypeRule(): SimRule {
  return {
    name: "receive-id-type",
    request(r) {
      if (r.method === "POST" && r.path === "/open-apis/im/v1/messages" && !r.query.receive_id_type) {
        return { status: 400, code: 99992402, msg: "field validation failed: receive_id_type is required" };
      }
    },
  };
}

/** Only the bot's own shared cards, at most 14 days old, can be patched [D-patch]. */
export function patchRule(appId: string): SimRule {
  return {
    name: "patch-window",
    message(m) {
      if (m.op !== "patch" || !m.messageId) return;
      const t = m.state.messages.get(m.messageId);
      const config = (t?.card?.config ?? {}) as { update_multi?: unknown };
      return asReject(
        checkPatchAllowed(
          t && {
            messageId: t.messageId,
            senderAppId: t.sender === "bot" ? appId : null,
            msgType: t.msgType,
            createdAt: new Date(t.createTime),
            deleted: false,
            shared: config.update_multi !== false,
          },
          appId,
          m.now,
        ),
      );
    },
  };
}

/** One API of the message family, with ids replaced so all sends share one budget. */
function apiKey(method: string, path: string): string {
  return `${method} ${path.replace(/\/(om|oc|ou|bm)_[^/]+/g, "/:id").replace(/\/$/, "")}`;
}

/**
 * 50 requests/s per API per app (429 + x-ogw-ratelimit-*), 5 messages/s per user or chat
 * (230020). Put it last: a request another rule refuses does not use up the recipient budget.
 */
export function rateRule(appId: string, limits: RateLimits = new RateLimits()): SimRule & { limits: RateLimits } {
  return {
    name: "rate-limits",
    limits,
    request(r) {
      return asReject(limits.checkApp(appId, apiKey(r.method, r.path)));
    },
    message(m) {
      // Updating one card: 5 QPS per message [D-patch]. [unverified] the code; 230020 is the documented frequency code.
      if (m.op === "patch" && m.messageId) return asReject(limits.checkRecipient(`message:${m.messageId}`));
      if (m.op !== "create" && m.op !== "reply") return;
      const recipient = m.chatId ?? m.receiveId;
      if (recipient) return asReject(limits.checkRecipient(recipient));
    },
  };
}

/** The bot has 3 s to answer a card callback with a valid `{toast?, card?}` [D-cb]. */
export function callbackRule(): SimRule {
  return {
    name: "callback-budget",
    callbackAnswer(a) {
      const o = judgeCallbackAnswer(a.body, a.durationMs);
      if (!o.ok) return { error: o.detail };
    },
  };
}

export interface PlatformRulesOptions {
  appId: string;
  /** Rate limits off: for tests that flood on purpose elsewhere, or a console demo. Default on. */
  rateLimits?: boolean | RateLimits;
}

export function platformRules(o: PlatformRulesOptions): SimRule[] {
  const rules: SimRule[] = [receiveIdTypeRule(), cardRule(), patchRule(o.appId), callbackRule()];
  if (o.rateLimits !== false) rules.push(rateRule(o.appId, o.rateLimits instanceof RateLimits ? o.rateLimits : undefined));
  return rules;
}
