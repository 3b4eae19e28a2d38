import express, { type Express, type Request, type Router } from "express";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock } from "../core/clock.js";
import { authRoutes, botInfoRoutes, requireToken } from "./open-api/auth.js";
import { batchRoutes } from "./open-api/batch.js";
import { chatRoutes } from "./open-api/chats.js";
import { reject } from "./open-api/common.js";
import { contactRoutes } from "./open-api/contact.js";
import { messageRoutes } from "./open-api/messages.js";
import { Faults, type FaultSpec } from "./faults.js";
import { SimState, simId, type SimMessage, type SimRequest, type SimUser } from "./state.js";
import { botAddedEvent, cardActionEvent, messageEvent, type Envelope } from "./events.js";
import { postWebhook, type Delivery, type WebhookOptions } from "./deliver.js";
import { SimWsServer, type WsOptions } from "./ws/server.js";
import type { SimContext, SimOptions, SimRule } from "./types.js";

export type { SimRule, SimOptions, SimReject, MessageCheck, RequestCheck } from "./types.js";
export type { SimUser, SimChat, SimMessage, SimRequest } from "./state.js";
export type { Delivery, WebhookOptions } from "./deliver.js";
export type { Envelope } from "./events.js";
export { SimState } from "./state.js";
export { messageEvent, cardActionEvent, botAddedEvent, urlVerification } from "./events.js";
export { postWebhook } from "./deliver.js";
export { webhookBotEnv } from "./bot-env.js";

export const SIM_APP_ID = "cli_0123456789abcdef";
export const SIM_APP_SECRET = "sandbox-secret";

/** Where events and card callbacks go: the bot's webhook URL, or its long connection. */
export type DeliveryTarget = { webhook: string; options?: WebhookOptions } | "ws";

export interface CardAnswer {
  toast?: { type: string; content: string };
  card?: { type: string; data: Record<string, unknown> };
}

/**
 * A local fake of the Lark Open Platform for tests and sandbox mode. Runs standalone
 * (`start()` on 127.0.0.1:0) or mounted on another express app and HTTP server (`mount()`).
 */
export class Simulator {
  readonly state = new SimState();
  readonly ctx: SimContext;
  readonly ws: SimWsServer;
  private readonly faults = new Faults();
  private server: Server | null = null;
  private base = "";
  target: DeliveryTarget = "ws";

  constructor(readonly opts: SimOptions & { ws?: WsOptions } = {}) {
    this.ctx = {
      state: this.state,
      appId: opts.appId ?? SIM_APP_ID,
      appSecret: opts.appSecret ?? SIM_APP_SECRET,
      botOpenId: opts.botOpenId ?? "ou_sim_bot_0000000000000000",
      botName: opts.botName ?? "平安校园助手",
      tokenExpireSec: opts.tokenExpireSec ?? 7200,
      clock: opts.clock ?? systemClock,
      rules: [...(opts.rules ?? [])],
      tokens: new Map(),
    };
    this.ws = new SimWsServer(this.ctx, opts.ws);
  }

  get appId(): string {
    return this.ctx.appId;
  }
  get appSecret(): string {
    return this.ctx.appSecret;
  }
  get botOpenId(): string {
    return this.ctx.botOpenId;
  }
  /** Base URL of a standalone simulator (use as LARK_DOMAIN). */
  get url(): string {
    return this.base;
  }

  /** The express router of the fake Open API and the long-connection endpoint. */
  router(): Router {
    const r = express.Router();
    // The SDK sends `{}` even on GET; Lark bodies are JSON.
    r.use(["/open-apis", "/callback/ws/endpoint"], express.json({ limit: "10mb", type: () => true }));
    r.use(["/open-apis", "/callback/ws/endpoint"], (req, res, next) => {
      const entry: SimRequest = { at: Date.now(), method: req.method, path: req.path === "/" ? req.baseUrl : req.originalUrl.split("?")[0]!, query: { ...req.query }, headers: req.headers, body: req.body };
      this.state.requests.push(entry);
      res.on("finish", () => (entry.status = res.statusCode));
      next();
    });
    r.use(this.faults.middleware());
    r.use(authRoutes(this.ctx));
    r.use(this.ws.routes());
    r.use(requireToken(this.ctx));
    r.use("/open-apis", (req: Request, res, next) => {
      for (const rule of this.ctx.rules) {
        const rej = rule.request?.({ method: req.method, path: req.originalUrl.split("?")[0]!, query: { ...req.query }, body: req.body, state: this.state, now: this.ctx.clock.now() });
        if (rej) return reject(res, rej);
      }
      next();
    });
    r.use(botInfoRoutes(this.ctx), messageRoutes(this.ctx), chatRoutes(this.ctx), contactRoutes(this.ctx), batchRoutes(this.ctx));
    r.use("/open-apis", (req, res) => {
      res.status(404).json({ code: 404, msg: `sim: no route ${req.method} ${req.originalUrl}` });
    });
    return r;
  }

  /** Serve on another app and server (sandbox mode: the bot's own HTTP server). */
  mount(app: Express, server: Server, baseUrl?: string): void {
    app.use(this.router());
    this.ws.attach(server);
    if (baseUrl) this.base = baseUrl;
  }

