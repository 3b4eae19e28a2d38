import type { Actor, BotDeps, BotModule, CardActionHandler, CardActionResult, Command, CommandContext, Membership } from "./bot.js";
import { botAddedSchema, botMenuSchema, cardActionSchema, messageReceiveSchema, type EventEnvelope } from "./events.js";
import { isUserError, userMessageOf } from "./errors.js";
import { appendAudit } from "./audit.js";
import { helpCard, rolesOf, UNKNOWN_PERSON_HELP } from "./help.js";
import type { Inbox } from "./inbox.js";

export interface ProcessorOptions {
  deps: BotDeps;
  modules: BotModule[];
  inbox: Inbox;
  /** The bot's open id, to tell whether a group message @-mentions it. */
  botOpenId?: () => Promise<string | null>;
  /** The part of Lark's 3-second card budget the handler may use before we answer anyway. */
  cardBudgetMs?: number;
}

export const TOAST_UNKNOWN_ACTION = "这个按钮已失效或暂不支持，请刷新卡片后重试。";
export const TOAST_UNKNOWN_PERSON = "未找到您的身份信息，暂时无法操作。请联系本单位安全工作负责人将您加入专项行动名单。";
export const TOAST_SLOW = "已收到，正在处理，稍后会更新卡片。";
const HELP_WORDS = new Set(["帮助", "help", "?", "？", "菜单"]);

/** How long a person found in a plan is taken as still in it without asking the database again. */
const MEMBERSHIP_TTL_MS = 5_000;

type LarkAnswer = { toast?: { type: string; content: string }; card?: { type: "raw"; data: unknown } };

/**
 * One entry for both transports: the inbox first (a repeat is acknowledged and dropped),
 * then routing by event type. Messages are acknowledged at once and handled in the
 * background; card clicks are answered within the budget.
 */
export class EventProcessor {
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly commands: Command[];
  private readonly actions = new Map<string, CardActionHandler>();
  private accepting = true;
  private readonly known = new Map<string, { until: number; rows: Membership[] }>();

  constructor(private readonly o: ProcessorOptions) {
    this.commands = o.modules.flatMap((m) => m.commands ?? []);
    for (const m of o.modules) for (const [k, h] of Object.entries(m.actions ?? {})) this.actions.set(k, h);
  }

