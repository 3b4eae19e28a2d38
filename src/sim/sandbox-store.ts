import { z } from "zod";
import type { Database } from "../core/db/client.js";
import type { SimState } from "./state.js";

/**
 * Saves the sandbox simulator's world to the database and restores it at start, so a restart
 * of `npm start` continues the same conversations and the same simulated time. The snapshot is
 * a boundary (a file someone may have edited, a newer version's format): it is parsed with zod,
 * and an unreadable snapshot is ignored rather than stopping the bot.
 */
const SNAPSHOT_ID = "sandbox";

const userSchema = z.object({
  openId: z.string(),
  unionId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string().optional(),
  mobile: z.string().optional(),
  resigned: z.boolean().optional(),
});
const chatSchema = z.object({
  chatId: z.string(),
  type: z.enum(["p2p", "group"]),
  name: z.string(),
  ownerId: z.string().optional(),
  members: z.array(z.string()),
  botIn: z.boolean(),
  createdBy: z.enum(["bot", "sim"]).optional(),
  uuid: z.string().optional(),
});
const messageSchema = z.object({
  messageId: z.string(),
  chatId: z.string(),
  sender: z.string(),
  msgType: z.string(),
  content: z.string(),
  card: z.record(z.string(), z.unknown()).optional(),
  text: z.string().optional(),
  parentId: z.string().optional(),
  rootId: z.string().optional(),
  uuid: z.string().optional(),
  createTime: z.number(),
  updateTime: z.number(),
  batchId: z.string().optional(),
  urgent: z.array(z.object({ kind: z.string(), userIds: z.array(z.string()) })),
  updates: z.number(),
});
export const snapshotSchema = z.object({
  v: z.literal(1),
  clockOffsetMs: z.number(),
  users: z.array(userSchema),
  chats: z.array(chatSchema),
  messages: z.array(messageSchema),
});
export type SimSnapshotData = z.infer<typeof snapshotSchema>;

export function snapshotOf(state: SimState, clockOffsetMs: number): SimSnapshotData {
  return {
    v: 1,
    clockOffsetMs,
    users: [...state.users.values()],
    chats: [...state.chats.values()],
    messages: [...state.messages.values()],
  };
}

export function restoreInto(state: SimState, snap: SimSnapshotData): void {
  for (const u of snap.users) state.users.set(u.openId, u);
  for (const c of snap.chats) state.chats.set(c.chatId, c);
  for (const m of snap.messages) {
    state.messages.set(m.messageId, m);
    if (m.uuid) state.uuids.set(m.uuid, { messageId: m.messageId, at: m.createTime });
  }
}

/** A cheap change detector: anything the console shows moves one of these numbers. */
export function fingerprint(state: SimState): string {
  let updates = 0;
  let urgent = 0;
  for (const m of state.messages.values()) {
    updates += m.updates;
    urgent += m.urgent.length;
  }
  let members = 0;
  for (const c of state.chats.values()) members += c.members.length + (c.botIn ? 1 : 0);
  return `${state.users.size}/${state.chats.size}/${members}/${state.messages.size}/${updates}/${urgent}`;
}

export async function loadSnapshot(db: Database): Promise<SimSnapshotData | null> {
  const row = await db.prisma.simSnapshot.findUnique({ where: { id: SNAPSHOT_ID } });
  if (!row) return null;
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(row.json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveSnapshot(db: Database, snap: SimSnapshotData): Promise<void> {
  const json = JSON.stringify(snap);
  await db.prisma.simSnapshot.upsert({ where: { id: SNAPSHOT_ID }, create: { id: SNAPSHOT_ID, json }, update: { json } });
}
