import { createHash } from "node:crypto";
import type { Database, Db } from "./db/client.js";
import type { DbProvider } from "./db/url.js";

/**
 * The audit log: every view of and change to a case (and other sensitive records) is one row.
 * Rows are hash-chained — each hash covers the row's content and the previous row's hash — so
 * a changed, inserted or deleted row breaks the chain and `audit verify` finds it.
 */
export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  campaignId?: string | null;
  before?: unknown;
  after?: unknown;
  at: Date;
}

export const GENESIS_HASH = "0".repeat(64);

const stringify = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === "string" ? v : JSON.stringify(v));

export function auditHash(prevHash: string, row: { at: Date; actor: string; action: string; entityType: string; entityId: string; campaignId: string | null; before: string | null; after: string | null }): string {
  // A fixed field order and ISO time keep the hash identical on SQLite and PostgreSQL.
  const canonical = JSON.stringify([prevHash, row.at.toISOString(), row.actor, row.action, row.entityType, row.entityId, row.campaignId, row.before, row.after]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** A transaction client (from `prisma.$transaction(async (tx) => …)`) or the client itself. */
export type AuditTx = Pick<Db, "auditLog" | "$executeRawUnsafe">;

// Any fixed number: every writer of the chain takes the same transaction-scoped lock.
const AUDIT_LOCK_KEY = 72_410_002;

/**
 * Appends one entry inside the caller's transaction, so the audit row and the change it
 * records commit together. On PostgreSQL a transaction-scoped advisory lock serialises
 * appenders across instances (SQLite has one writer at a time already); the unique
 * `prevHash` is the second guard: a forked chain cannot be stored.
 */
export async function appendAuditTx(tx: AuditTx, provider: DbProvider, e: AuditEntry): Promise<{ seq: number; hash: string }> {
  if (provider === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const row = {
    at: new Date(Math.floor(e.at.getTime())),
    actor: e.actor,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    campaignId: e.campaignId ?? null,
    before: stringify(e.before),
    after: stringify(e.after),
  };
  const tail = await tx.auditLog.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = tail?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, row);
  return tx.auditLog.create({ data: { ...row, prevHash, hash }, select: { seq: true, hash: true } });
}

/** Appends one entry in a transaction of its own. */
export async function appendAudit(database: Pick<Database, "prisma" | "provider">, e: AuditEntry): Promise<{ seq: number; hash: string }> {
  return database.prisma.$transaction((tx) => appendAuditTx(tx, database.provider, e));
}

export interface AuditProblem {
  seq: number;
  problem: "changed" | "broken-link" | "missing";
  message: string;
}

/** The newest row: record `seq:hash` outside the database to detect a later truncation. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export const formatAnchor = (a: AuditAnchor) => `${a.seq}:${a.hash}`;

export function parseAnchor(text: string): AuditAnchor | null {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

/**
 * Walks the whole chain in order; returns every row that does not fit. A chain checks itself
 * everywhere but at its end: rows deleted from the end leave a shorter, valid chain. An anchor
 * recorded earlier (`audit verify` prints the current one) closes that gap: the anchored row
 * must still be there with the same hash.
 */
export async function verifyAudit(
  db: Pick<Db, "auditLog">,
  opts: { batch?: number; anchor?: AuditAnchor } = {},
): Promise<{ rows: number; problems: AuditProblem[]; head: AuditAnchor | null }> {
  const batch = opts.batch ?? 1000;
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let rows = 0;
  const problems: AuditProblem[] = [];
  for (;;) {
    const page = await db.auditLog.findMany({ where: { seq: { gt: prevSeq } }, orderBy: { seq: "asc" }, take: batch });
    if (page.length === 0) break;
    for (const r of page) {
      rows++;
      if (r.prevHash !== prevHash) {
        problems.push({ seq: r.seq, problem: rows === 1 && prevSeq === 0 ? "missing" : "broken-link", message: `第 ${r.seq} 条的前序哈希与上一条不符：其前有记录被删除或改动` });
      }
      const expect = auditHash(r.prevHash, r);
      if (expect !== r.hash) problems.push({ seq: r.seq, problem: "changed", message: `第 ${r.seq} 条的内容与其哈希不符：该记录被改动` });
      prevHash = r.hash;
      prevSeq = r.seq;
    }
  }
  const a = opts.anchor;
  if (a) {
    const row = await db.auditLog.findUnique({ where: { seq: a.seq }, select: { hash: true } });
    if (!row) problems.push({ seq: a.seq, problem: "missing", message: `锚点第 ${a.seq} 条已不存在：其后的记录（至少该条）被删除` });
    else if (row.hash !== a.hash) problems.push({ seq: a.seq, problem: "changed", message: `锚点第 ${a.seq} 条的哈希与记录的锚点不符：审计日志被改写` });
  }
  return { rows, problems, head: rows ? { seq: prevSeq, hash: prevHash } : null };
}
