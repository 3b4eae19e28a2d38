import type { Clock } from "../../core/clock.js";
import type { Simulator, SimMessage } from "../index.js";
import { cardActionEvent, messageEvent } from "../events.js";
import { judgeCallbackAnswer, CALLBACK_BUDGET_MS, CALLBACK_ERROR_TEXT, type CallbackOutcome } from "../rules/callback.js";
import type { CardActionInput, ConsoleChat, ConsoleMessage, ConsolePerson, ConsoleRequest, SimConsolePort } from "./port.js";

/**
 * The console's view of a running Simulator. People come from the roster the sandbox loaded
 * (names and roles of the demo plan); everything else is read from the simulator's state.
 */
export interface ConsoleAdapterOptions {
  roster: () => ConsolePerson[];
  /** The clock the bot and the simulator share; moved forward by the clock control. */
  clock: Clock & { advance(ms: number): void };
  /** Called after the clock moved (e.g. to run the bot's scheduler at once). */
  onClockAdvanced?: (now: Date) => Promise<void> | void;
  /** How many raw requests the inspector keeps. */
  inspectorSize?: number;
}

const REDACT_PATHS = ["/open-apis/auth/", "/callback/ws/endpoint"];

function parsed(m: SimMessage): unknown {
  if (m.msgType === "interactive" && m.card) return m.card;
  try {
    return JSON.parse(m.content);
  } catch {
    return { text: m.content };
  }
}

