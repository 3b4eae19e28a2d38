/**
 * A failed call to the chat platform, classified so the outbox can decide: retry (and when),
 * or park. The platform adapter maps its SDK's errors (HTTP errors AND `code != 0` bodies)
 * to this type; core code never inspects SDK errors.
 */
export type PlatformErrorKind =
  | "rate_limit" // app-level limit (HTTP 429 / 99991400): wait `retryAfterMs`
  | "chat_rate_limit" // per user/chat limit (230020): back off with jitter
  | "server" // 5xx
  | "timeout" // the call hung
  | "network" // no answer at all
  | "auth" // token refused even after a refresh
  | "rejected"; // the platform refused the request itself: retrying will not help

export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  readonly status?: number;
  readonly code?: number;
  readonly retryAfterMs?: number;

  constructor(message: string, o: { kind: PlatformErrorKind; status?: number; code?: number; retryAfterMs?: number }) {
    super(message);
    this.name = "PlatformError";
    this.kind = o.kind;
    this.status = o.status;
    this.code = o.code;
    this.retryAfterMs = o.retryAfterMs;
  }

  get retryable(): boolean {
    return this.kind !== "rejected";
  }
}

export function isPlatformError(e: unknown): e is PlatformError {
  return e instanceof PlatformError;
}
