import type { CallbackOutcome } from "../rules/callback.js";

/**
 * What the web console needs from the simulator. The console renders and forwards; the
 * simulator owns the state, the delivery to the bot and the platform's rules. Kept as a port so
 * the console can be tested with a plain object and the simulator can change underneath it.
 */
export interface ConsolePerson {
  openId: string;
  name: string;
  /** The person's role in the demo plan, in Chinese (教师, 校长, …). */
  roleLabel: string;
}

export interface ConsoleChat {
  chatId: string;
  name: string;
  type: "p2p" | "group";
}

export interface ConsoleMessage {
  messageId: string;
  chatId: string;
  sender: { kind: "bot" | "user"; id: string; name: string };
  msgType: string;
  /** The parsed `content` (for a card: the card JSON as last updated). */
  content: unknown;
  createdAt: string;
  /** Changes whenever the message is patched or replaced by a callback answer. */
  version: number;
  /** Set when a person was buzzed (加急) about this message. */
  urgent?: string[];
}

export interface ConsoleRequest {
  /** Unique and stable, so the page can add only what it has not shown yet. */
  key: string;
  at: string;
  direction: "bot→平台" | "平台→bot";
  method: string;
  path: string;
  status?: number;
  body?: unknown;
  response?: unknown;
}

export interface CardActionInput {
  tag: string;
  name?: string;
  value?: unknown;
  form_value?: Record<string, unknown>;
  option?: string;
  options?: string[];
  checked?: boolean;
  input_value?: string;
}

export type CardActionResult = CallbackOutcome;

export interface SimConsolePort {
  people(): ConsolePerson[] | Promise<ConsolePerson[]>;
  chatsOf(openId: string): ConsoleChat[] | Promise<ConsoleChat[]>;
  messages(chatId: string): ConsoleMessage[] | Promise<ConsoleMessage[]>;
  /** The person types a text into the chat: an `im.message.receive_v1` to the bot. */
  say(openId: string, chatId: string, text: string): Promise<void>;
  /** The person clicks or submits on a card: a `card.action.trigger` to the bot. */
  act(openId: string, messageId: string, action: CardActionInput): Promise<CardActionResult>;
  now(): Date;
  advanceClock(ms: number): Promise<Date> | Date;
  /** The latest raw requests both ways, oldest first. */
  requests(): ConsoleRequest[] | Promise<ConsoleRequest[]>;
}