export function simConsolePort(sim: Simulator, o: ConsoleAdapterOptions): SimConsolePort & { inbound: ConsoleRequest[] } {
  const inbound: ConsoleRequest[] = [];
  const keep = o.inspectorSize ?? 200;
  const nameOf = (openId: string) => o.roster().find((p) => p.openId === openId)?.name ?? sim.state.users.get(openId)?.name ?? openId;
  const log = (r: Omit<ConsoleRequest, "key" | "at" | "direction">) => {
    inbound.push({ key: `in${inbound.length + 1}-${Date.now()}`, at: new Date().toISOString(), direction: "平台→bot", ...r });
    if (inbound.length > keep) inbound.splice(0, inbound.length - keep);
  };

  function ensureUser(openId: string) {
    return sim.state.users.get(openId) ?? sim.state.addUser({ openId, name: nameOf(openId) });
  }

  async function act(openId: string, messageId: string, a: CardActionInput): Promise<CallbackOutcome> {
    const m = sim.state.messages.get(messageId);
    if (!m) return { ok: false, reason: "failed", toast: { type: "error", content: "这条消息已不存在" }, detail: `no message ${messageId}`, elapsedMs: 0 };
    const user = ensureUser(openId);
    const cardToken = `c-${messageId.slice(3)}${Date.now().toString(36)}`;
    sim.state.cardTokens.set(cardToken, { messageId, uses: 0, at: Date.now() });
    const env = cardActionEvent({
      ...sim.envelopeOpts(),
      operator: { openId: user.openId, unionId: user.unionId, userId: user.userId },
      messageId,
      chatId: m.chatId,
      value: (a.value && typeof a.value === "object" ? a.value : {}) as Record<string, unknown>,
      formValue: a.form_value,
      name: a.name,
      tag: a.tag,
      cardToken,
    });
    // Standalone pickers, selects, inputs and checkers report their own value [D-cb].
    const action = env.event.action as Record<string, unknown>;
    for (const k of ["option", "options", "checked", "input_value"] as const) if (a[k] !== undefined) action[k] = a[k];
    const started = performance.now();
    // Lark's client gives up at the budget; the console does too, so a hung bot shows the error.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), CALLBACK_BUDGET_MS + 250)));
    let outcome: CallbackOutcome;
    try {
      const delivery = sim.deliver(env);
      // A late answer may still fail after the console gave up; that is already reported.
      delivery.catch(() => {});
      const d = await Promise.race([delivery, late]);
      const elapsed = performance.now() - started;
      if (d === "late") outcome = { ok: false, reason: "timeout", toast: { type: "error", content: CALLBACK_ERROR_TEXT }, detail: `no answer within ${CALLBACK_BUDGET_MS} ms`, elapsedMs: elapsed };
      else if (d.status !== 200) outcome = { ok: false, reason: "failed", toast: { type: "error", content: CALLBACK_ERROR_TEXT }, detail: `bot answered ${d.status}`, elapsedMs: d.durationMs };
      else {
        const body = d.body as { sim_error?: string } | undefined;
        outcome = body && typeof body === "object" && body.sim_error
          ? { ok: false, reason: "invalid", toast: { type: "error", content: CALLBACK_ERROR_TEXT }, detail: body.sim_error, elapsedMs: d.durationMs }
          : judgeCallbackAnswer(d.body, d.durationMs);
      }
      log({ method: "card.action.trigger", path: messageId, status: d === "late" ? undefined : d.status, body: env, response: d === "late" ? "（超时）" : d.body });
    } catch (e) {
      outcome = { ok: false, reason: "failed", toast: { type: "error", content: CALLBACK_ERROR_TEXT }, detail: (e as Error).message, elapsedMs: performance.now() - started };
      log({ method: "card.action.trigger", path: messageId, body: env, response: outcome.detail });
    } finally {
      clearTimeout(timer);
    }
    // A raw card in the answer replaces the shared card for everyone, as on Lark.
    if (outcome.ok && outcome.card) {
      m.card = outcome.card;
      m.content = JSON.stringify(outcome.card);
      m.updates += 1;
      m.updateTime = o.clock.now().getTime();
    }
    return outcome;
  }

  return {
    inbound,
    people: () => o.roster(),
    chatsOf(openId: string): ConsoleChat[] {
      const p2p = sim.state.p2pChatOf(openId);
      const groups = [...sim.state.chats.values()].filter((c) => c.type === "group" && c.members.includes(openId));
      return [{ chatId: p2p.chatId, name: "平安校园助手", type: "p2p" as const }, ...groups.map((g) => ({ chatId: g.chatId, name: g.name, type: "group" as const }))];
    },
    messages(chatId: string): ConsoleMessage[] {
      return sim.state.messagesIn(chatId).map((m) => ({
        messageId: m.messageId,
        chatId: m.chatId,
        sender: m.sender === "bot" ? { kind: "bot" as const, id: sim.botOpenId, name: "平安校园助手" } : { kind: "user" as const, id: m.sender, name: nameOf(m.sender) },
        msgType: m.msgType,
        content: parsed(m),
        createdAt: new Date(m.createTime).toISOString(),
        version: m.updates,
        urgent: m.urgent.flatMap((u) => u.userIds),
      }));
    },
    async say(openId, chatId, text) {
      ensureUser(openId);
      const chat = sim.state.chats.get(chatId);
      const d = await sim.userSays(openId, text, chat?.type === "group" ? { chatId } : {});
      log({ method: "im.message.receive_v1", path: chatId, status: d.status, body: d.event, response: d.body });
    },
    act,
    now: () => o.clock.now(),
    async advanceClock(ms) {
      o.clock.advance(ms);
      const now = o.clock.now();
      await o.onClockAdvanced?.(now);
      return now;
    },
    requests(): ConsoleRequest[] {
      const out: ConsoleRequest[] = sim.state.requests.slice(-keep).map((r) => {
        const secret = REDACT_PATHS.some((p) => r.path.startsWith(p));
        return {
          key: `out${r.at}-${r.method}-${r.path}-${sim.state.requests.indexOf(r)}`,
          at: new Date(r.at).toISOString(),
          direction: "bot→平台",
          method: r.method,
          path: r.path,
          status: r.status,
          // The token and endpoint calls carry the app secret: never shown, even in a sandbox.
          body: secret ? "（含密钥，已隐藏）" : r.body,
        };
      });
      return [...out, ...inbound.slice(-keep)].sort((a, b) => a.at.localeCompare(b.at));
    },
  };
}