  private get log() {
    return this.o.deps.log;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** The transports' entry. Returns the answer body (`{}` when there is nothing to say). */
  ingest = async (env: EventEnvelope): Promise<unknown> => {
    if (!this.accepting) throw new Error("stopping");
    const fresh = await this.o.inbox.record(env);
    if (!fresh) {
      this.log.debug({ eventId: env.header.event_id }, "重复事件，已忽略");
      return {};
    }
    if (env.header.event_type === "card.action.trigger") return this.answerCard(env);
    // Start the work only after the acknowledgement was written: the first run of a query
    // compiles it on this thread, which must not delay the answer Lark is waiting for.
    void this.track(new Promise<void>((r) => setImmediate(r)).then(() => this.runRecorded(env)));
    return {};
  };

  /** Process a recorded event and settle its inbox row. */
  private async runRecorded(env: EventEnvelope): Promise<void> {
    try {
      await this.processEvent(env);
      await this.o.inbox.done(env.header.event_id);
    } catch (e) {
      this.log.error({ err: e, eventId: env.header.event_id }, "事件处理失败，将重试");
      await this.o.inbox.failed(env.header.event_id, String((e as Error)?.message ?? e)).catch(() => undefined);
    }
  }

  /** Route one event to its handler (no inbox bookkeeping). */
  async processEvent(env: EventEnvelope): Promise<unknown> {
    switch (env.header.event_type) {
      case "im.message.receive_v1":
        return this.onMessage(env);
      case "card.action.trigger":
        return this.onCard(env);
      case "im.chat.member.bot.added_v1":
        return this.onBotAdded(env);
      case "application.bot.menu_v6":
        return this.onMenu(env);
      default:
        this.log.debug({ type: env.header.event_type }, "未处理的事件类型");
        return undefined;
    }
  }

  /** Events acknowledged but never finished (a crash, a lost instance): process them now. */
  async recover(): Promise<number> {
    let n = 0;
    for (;;) {
      const batch = await this.o.inbox.recoverable(50);
      if (batch.length === 0) return n;
      for (const env of batch) {
        n += 1;
        // A card click's answer is long gone; its side effects still matter.
        await this.track(this.runRecorded(env));
      }
    }
  }

  /** Stop taking new events and wait for the ones in hand. */
  async drain(): Promise<void> {
    this.accepting = false;
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
    await this.o.inbox.flush();
  }

  // ---- messages ----
  private async onMessage(env: EventEnvelope): Promise<void> {
    const p = messageReceiveSchema.safeParse(env.event);
    if (!p.success) return;
    const { sender, message } = p.data;
    const openId = sender.sender_id?.open_id;
    if (!openId || sender.sender_type === "app") return;
    const group = message.chat_type !== "p2p";
    if (group) {
      const bot = (await this.o.botOpenId?.()) ?? null;
      const mentioned = message.mentions.some((m) => (bot ? m.id?.open_id === bot : true));
      if (!mentioned) return;
    }
    const deps = this.o.deps;
    let n = 0;
    const key = () => `reply:${env.header.event_id}:${n++}`;
    const reply = async (text: string) => void (await deps.chat.reply(message.message_id, { text }, { key: key() }));
    if (message.message_type !== "text") {
      if (!group) await reply("目前我只能看懂文字消息。发送「帮助」查看我能为您做什么。");
      return;
    }
    let text = "";
    try {
      text = String((JSON.parse(message.content) as { text?: unknown }).text ?? "");
    } catch {
      return;
    }
    text = text.replace(/@_user_\d+|@_all/g, " ").replace(/\s+/g, " ").trim();
    const actor: Actor = { openId, unionId: sender.sender_id?.union_id, userId: sender.sender_id?.user_id ?? undefined };
    const word = text.split(" ")[0]?.toLowerCase() ?? "";
    if (!text || HELP_WORDS.has(word)) {
      const roles = await rolesOf(deps.db, openId);
      if (roles.length === 0) await reply(UNKNOWN_PERSON_HELP);
      else await deps.chat.reply(message.message_id, { card: helpCard(roles, this.o.modules) }, { key: key() });
      return;
    }
    const cmd = this.matchCommand(text);
    if (!cmd) {
      // Text messages interpret <at user_id="all">: echo the words with inert full-width brackets.
      await reply(`抱歉，我没有听懂「${Array.from(text).slice(0, 20).join("").replace(/</g, "＜").replace(/>/g, "＞")}」。发送「帮助」查看我能为您做什么。`);
      return;
    }
    const ctx: CommandContext = {
      ...deps,
      actor,
      chatId: message.chat_id,
      chatType: group ? "group" : "p2p",
      messageId: message.message_id,
      text,
      args: text.slice(cmd.word.length).trim(),
      mentions: message.mentions.map((m) => ({ key: m.key, openId: m.id?.open_id, name: m.name })),
      eventId: env.header.event_id,
      reply,
      replyCard: async (card) => void (await deps.chat.reply(message.message_id, { card }, { key: key() })),
    };
    try {
      await cmd.command.run(ctx);
    } catch (e) {
      if (!isUserError(e)) this.log.error({ err: e, command: cmd.command.name }, "命令处理出错");
      await reply(userMessageOf(e));
    }
  }

  private matchCommand(text: string): { command: Command; word: string } | null {
    const lower = text.toLowerCase();
    let best: { command: Command; word: string } | null = null;
    for (const c of this.commands) {
      for (const w of [c.name, ...(c.aliases ?? [])]) {
        const lw = w.toLowerCase();
        // Chinese is typed without spaces ("上报事件"): a prefix match, longest wins.
        const hit = lower === lw || lower.startsWith(`${lw} `) || (/[^\x00-\x7f]$/.test(lw) && lower.startsWith(lw));
        if (hit && (!best || w.length > best.word.length)) best = { command: c, word: w };
      }
    }
    return best;
  }

  /**
   * The plan members behind an open id, read on every click. A person found is remembered for
   * a few seconds (people click several buttons in a row; a removal takes effect after at most
   * MEMBERSHIP_TTL_MS); nobody-found is never remembered, so a person just added gets in at once.
   * Raw SQL: a model-API query's per-call compilation would cost more than the read itself.
   */
  private async membershipsOf(openId: string): Promise<Membership[]> {
    const now = Date.now();
    const hit = this.known.get(openId);
    if (hit && hit.until > now) return hit.rows;
    const rows = await this.o.deps.db.prisma.$queryRaw<Membership[]>`SELECT "campaignId", "key" FROM "Member" WHERE "openId" = ${openId}`;
    if (this.known.size >= 10_000) this.known.clear();
    if (rows.length) this.known.set(openId, { until: now + MEMBERSHIP_TTL_MS, rows });
    else this.known.delete(openId);
    return rows;
  }

  // ---- card actions ----
  private async answerCard(env: EventEnvelope): Promise<LarkAnswer> {
    const budget = this.o.cardBudgetMs ?? 2_500;
    const work = this.track(
      this.onCard(env).then(
        (r) => {
          this.o.inbox.doneSoon(env.header.event_id);
          return r;
        },
        (e: unknown) => {
          this.o.inbox.doneSoon(env.header.event_id);
          throw e;
        },
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), budget)));
    const first = await Promise.race([work.then((r) => ({ r }), (e: unknown) => ({ e })), late]);
    clearTimeout(timer);
    if (first === "late") {
      // Answer now; a card computed later replaces the clicked one through the outbox.
      void work.then(
        (r) => this.patchLate(env, r),
        () => undefined,
      );
      return { toast: { type: "info", content: TOAST_SLOW } };
    }
    return "e" in first ? { toast: { type: "error", content: userMessageOf(first.e) } } : first.r;
  }

  private async patchLate(env: EventEnvelope, r: LarkAnswer): Promise<void> {
    const messageId = (env.event as { context?: { open_message_id?: string } }).context?.open_message_id;
    if (r.card && messageId) await this.o.deps.chat.updateCard({ messageId }, r.card.data as Record<string, unknown>, { key: `late:${env.header.event_id}` });
  }

  /** Runs the card handler; never throws for a handler error (it becomes an error toast). */
  private async onCard(env: EventEnvelope): Promise<LarkAnswer> {
    const p = cardActionSchema.safeParse(env.event);
    if (!p.success) return { toast: { type: "error", content: "无法识别这次卡片操作，请刷新后重试。" } };
    const ev = p.data;
    const name = typeof ev.action.value.action === "string" ? ev.action.value.action : "";
    const handler = this.actions.get(name);
    if (!handler) return { toast: { type: "warning", content: TOAST_UNKNOWN_ACTION } };
    const openId = ev.operator.open_id;
    const deps = this.o.deps;
    const memberships = openId ? await this.membershipsOf(openId) : [];
    if (!openId || memberships.length === 0) {
      // A click from outside every plan (a forwarded card) is an access attempt: audited like a refused case action.
      await appendAudit(deps.db, { actor: (openId || "unknown").slice(0, 100), action: "card.denied", entityType: "CardAction", entityId: name.slice(0, 64), campaignId: null, before: null, after: { reason: "not_in_plan" }, at: deps.clock.now() }).catch((e: unknown) => this.log.warn({ err: e }, "拒绝记录写入审计日志失败"));
      return { toast: { type: "warning", content: TOAST_UNKNOWN_PERSON } };
    }
    const deferred: (() => Promise<void>)[] = [];
    let result: CardActionResult | void;
    try {
      result = await handler({
        ...deps,
        actor: { openId, unionId: ev.operator.union_id, userId: ev.operator.user_id ?? undefined, memberships },
        messageId: ev.context?.open_message_id ?? ev.open_message_id,
        chatId: ev.context?.open_chat_id ?? ev.open_chat_id,
        action: {
          value: ev.action.value,
          tag: ev.action.tag,
          name: ev.action.name,
          formValue: ev.action.form_value ?? undefined,
          option: ev.action.option ?? undefined,
          options: ev.action.options ?? undefined,
          inputValue: ev.action.input_value ?? undefined,
          checked: ev.action.checked ?? undefined,
          timezone: ev.action.timezone ?? undefined,
        },
        eventId: env.header.event_id,
        defer: (w) => void deferred.push(w),
      });
    } catch (e) {
      if (!isUserError(e)) this.log.error({ err: e, action: name }, "卡片操作处理出错");
      return { toast: { type: "error", content: userMessageOf(e) } };
    }
    for (const w of deferred) void this.track(w().catch((e) => this.log.error({ err: e, action: name }, "卡片后续处理出错")));
    const out: LarkAnswer = {};
    if (result?.toast) out.toast = result.toast;
    if (result?.card) out.card = { type: "raw", data: result.card };
    return out;
  }

  // ---- the bot's custom menu ----
  /** A menu item runs the command its `event_key` names, answering in the person's chat with the bot. */
  private async onMenu(env: EventEnvelope): Promise<void> {
    const p = botMenuSchema.safeParse(env.event);
    const openId = p.success ? p.data.operator.operator_id.open_id : undefined;
    if (!p.success || !openId) return;
    const deps = this.o.deps;
    let n = 0;
    const key = () => `menu:${env.header.event_id}:${n++}`;
    const send = async (body: { text: string } | { card: Record<string, unknown> }) => void (await deps.chat.send({ user: openId }, body, { key: key() }));
    const eventKey = p.data.event_key.trim();
    if (HELP_WORDS.has(eventKey.toLowerCase())) {
      const roles = await rolesOf(deps.db, openId);
      await send(roles.length ? { card: helpCard(roles, this.o.modules) } : { text: UNKNOWN_PERSON_HELP });
      return;
    }
    const cmd = this.matchCommand(eventKey);
    if (!cmd) {
      this.log.warn({ eventKey }, "菜单项没有对应的命令");
      await send({ text: "这个菜单项暂时不可用，请联系管理员检查机器人菜单的设置。发送「帮助」查看我能为您做什么。" });
      return;
    }
    const ctx: CommandContext = {
      ...deps,
      actor: { openId, unionId: p.data.operator.operator_id.union_id, userId: p.data.operator.operator_id.user_id ?? undefined },
      // There is no message to reply to: answers go to the person's chat with the bot.
      chatId: "",
      chatType: "p2p",
      messageId: "",
      text: eventKey,
      args: eventKey.slice(cmd.word.length).trim(),
      mentions: [],
      eventId: env.header.event_id,
      reply: (text) => send({ text }),
      replyCard: (card) => send({ card }),
    };
    try {
      await cmd.command.run(ctx);
    } catch (e) {
      if (!isUserError(e)) this.log.error({ err: e, command: cmd.command.name }, "菜单命令处理出错");
      await send({ text: userMessageOf(e) });
    }
  }

  // ---- the bot joins a group ----
  private async onBotAdded(env: EventEnvelope): Promise<void> {
    const p = botAddedSchema.safeParse(env.event);
    if (!p.success) return;
    const deps = this.o.deps;
    const chatId = p.data.chat_id;
    // The event's `name` may be the bot's own name: ask Lark for the group's.
    const info = await deps.chat.getChatInfo(chatId).catch((e: unknown) => {
      this.log.warn({ err: e, chatId }, "无法获取群信息");
      return null;
    });
    const name = info?.name || null;
    await deps.db.prisma.chatBinding.upsert({ where: { chatId }, create: { chatId, name }, update: name ? { name } : {} });
    for (const m of this.o.modules) {
      if (!m.onChatAdded) continue;
      try {
        await m.onChatAdded({ ...deps, chatId, name, operator: p.data.operator_id?.open_id ? { openId: p.data.operator_id.open_id } : undefined });
      } catch (e) {
        this.log.error({ err: e, module: m.name }, "入群处理出错");
      }
    }
  }
}
