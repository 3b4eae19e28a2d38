import { LarkCode, OK, refuse, type RuleResult } from "./errors.js";

/**
 * Who may update which card [D-patch] [D-v2bc]: only the app that sent it, only an interactive
 * message, only a shared card (2.0 cards always are), not a batch (`bm-`) message, not recalled,
 * and at most 14 days after it was sent.
 */
export const PATCH_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

export interface PatchTarget {
  messageId: string;
  /** The app that sent it, or null when a person sent it. */
  senderAppId: string | null;
  msgType: string;
  createdAt: Date;
  deleted?: boolean;
  /** The current card's config.update_multi; 2.0 cards are shared unless they say otherwise. */
  shared: boolean;
}

export function checkPatchAllowed(target: PatchTarget | undefined, appId: string, now: Date): RuleResult {
  if (!target || target.deleted || target.messageId.startsWith("bm-")) {
    return refuse(400, LarkCode.MESSAGE_NOT_FOUND, "message not found or recalled; batch messages cannot be updated");
  }
  if (target.senderAppId !== appId) return refuse(400, LarkCode.NOT_OWN_MESSAGE, "only the app that sent the message can update it");
  if (target.msgType !== "interactive") return refuse(400, LarkCode.BAD_PARAMS, "only cards (interactive) can be updated with PATCH");
  if (!target.shared) return refuse(400, LarkCode.BAD_PARAMS, "only shared cards (update_multi: true) can be updated");
  if (now.getTime() - target.createdAt.getTime() > PATCH_WINDOW_MS) {
    return refuse(400, LarkCode.MESSAGE_TOO_OLD, "the message was sent more than 14 days ago and can no longer be updated");
  }
  return OK;
}
