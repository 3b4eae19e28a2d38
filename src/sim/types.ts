import type { Clock } from "../core/clock.js";
import type { SimState } from "./state.js";

/** A refusal in Lark's own terms: HTTP status, `code`, `msg`, optional headers (rate limits). */
export interface SimReject {
  status?: number; // default 400
  code: number;
  msg: string;
  headers?: Record<string, string>;
}

/** What a message rule sees on create/reply/patch/batch send. */
export interface MessageCheck {
  op: "create" | "reply" | "patch" | "batch_send" | "card_update";
  msgType: string;
  /** the raw `content` field as received (must be a JSON string for create/reply/patch) */
  content: unknown;
  /** the parsed card for interactive messages */
  card?: Record<string, unknown>;
  receiveIdType?: string;
  receiveId?: string;
  /** the target message for reply/patch */
  messageId?: string;
  /** chat the message lands in, when known */
  chatId?: string;
  state: SimState;
  now: Date;
}

export interface RequestCheck {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  state: SimState;
  now: Date;
}

/**
 * A platform rule plugged into the fake Open API (card JSON 2.0 validation, rate limits …).
 * Rules live in `src/sim/rules/` and are added with `sim.use(rule)` or `opts.rules`.
 */
export interface SimRule {
  name: string;
  /** Every authenticated Open API request, before its route runs. */
  request?(r: RequestCheck): SimReject | void;
  /** Every message written (create, reply, patch, batch send, delayed card update). */
  message?(m: MessageCheck): SimReject | void;
  /** The bot's answer to a card callback, with how long it took (Lark shows an error past 3 s). */
  callbackAnswer?(a: { durationMs: number; body: unknown; state: SimState }): { error: string } | void;
}

export interface SimOptions {
  appId?: string;
  appSecret?: string;
  /** When set, webhook deliveries are encrypted and signed with it. */
  encryptKey?: string;
  verificationToken?: string;
  botOpenId?: string;
  botName?: string;
  /** Seconds a tenant token lives (Lark: 7200). Under 180 makes the SDK refetch on every call. */
  tokenExpireSec?: number;
  clock?: Clock;
  rules?: SimRule[];
}

export interface SimContext {
  state: SimState;
  appId: string;
  appSecret: string;
  botOpenId: string;
  botName: string;
  tokenExpireSec: number;
  clock: Clock;
  rules: SimRule[];
  /** valid tenant tokens → expiry (ms) */
  tokens: Map<string, number>;
}
