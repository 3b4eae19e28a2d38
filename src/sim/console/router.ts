import { readFileSync } from "node:fs";
import express, { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { SimConsolePort } from "./port.js";
import { consolePage } from "./page.js";

/**
 * The web console at /sim: one HTML page, one vanilla-JS file, one stylesheet and a small JSON
 * API over the SimConsolePort. No bundler, no dependency: the assets are served as they are.
 */
const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");

const sayBody = z.object({ openId: z.string().min(1), chatId: z.string().min(1), text: z.string().trim().min(1, "请输入消息内容").max(4000) });
const actBody = z.object({
  openId: z.string().min(1),
  messageId: z.string().min(1),
  action: z.object({
    tag: z.string().min(1),
    name: z.string().optional(),
    value: z.unknown().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
    options: z.array(z.string()).optional(),
    checked: z.boolean().optional(),
    input_value: z.string().optional(),
  }),
});
const clockBody = z.object({
  /** Minutes to move simulated time forward (at most a year). */
  minutes: z.number().int().positive().max(366 * 24 * 60),
});

function bad(res: Response, e: z.ZodError): void {
  const i = e.issues[0]!;
  res.status(400).json({ error: "bad_request", message: `${i.path.join(".") || "请求"}：${i.message}` });
}

export function consoleRouter(port: SimConsolePort): Router {
  const r = Router();
  // Read once: the files do not change while the process runs.
  const js = asset("console.js");
  const css = asset("console.css");

  r.get("/sim", (_req, res) => {
    res.type("html").send(consolePage());
  });
  r.get("/sim/console.js", (_req, res) => {
    res.type("application/javascript").send(js);
  });
  r.get("/sim/console.css", (_req, res) => {
    res.type("text/css").send(css);
  });

  r.get("/sim/api/people", async (_req, res) => {
    res.json({ people: await port.people(), now: port.now().toISOString() });
  });

  r.get("/sim/api/chats", async (req: Request, res) => {
    const openId = z.string().min(1).safeParse(req.query.openId);
    if (!openId.success) return bad(res, openId.error);
    res.json({ chats: await port.chatsOf(openId.data) });
  });

  r.get("/sim/api/messages", async (req, res) => {
    const chatId = z.string().min(1).safeParse(req.query.chatId);
    if (!chatId.success) return bad(res, chatId.error);
    res.json({ messages: await port.messages(chatId.data), now: port.now().toISOString() });
  });

  r.post("/sim/api/say", express.json({ limit: "64kb" }), async (req, res) => {
    const b = sayBody.safeParse(req.body);
    if (!b.success) return bad(res, b.error);
    try {
      await port.say(b.data.openId, b.data.chatId, b.data.text);
    } catch {
      // The message is in the chat; only the bot did not take it (not connected yet, or no ack).
      res.status(502).json({ error: "bot_unreachable", message: "消息已发出，但机器人没有应答（长连接未建立或处理超时），请稍后再试" });
      return;
    }
    res.json({ ok: true });
  });

  r.post("/sim/api/act", express.json({ limit: "256kb" }), async (req, res) => {
    const b = actBody.safeParse(req.body);
    if (!b.success) return bad(res, b.error);
    res.json(await port.act(b.data.openId, b.data.messageId, b.data.action));
  });

  r.post("/sim/api/clock", express.json(), async (req, res) => {
    const b = clockBody.safeParse(req.body);
    if (!b.success) return bad(res, b.error);
    const now = await port.advanceClock(b.data.minutes * 60_000);
    res.json({ now: now.toISOString() });
  });

  r.get("/sim/api/requests", async (_req, res) => {
    res.json({ requests: await port.requests() });
  });

  return r;
}
