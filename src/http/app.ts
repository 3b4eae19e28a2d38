import express, { type Express, type Request, type Response, type NextFunction } from "express";
import type { Database } from "../core/db/client.js";
import type { Logger } from "../core/logger.js";
import { GENERIC_ERROR_MESSAGE, isUserError } from "../core/errors.js";

export interface HttpDeps {
  db: Database;
  log: Logger;
  /** Extra routers mounted by the composition root (webhook, simulator). */
  mount?: (app: Express) => void;
}

export function createApp({ db, log, mount }: HttpDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);

  app.get("/healthz", async (_req, res) => {
    const ok = await db.ping();
    res.status(ok ? 200 : 503).json(ok ? { status: "ok", db: db.provider } : { status: "unavailable", db: db.provider, message: "数据库无法连接" });
  });

  mount?.(app);

  app.use((_req, res) => {
    res.status(404).json({ error: "not_found", message: "没有这个地址" });
  });

  // Express 5 forwards rejected promises here: never a stack trace to the caller.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (status === 413 || (err as { type?: string }).type === "entity.too.large") {
      res.status(413).json({ error: "payload_too_large", message: "请求体过大" });
      return;
    }
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: "bad_request", message: isUserError(err) ? err.userMessage : "请求格式不正确" });
      return;
    }
    log.error({ err, path: req.path }, "HTTP 处理出错");
    if (!res.headersSent) res.status(500).json({ error: "internal", message: GENERIC_ERROR_MESSAGE });
  });
  return app;
}
