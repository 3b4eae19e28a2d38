import { Router } from "express";
import type { SimContext } from "../types.js";
import { bodyOf, ok, reject } from "./common.js";

const status = (resigned?: boolean) => ({ is_frozen: false, is_resigned: !!resigned, is_activated: !resigned, is_exited: false, is_unjoin: false });

export function contactRoutes(ctx: SimContext): Router {
  const r = Router();
  r.post("/open-apis/contact/v3/users/batch_get_id", (req, res) => {
    const b = bodyOf(req);
    const emails = Array.isArray(b.emails) ? b.emails.map(String) : [];
    const mobiles = Array.isArray(b.mobiles) ? b.mobiles.map(String) : [];
    if (emails.length > 50 || mobiles.length > 50) return reject(res, { code: 99992402, msg: "field validation failed: at most 50 emails and 50 mobiles" });
    const user_list: Record<string, unknown>[] = [];
    for (const email of emails) {
      const u = ctx.state.userByEmail(email);
      const hide = !u || (u.resigned && !b.include_resigned);
      user_list.push(hide ? { email } : { user_id: u!.openId, email, status: status(u!.resigned) });
    }
    for (const mobile of mobiles) {
      const u = ctx.state.userByMobile(mobile);
      const hide = !u || (u.resigned && !b.include_resigned);
      user_list.push(hide ? { mobile } : { user_id: u!.openId, mobile, status: status(u!.resigned) });
    }
    ok(res, { user_list });
  });
  return r;
}