  async start(): Promise<this> {
    const app = express();
    app.disable("x-powered-by");
    this.server = createServer(app);
    this.mount(app, this.server);
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.faults.release();
    this.ws.close();
    const s = this.server;
    this.server = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  // ---- the world ----
  addUser(u: Partial<SimUser> & { name: string }): SimUser {
    return this.state.addUser(u);
  }
  addGroup(g: { name: string; members?: string[]; chatId?: string; ownerId?: string; botIn?: boolean }) {
    return this.state.addGroup(g);
  }
  /** Requests whose path contains `substr` (e.g. "/im/v1/messages"), oldest first. */
  calls(substr = "", method?: string): SimRequest[] {
    return this.state.requests.filter((r) => r.path.includes(substr) && (!method || r.method === method.toUpperCase()));
  }
  /** Messages the bot sent (all chats), oldest first. */
  botMessages(): SimMessage[] {
    return [...this.state.messages.values()].filter((m) => m.sender === "bot").sort((a, b) => a.createTime - b.createTime);
  }

  // ---- rules and faults ----
  use(rule: SimRule): this {
    this.ctx.rules.push(rule);
    return this;
  }
  fail(method: string, pathPattern: string | RegExp, spec: FaultSpec = {}): this {
    this.faults.add(method, pathPattern, { status: spec.delayMs || spec.hang ? spec.status : (spec.status ?? 500), ...spec });
    return this;
  }
  clearFaults(): void {
    this.faults.clear();
  }
  /** Make every issued tenant token invalid (the next API call gets 99991663). */
  invalidateTokens(): void {
    this.ctx.tokens.clear();
  }

  // ---- events ----
  envelopeOpts() {
    return { appId: this.appId, token: this.opts.verificationToken ?? "", createTimeMs: this.ctx.clock.now().getTime() };
  }

  /** Deliver an envelope to the bot over the current target; resolves with the bot's answer. */
  async deliver(envelope: unknown, opts: { chunks?: number } = {}): Promise<Delivery> {
    const started = performance.now();
    let d: Delivery;
    if (this.target === "ws") {
      const ack = await this.ws.push(envelope, opts);
      d = { status: ack.code, body: ack.data ?? {}, durationMs: performance.now() - started };
    } else {
      d = await postWebhook(this.target.webhook, envelope, { encryptKey: this.opts.encryptKey, ...this.target.options });
    }
    const type = (envelope as Envelope).header?.event_type;
    if (type === "card.action.trigger") {
      for (const rule of this.ctx.rules) {
        const v = rule.callbackAnswer?.({ durationMs: d.durationMs, body: d.body, state: this.state });
        if (v) return { ...d, body: { sim_error: v.error } };
      }
    }
    return d;
  }

  /** A person types `text` to the bot (one-to-one unless `chatId` names a group, where the bot is @-mentioned). */
  async userSays(openId: string, text: string, o: { chatId?: string; eventId?: string; chunks?: number } = {}): Promise<Delivery & { event: Envelope }> {
    const user = this.state.users.get(openId) ?? this.state.addUser({ openId, name: openId });
    const chat = o.chatId ? this.state.chats.get(o.chatId) : this.state.p2pChatOf(openId);
    if (!chat) throw new Error(`sim: no chat ${o.chatId}`);
    const group = chat.type === "group";
    const messageId = simId("om_");
    const now = this.ctx.clock.now().getTime();
    this.state.messages.set(messageId, { messageId, chatId: chat.chatId, sender: openId, msgType: "text", content: JSON.stringify({ text }), text, createTime: now, updateTime: now, urgent: [], updates: 0 });
    const event = messageEvent({
      ...this.envelopeOpts(),
      eventId: o.eventId,
      sender: { openId: user.openId, unionId: user.unionId, userId: user.userId },
      chatId: chat.chatId,
      chatType: group ? "group" : "p2p",
      text: group ? `@_user_1 ${text}` : text,
      messageId,
      mentions: group ? [{ key: "@_user_1", openId: this.botOpenId, name: this.ctx.botName }] : [],
    });
    return { ...(await this.deliver(event, { chunks: o.chunks })), event };
  }

  /** A person clicks a card button (or submits its form); a returned raw card replaces the stored one. */
  async clickCard(openId: string, messageId: string, value: Record<string, unknown>, formValue?: Record<string, unknown>): Promise<Delivery & { answer: CardAnswer }> {
    const m = this.state.messages.get(messageId);
    if (!m) throw new Error(`sim: no message ${messageId}`);
    const user = this.state.users.get(openId) ?? this.state.addUser({ openId, name: openId });
    const cardToken = `c-${simId("")}`;
    this.state.cardTokens.set(cardToken, { messageId, uses: 0, at: Date.now() });
    const event = cardActionEvent({ ...this.envelopeOpts(), operator: { openId: user.openId, unionId: user.unionId, userId: user.userId }, messageId, chatId: m.chatId, value, formValue, cardToken, name: formValue ? "submit" : "button" });
    const d = await this.deliver(event);
    const answer = (d.body && typeof d.body === "object" ? d.body : {}) as CardAnswer;
    if (answer.card?.type === "raw" && answer.card.data) {
      m.card = answer.card.data;
      m.content = JSON.stringify(answer.card.data);
      m.updates += 1;
    }
    return { ...d, answer };
  }

  /** Someone adds the bot to a group. */
  async botAdded(chatId: string, operatorOpenId: string): Promise<Delivery> {
    const chat = this.state.chats.get(chatId);
    if (chat) chat.botIn = true;
    return this.deliver(botAddedEvent({ ...this.envelopeOpts(), chatId, operator: { openId: operatorOpenId } }));
  }

  /** Poll until `pred` gives a value (state changes come from the bot's own HTTP calls). */
  async waitFor<T>(pred: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = pred();
      if (v) return v;
      if (Date.now() > end) throw new Error("sim: waitFor timed out");
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export function createSimulator(opts: SimOptions & { ws?: WsOptions } = {}): Simulator {
  return new Simulator(opts);
}
