/**
 * What a reminder card shows, read for a click: the digest's rows (with the campaign's title and
 * version) and the acknowledgements and completions that can change them. Both reads are shared
 * by the clicks that arrive together (`Batcher`): one statement for a burst of clicks instead of
 * two per click — the click path's cost is per statement (bench section 1).
 */
import { Prisma, type Db } from "../../core/db/client.js";
import { batcherOf, type Batcher } from "../../core/db/batcher.js";

/** One Reminder row of a digest as the card needs it. */
export interface DigestRow {
  id: string;
  campaignId: string;
  itemKey: string;
  periodKey: string;
  recipient: string;
  kind: string;
  scheduledAt: Date;
  late: boolean;
  messageKey: string | null;
  detail: string | null;
}

export interface Digest {
  rows: DigestRow[];
  campaignTitle: string;
  /** the campaign row's updatedAt: the version its cached plan is keyed by */
  campaignVersion: Date;
}

export interface Ack {
  itemKey: string;
  periodKey: string;
  memberKey: string;
  kind: string;
  at: Date;
  until: Date | null;
}

export interface Completion {
  itemKey: string;
  periodKey: string;
  subject: string;
}

export interface MarksQuery {
  campaignId: string;
  itemKeys: string[];
  /** recipients whose acknowledgements count */
  members: string[];
  /** subjects whose completions count ("*", the recipients, the items' owing units) */
  subjects: string[];
}

export type Client = Db | Prisma.TransactionClient;

const digestReaders = new WeakMap<Client, Batcher<string, Digest | null>>();
const markReaders = new WeakMap<Client, Batcher<MarksQuery, { acks: Ack[]; completions: Completion[] }>>();

/** Every row of the digest the reminder belongs to (in the order it was sent), or null. */
export function digestOfReminder(db: Client, reminderId: string): Promise<Digest | null> {
  return batcherOf(digestReaders, db, readDigests).add(reminderId);
}

/** The acknowledgements and completions that can change a card, as they stand now. */
export function marksOf(db: Client, q: MarksQuery): Promise<{ acks: Ack[]; completions: Completion[] }> {
  return batcherOf(markReaders, db, readMarks).add(q);
}

async function readDigests(db: Client, ids: string[]): Promise<(Digest | null)[]> {
  const rows = await db.$queryRaw<(DigestRow & { clickedId: string; campaignTitle: string; campaignVersion: Date })[]>`
    SELECT x."id" AS "clickedId", r."id", r."campaignId", r."itemKey", r."periodKey", r."recipient", r."kind", r."scheduledAt", r."late", r."messageKey", r."detail",
           c."title" AS "campaignTitle", c."updatedAt" AS "campaignVersion"
    FROM "Reminder" x
    JOIN "Reminder" r ON r."messageKey" = x."messageKey"
    JOIN "Campaign" c ON c."id" = r."campaignId"
    WHERE x."id" IN (${Prisma.join([...new Set(ids)])})
    ORDER BY r."createdAt" ASC`;
  const byClick = new Map<string, Digest>();
  for (const { clickedId, campaignTitle, campaignVersion, ...r } of rows) {
    const d = byClick.get(clickedId) ?? { rows: [], campaignTitle, campaignVersion };
    d.rows.push({ ...r, late: Boolean(r.late) });
    byClick.set(clickedId, d);
  }
  return ids.map((id) => byClick.get(id) ?? null);
}

async function readMarks(db: Client, qs: MarksQuery[]): Promise<{ acks: Ack[]; completions: Completion[] }[]> {
  const all = (f: (q: MarksQuery) => string[]) => Prisma.join([...new Set(qs.flatMap(f))]);
  // The union of the burst's filters, then each click keeps its own: a superset of a few rows,
  // never a whole item's marks (a province's item has an ack per person, a completion per school).
  const marks = await db.$queryRaw<{ src: string; campaignId: string; itemKey: string; periodKey: string; who: string; kind: string; at: Date; until: Date | null }[]>`
    SELECT 'ack' AS "src", "campaignId", "itemKey", "periodKey", "memberKey" AS "who", "kind", "at", "until" FROM "ReminderAck"
      WHERE "campaignId" IN (${all((q) => [q.campaignId])}) AND "itemKey" IN (${all((q) => q.itemKeys)}) AND "memberKey" IN (${all((q) => q.members)})
    UNION ALL
    SELECT 'done' AS "src", "campaignId", "itemKey", "periodKey", "subject" AS "who", 'done' AS "kind", "at", "at" AS "until" FROM "ItemCompletion"
      WHERE "campaignId" IN (${all((q) => [q.campaignId])}) AND "itemKey" IN (${all((q) => q.itemKeys)}) AND "subject" IN (${all((q) => q.subjects)})`;
  return qs.map((q) => {
    const mine = marks.filter((m) => m.campaignId === q.campaignId && q.itemKeys.includes(m.itemKey));
    return {
      acks: mine.filter((m) => m.src === "ack" && q.members.includes(m.who)).map((m) => ({ itemKey: m.itemKey, periodKey: m.periodKey, memberKey: m.who, kind: m.kind, at: m.at, until: m.until })),
      completions: mine.filter((m) => m.src === "done" && q.subjects.includes(m.who)).map((m) => ({ itemKey: m.itemKey, periodKey: m.periodKey, subject: m.who })),
    };
  });
}
