import express, { Router, type NextFunction, type Request, type Response } from "express";
import { createDecipheriv, createHash, timingSafeEqual } from "node:crypto";
import { envelopeSchema, type EventEnvelope } from "../../core/events.js";
import type { Logger } from "../../core/logger.js";

export type Ingest = (envelope: EventEnvelope, via: "webhook" | "ws") => Promise<unknown>;

export interface WebhookOptions {
  encryptKey?: string;
  verificationToken?: string;
  ingest: Ingest;
  log: Logger;
  /** Real time in ms (replay window); injectable for tests. */
  nowMs?: () => number;
  /** A signed request whose timestamp is further than this from now is refused. */
  maxSkewMs?: number;
}

export const WEBHOOK_PATH = "/lark/events";
const ONE_HOUR = 60 * 60 * 1000;

export function decrypt(encryptKey: string, encrypt: string): string {
  const key = createHash("sha256").update(encryptKey).digest();
  const buf = Buffer.from(encrypt, "base64");
  if (buf.length < 32) throw new Error("ciphertext too short");
  const d = createDecipheriv("aes-256-cbc", key, buf.subarray(0, 16));
  return Buffer.concat([d.update(buf.subarray(16)), d.final()]).toString("utf8");
}

export function safeEqual(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison time does not depend on where they differ.
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * `POST /lark/events`: the webhook transport. Everything is checked here, before the inbox
 * or any handler sees the event: body size (413), signature over the raw bytes and the
 * replay window (401), decryption, the verification token in constant time (401).
 * The URL-verification challenge is answered (it carries no signature, only the token).
 */
export function webhookRouter(o: WebhookOptions): Router {
  const r = Router();
  const now = o.nowMs ?? Date.now;
  const skew = o.maxSkewMs ?? ONE_HOUR;

  r.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: "1mb" }), async (req: Request, res: Response) => {
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      const outer = parseJson(raw);
      const ts = header(req, "x-lark-request-timestamp");
      const nonce = header(req, "x-lark-request-nonce");
      const sig = header(req, "x-lark-signature");
      let signed = false;
      if (o.encryptKey && sig) {
        if (!ts || !nonce) throw new Refusal(401, "签名头不完整");
        const expected = createHash("sha256").update(ts + nonce + o.encryptKey + raw).digest("hex");
        if (!safeEqual(expected, sig)) throw new Refusal(401, "签名不正确");
        signed = true;
      }
      if (ts) {
        const t = Number(ts) * 1000;
        if (!Number.isFinite(t) || Math.abs(now() - t) > skew) throw new Refusal(401, "请求时间戳超出允许范围");
      }
      let payload = outer;
      if (typeof outer.encrypt === "string") {
        if (!o.encryptKey) throw new Refusal(400, "收到加密事件，但未配置 LARK_ENCRYPT_KEY");
        let text: string;
        try {
          text = decrypt(o.encryptKey, outer.encrypt);
        } catch {
          throw new Refusal(401, "无法解密（Encrypt Key 不匹配）");
        }
        payload = parseJson(text);
      }
      if (payload.type === "url_verification") {
        checkToken(o, typeof payload.token === "string" ? payload.token : undefined);
        res.json({ challenge: String(payload.challenge ?? "") });
        return;
      }
      if (o.encryptKey && !signed) throw new Refusal(401, "缺少签名");
      const env = envelopeSchema.safeParse(payload);
      if (!env.success) throw new Refusal(400, "不支持的事件格式（需要 schema 2.0）");
      checkToken(o, env.data.header.token);
      const answer = await o.ingest(env.data, "webhook");
      res.status(200).json(answer ?? {});
    } catch (e) {
      if (e instanceof Refusal) {
        o.log.warn({ status: e.status, reason: e.reason, ip: req.ip }, "已拒绝飞书事件请求");
        res.status(e.status).json({ error: e.status === 401 ? "unauthorized" : "bad_request", message: e.reason });
        return;
      }
      o.log.error({ err: e }, "处理飞书事件出错");
      // Lark re-pushes on a non-200; the inbox makes the repeat harmless.
      res.status(500).json({ error: "internal", message: "处理失败，稍后重试" });
    }
  });

  r.use(WEBHOOK_PATH, (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e?.type === "entity.too.large" || e?.status === 413) {
      res.status(413).json({ error: "payload_too_large", message: "请求体超过 1 MB" });
      return;
    }
    next(err);
  });
  return r;
}

function checkToken(o: WebhookOptions, token: string | undefined): void {
  if (!o.verificationToken) return;
  if (!token || !safeEqual(token, o.verificationToken)) throw new Refusal(401, "Verification Token 不正确");
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v || undefined;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new Refusal(400, "请求体不是 JSON 对象");
}
