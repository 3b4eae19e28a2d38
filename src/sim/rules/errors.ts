/**
 * A refusal in Lark's own terms: the HTTP status, the body `code`/`msg` and, for the gateway's
 * rate limit, the `x-ogw-ratelimit-*` headers. Rules return these; the simulator's routes turn
 * them into responses, so a test sees exactly what the real platform would send.
 */
export interface LarkRefusal {
  status: number;
  code: number;
  msg: string;
  headers?: Record<string, string>;
}

export type RuleResult = { ok: true } | ({ ok: false } & LarkRefusal);

export const OK: RuleResult = { ok: true };

export function refuse(status: number, code: number, msg: string, headers?: Record<string, string>): RuleResult {
  return headers ? { ok: false, status, code, msg, headers } : { ok: false, status, code, msg };
}

/** The JSON body Lark answers with: `{code, msg, error:{log_id}}` on failures [D-create]. */
export function refusalBody(r: LarkRefusal, logId: string): { code: number; msg: string; error: { log_id: string } } {
  return { code: r.code, msg: r.msg, error: { log_id: logId } };
}

/** Codes used by the rules, named once so tests and routes agree. */
export const LarkCode = {
  /** Generic field validation failure of the gateway. [unverified: which API answers this vs 230001] */
  FIELD_VALIDATION: 99992402,
  BAD_PARAMS: 230001,
  CONTENT_TOO_LONG: 230025,
  RATE_LIMIT_RECIPIENT: 230020,
  CARD_BUILD_FAILED: 230099,
  GATEWAY_RATE_LIMIT: 99991400,
  /** Patching a message this app did not send. [unverified: the live code; bad-params is the closest documented one] */
  NOT_OWN_MESSAGE: 230001,
  /** The message is past the 14-day update window. [unverified: the live code] */
  MESSAGE_TOO_OLD: 230031,
  /** The message id is unknown or recalled. [unverified: the live code] */
  MESSAGE_NOT_FOUND: 230011,
  /** Sub-codes of 230099, carried in `msg` as Lark does ("ErrCode: 200861; ErrMsg: …"). */
  CARD_UNSUPPORTED_IN_V2: 200861,
  CARD_PARSE_ERROR: 200621,
  CARD_CHART_SPEC: 200550,
  CARD_TABLE_ROWS: 200914,
  /** The client-side error a user sees when a card callback answers late or badly. */
  CALLBACK_FAILED: 200340,
} as const;
