import { Router } from "express";
import { randomBytes } from "node:crypto";
import type { SimContext } from "../types.js";
import { bodyOf, reject } from "./common.js";

/** Tenant token issuing (with expiry) and bot info. */
export function authRoutes(ctx: SimContext): Router {
  const r = Router();
  r.post("/open-apis/auth/v3/tenant_access_token/internal", (req, res) => {
    const b = bodyOf(req);
    if (b.app_id !== ctx.appId || b.app_secret !== ctx.appSecret) {
      res.status(200).json({ code: 10014, msg: "app secret invalid" });
      return;
    }
    const token = `t-sim${randomBytes(16).toString("hex")}`;
    ctx.tokens.set(token, Date.now() + ctx.tokenExpireSec * 1000);
    res.status(200).json({ code: 0, msg: "ok", tenant_access_token: token, expire: ctx.tokenExpireSec });
  });
  return r;
}

/** Every other Open API route needs a live tenant token: 99991663 otherwise, as Lark answers. */
export function requireToken(ctx: SimContext): Router {
  const r = Router();
  r.use("/open-apis", (req, res, next) => {
    if (req.path.startsWith("/auth/")) return next();
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    const exp = m ? ctx.tokens.get(m[1]!) : undefined;
    if (!exp || exp < Date.now()) {
      reject(res, { status: 400, code: 99991663, msg: "Invalid access token for authorization. Please make a request with token attached." });
      return;
    }
    next();
  });
  return r;
}

export function botInfoRoutes(ctx: SimContext): Router {
  const r = Router();
  // Lark answers bot info with a top-level `bot`, not `data` (the SDK's channel relies on it).
  r.get("/open-apis/bot/v3/info", (_req, res) => {
    res.json({ code: 0, msg: "ok", bot: { activate_status: 2, app_name: ctx.botName, avatar_url: "", ip_white_list: [], open_id: ctx.botOpenId } });
  });
  return r;
}
