import { randomBytes } from "node:crypto";
import { larkEncrypt, larkSign } from "./crypto.js";

export interface WebhookOptions {
  encryptKey?: string;
  /** Sign with a wrong key (the bot must refuse with 401). */
  badSignature?: boolean;
  /** Leave the signature headers out. */
  noSignature?: boolean;
  /** Request timestamp in seconds (default now); a stale one must be refused. */
  timestampSec?: number;
  /** Send the payload in plaintext even when an encrypt key is known. */
  plaintext?: boolean;
}

export interface Delivery {
  status: number;
  /** parsed JSON answer, or the raw text when it is not JSON ("" for an empty body) */
  body: unknown;
  durationMs: number;
}

/**
 * POST an event to a webhook URL the way Lark does: compact JSON, encrypted with the encrypt
 * key when there is one, signed over the exact body bytes.
 */
export async function postWebhook(url: string, payload: unknown, o: WebhookOptions = {}): Promise<Delivery> {
  const inner = JSON.stringify(payload);
  const body = o.encryptKey && !o.plaintext ? JSON.stringify({ encrypt: larkEncrypt(o.encryptKey, inner) }) : inner;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (o.encryptKey && !o.noSignature) {
    const ts = String(o.timestampSec ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString("hex");
    headers["x-lark-request-timestamp"] = ts;
    headers["x-lark-request-nonce"] = nonce;
    headers["x-lark-signature"] = larkSign(ts, nonce, o.badSignature ? `${o.encryptKey}x` : o.encryptKey, body);
  }
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers, body });
  const text = await res.text();
  const durationMs = performance.now() - started;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : "";
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, durationMs };
}
