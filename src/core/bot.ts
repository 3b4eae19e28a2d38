/**
 * The contract between the platform layer and the domains: how a domain registers the
 * commands people type and the card actions people click. The router (`src/core/router.ts`)
 * matches inbound events against the registered modules; domains only implement these shapes.
 *
 * Registration:
 *   export const incidentsModule: BotModule = {
 *     name: "incidents",
 *     commands: [{ name: "上报", aliases: ["report"], summary: "上报欺凌事件", roles: ["teacher"], run: async (ctx) => … }],
 *     actions: { incident_submit: async (ctx) => ({ toast: { type: "success", content: "已提交" }, card: receipt }) },
 *   };
 * and list it in the modules passed to `startBot` (src/domains/index.ts).
 *
 * Card buttons carry `behaviors: [{ type: "callback", value: { action: "incident_submit", … } }]`;
 * the router dispatches on `value.action`.
 */
import type { Clock } from "./clock.js";
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";
import type { CardJson, ChatPort } from "./chat-port.js";

/** The person behind an event. */
export interface Actor {
  openId: string;
  unionId?: string;
  userId?: string;
  /**
   * Card actions only: the plan members this open id is (every campaign), as the router read
   * them to let the click in — handlers use them instead of asking the database again.
   */
  memberships?: readonly Membership[];
}

/** One Member row of a person: which campaign, which member key. */
export interface Membership {
  campaignId: string;
  key: string;
}

/** What every handler gets. */
export interface BotDeps {
  db: Database;
  chat: ChatPort;
  clock: Clock;
  log: Logger;
}

export interface Mention {
  key: string; // "@_user_1"
  openId?: string;
  name?: string;
}

export interface CommandContext extends BotDeps {
  actor: Actor;
  chatId: string;
  chatType: "p2p" | "group";
  messageId: string;
  /** The whole message text with @mention placeholders removed and whitespace trimmed. */
  text: string;
  /** The text after the command word, trimmed. */
  args: string;
  mentions: Mention[];
  eventId: string;
  /** Reply to the message in Chinese (queued through the outbox, keyed by the event). */
  reply(text: string): Promise<void>;
  /** Reply with a card (queued through the outbox, keyed by the event). */
  replyCard(card: CardJson): Promise<void>;
}

export interface Command {
  /** The word a person types, e.g. "上报". Matched at the start of the text, case-insensitive. */
  name: string;
  aliases?: string[];
  /** One line in Chinese for the help answer. */
  summary: string;
  /**
   * Member roles (e.g. "teacher", "principal", "safetyOffice") this command is offered to in
   * `帮助`. Absent: offered to everyone known to an active campaign.
   */
  roles?: string[];
  run(ctx: CommandContext): Promise<void>;
}

export interface CardAction {
  /** The clicked card's `value`, including `action`. Values may be strings (Lark is lenient). */
  value: Record<string, unknown>;
  tag?: string;
  name?: string;
  /** Present when a form's submit button was clicked: `{ <component name>: value }`. */
  formValue?: Record<string, unknown>;
  option?: string;
  options?: string[];
  inputValue?: string;
  checked?: boolean;
  timezone?: string;
}

export interface CardActionContext extends BotDeps {
  actor: Actor;
  /** The message that carries the card (patch target). */
  messageId?: string;
  chatId?: string;
  action: CardAction;
  eventId: string;
  /**
   * Run slow work (creating chats, notifying many people) after the answer was returned, so
   * the 3-second callback budget is kept. Errors are logged, not shown.
   */
  defer(work: () => Promise<void>): void;
}

export type ToastType = "info" | "success" | "error" | "warning";

/** The immediate answer to a card click: a toast and/or the card that replaces the clicked one. */
export interface CardActionResult {
  toast?: { type: ToastType; content: string };
  card?: CardJson;
}

export type CardActionHandler = (ctx: CardActionContext) => Promise<CardActionResult | void>;

export interface ChatAddedContext extends BotDeps {
  chatId: string;
  /** Group name from chat info (the event's own `name` is unreliable). */
  name: string | null;
  operator?: Actor;
}

export interface HelpButton {
  text: string;
  value: { action: string; [k: string]: unknown };
  primary?: boolean;
}

/** A role a person holds in an active campaign, used for `帮助`. */
export interface PersonRole {
  campaignId: string;
  campaignTitle: string;
  role: string;
  unitName?: string | null;
}

export interface BotModule {
  name: string;
  commands?: Command[];
  /** Keyed by the card value's `action`. */
  actions?: Record<string, CardActionHandler>;
  /** The bot was added to a group (after the group was recorded in ChatBinding). */
  onChatAdded?(ctx: ChatAddedContext): Promise<void>;
  /** Extra help lines for a person with these roles (beyond the commands' summaries). */
  help?(roles: PersonRole[]): string[];
  /** Buttons for the help card (e.g. 上报欺凌事件), routed like any card action by `value.action`. */
  helpButtons?(roles: PersonRole[]): HelpButton[];
}
