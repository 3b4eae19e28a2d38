import { LarkCode, OK, refuse, type RuleResult } from "./errors.js";

/**
 * Lark's two rate limits on the message APIs [D-rate] [D-create]:
 * - the gateway: 50 requests/s per API per app → HTTP 429, code 99991400, with
 *   `x-ogw-ratelimit-limit` and `x-ogw-ratelimit-reset` (seconds to wait);
 * - the recipient: 5 messages/s to one user or one chat → HTTP 400, code 230020, no headers.
 * Sliding one-second windows over an injected millisecond clock, so a test decides what "now" is.
 * [unverified] The live gateway's window shape (sliding vs fixed) and the exact reset value.
 */
export const APP_QPS = 50;
export const RECIPIENT_QPS = 5;
const WINDOW_MS = 1000;

class Window {
  private hits = new Map<string, number[]>();
  constructor(private readonly limit: number) {}

  /** Records a hit unless the key is over its limit; returns ms until a slot frees, or 0 when taken. */
  take(key: string, now: number): number {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      return WINDOW_MS - (now - list[0]!);
    }
    list.push(now);
    this.hits.set(key, list);
    return 0;
  }

  reset(): void {
    this.hits.clear();
  }
}

export class RateLimits {
  private readonly app = new Window(APP_QPS);
  private readonly recipient = new Window(RECIPIENT_QPS);
  enabled = true;

  constructor(private readonly nowMs: () => number = () => Date.now()) {}

  /** One API call of `appId` on `api` (e.g. "POST /im/v1/messages"). */
  checkApp(appId: string, api: string): RuleResult {
    if (!this.enabled) return OK;
    const wait = this.app.take(`${appId} ${api}`, this.nowMs());
    if (!wait) return OK;
    return refuse(429, LarkCode.GATEWAY_RATE_LIMIT, "request trigger frequency limit", {
      "x-ogw-ratelimit-limit": String(APP_QPS),
      "x-ogw-ratelimit-reset": String(Math.max(1, Math.ceil(wait / 1000))),
    });
  }

  /** One message to a user (open_id) or a chat (chat_id). All bots of a chat share its budget. */
  checkRecipient(recipient: string): RuleResult {
    if (!this.enabled) return OK;
    if (!this.recipient.take(recipient, this.nowMs())) return OK;
    return refuse(400, LarkCode.RATE_LIMIT_RECIPIENT, "The request you send triggers the frequency limit, please try again later.");
  }

  reset(): void {
    this.app.reset();
    this.recipient.reset();
  }
}
