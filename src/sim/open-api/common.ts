import type { Request, Response } from "express";
import type { MessageCheck, SimContext, SimReject } from "../types.js";

export function ok(res: Response, data: unknown = {}): void {
  res.status(200).json({ code: 0, msg: "success", data });
}

export function reject(res: Response, r: SimReject): void {
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  res.status(r.status ?? 400).json({ code: r.code, msg: r.msg, error: { log_id: `sim-${Date.now()}` } });
}

/** Runs the message rules; true when one refused (the answer is already sent). */
export function refusedByRules(ctx: SimContext, res: Response, m: Omit<MessageCheck, "state" | "now">): boolean {
  for (const rule of ctx.rules) {
    const r = rule.message?.({ ...m, state: ctx.state, now: ctx.clock.now() });
    if (r) {
      reject(res, r);
      return true;
    }
  }
  return false;
}

export const MSG_TYPES = new Set(["text", "post", "image", "file", "audio", "media", "sticker", "interactive", "share_chat", "share_user", "system"]);

/** Lark requires `content` to be a JSON string; a parsed object is refused. */
export function parseContent(res: Response, content: unknown, msgType: string): { ok: true; parsed: Record<string, unknown> } | { ok: false } {
  if (typeof content !== "string") {
    reject(res, { code: 230001, msg: "Your request contains an invalid request parameter, ext=content must be a JSON string" });
    return { ok: false };
  }
  try {
    const parsed = JSON.parse(content) as unknown;
    if (!parsed || typeof parsed !== "object") throw new Error("not an object");
    if (msgType === "text" && typeof (parsed as { text?: unknown }).text !== "string") throw new Error("no text");
    return { ok: true, parsed: parsed as Record<string, unknown> };
  } catch {
    reject(res, msgType === "interactive" ? { code: 230099, msg: "Failed to create card content, ext=ErrCode: 200621; ErrMsg: parse card json err" } : { code: 230001, msg: "Your request contains an invalid request parameter, ext=invalid content" });
    return { ok: false };
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function bodyOf(req: Request): Record<string, unknown> {
  return req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>) : {};
}
