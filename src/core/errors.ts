/**
 * The one error type whose message may be shown to a person (toast, card, CLI line).
 * Anything else that escapes is logged and replaced by a generic Chinese message, so a
 * stack trace never reaches a user.
 */
export class UserError extends Error {
  readonly userMessage: string;
  readonly code: string;
  readonly field?: string;
  /** Extra detail (e.g. every field error of a form), safe to show. */
  readonly details?: readonly { field: string; message: string }[];

  constructor(
    userMessage: string,
    opts: { code?: string; field?: string; details?: readonly { field: string; message: string }[]; cause?: unknown } = {},
  ) {
    super(userMessage, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "UserError";
    this.userMessage = userMessage;
    this.code = opts.code ?? "bad_input";
    this.field = opts.field;
    this.details = opts.details;
  }
}

export const GENERIC_ERROR_MESSAGE = "系统繁忙，操作未完成，请稍后重试。如多次出现，请联系管理员。";

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** The text a person may see for any thrown value. */
export function userMessageOf(e: unknown): string {
  return isUserError(e) ? e.userMessage : GENERIC_ERROR_MESSAGE;
}
