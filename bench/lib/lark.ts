/** Signed, encrypted webhook bodies exactly as Lark sends them (docs/lark-offline-testing.md §2). */
import { randomBytes } from "node:crypto";
import { larkEncrypt, larkSign } from "../../src/sim/crypto.js";
import { cardActionEvent } from "../../src/sim/events.js";

export const APP_ID = "cli_b3e4c5d6a7b8c9d0";
export const APP_SECRET = "bench-app-secret-0001";
export const ENCRYPT_KEY = "bench-encrypt-key-0001";
export const VERIFICATION_TOKEN = "bench-verification-token-0001";

export interface SignedRequest {
  method: "POST";
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Click {
  /** the Reminder row the button names */
  id: string;
  /** who clicks: the reminder's recipient */
  openId: string;
}

/** One 已知悉 click on a reminder card, as a fresh event (its own event_id), encrypted and signed. */
export function signedClick(c: Click, path = "/lark/events"): SignedRequest {
  const env = cardActionEvent({
    appId: APP_ID,
    token: VERIFICATION_TOKEN,
    operator: { openId: c.openId },
    messageId: `om_${randomBytes(12).toString("hex")}`,
    chatId: `oc_${randomBytes(12).toString("hex")}`,
    value: { action: "reminder_ack", id: c.id },
  });
  const body = JSON.stringify({ encrypt: larkEncrypt(ENCRYPT_KEY, JSON.stringify(env)) });
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString("hex");
  return {
    method: "POST",
    path,
    headers: { "content-type": "application/json", "x-lark-request-timestamp": ts, "x-lark-request-nonce": nonce, "x-lark-signature": larkSign(ts, nonce, ENCRYPT_KEY, body) },
    body,
  };
}

/** `n` distinct signed clicks cycling over the given reminders. */
export function signedClicks(clicks: Click[], n: number): SignedRequest[] {
  return Array.from({ length: n }, (_, i) => signedClick(clicks[i % clicks.length]!));
}
