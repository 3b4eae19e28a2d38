import { appendAudit } from "../../core/audit.js";
import { systemClock } from "../../core/clock.js";
import { keyRing, tryDecrypt, encryptWith, type KeyRing } from "../../core/crypto/field-crypto.js";
import type { Database } from "../../core/db/client.js";
import { UserError } from "../../core/errors.js";
import { SENSITIVE_FIELDS } from "../../domains/incidents/service.js";
import type { CliCommand } from "../types.js";

export interface RotateResult {
  keyId: string;
  cases: number;
  /** fields re-encrypted with the current key (older key or plaintext before) */
  rewritten: number;
  /** of those, fields that were still plaintext */
  fromPlaintext: number;
  alreadyCurrent: number;
  /** fields no configured key opens: left untouched, reported by case number */
  unreadable: { caseNo: string; field: string }[];
  dryRun: boolean;
}

/**
 * Re-encrypts every sensitive field of every case with the current key. Runs beside a live bot:
 * a row is rewritten only if its version did not move since it was read (a concurrent change
 * wrote its own fields with the current key already), and such a row is read again.
 */
export async function rotateCaseKeys(db: Database, opts: { ring?: KeyRing; dryRun?: boolean; actor?: string; now?: Date; batch?: number } = {}): Promise<RotateResult> {
  const ring = opts.ring ?? keyRing();
  const res: RotateResult = { keyId: ring.current.id, cases: 0, rewritten: 0, fromPlaintext: 0, alreadyCurrent: 0, unreadable: [], dryRun: !!opts.dryRun };
  const batch = opts.batch ?? 200;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.prisma.incidentCase.findMany({
      where: cursor ? { id: { gt: cursor } } : {},
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, caseNo: true, version: true, summary: true, privateNote: true, measures: true, resultText: true, causeText: true, nextStepsText: true },
    });
    if (!rows.length) break;
    cursor = rows[rows.length - 1]!.id;
    for (let row of rows) {
      res.cases++;
      for (let attempt = 0; attempt < 5; attempt++) {
        const data: Record<string, string> = {};
        let plain = 0;
        for (const f of SENSITIVE_FIELDS) {
          const v = row[f];
          if (v === null || v === "") continue;
          const d = tryDecrypt(f, v, ring);
          if (!d.ok) {
            if (attempt === 0) res.unreadable.push({ caseNo: row.caseNo, field: f });
            continue;
          }
          if (d.keyId === ring.current.id) {
            if (attempt === 0) res.alreadyCurrent++;
            continue;
          }
          if (d.keyId === null) plain++;
          data[f] = encryptWith(ring.current, f, d.text);
        }
        const n = Object.keys(data).length;
        if (n === 0) break;
        if (opts.dryRun) {
          res.rewritten += n;
          res.fromPlaintext += plain;
          break;
        }
        // Not a content change: the version stays, so a clerk's open card is not made stale.
        const u = await db.prisma.incidentCase.updateMany({ where: { id: row.id, version: row.version }, data });
        if (u.count === 1) {
          res.rewritten += n;
          res.fromPlaintext += plain;
          break;
        }
        const again = await db.prisma.incidentCase.findUnique({ where: { id: row.id }, select: { id: true, caseNo: true, version: true, summary: true, privateNote: true, measures: true, resultText: true, causeText: true, nextStepsText: true } });
        if (!again) break;
        row = again;
      }
    }
  }
  if (!opts.dryRun) {
    await appendAudit(db, {
      actor: opts.actor ?? "cli",
      action: "keys.rotate",
      entityType: "IncidentCase",
      entityId: "*",
      campaignId: null,
      before: null,
      after: { keyId: res.keyId, cases: res.cases, rewritten: res.rewritten, fromPlaintext: res.fromPlaintext, unreadable: res.unreadable.length },
      at: opts.now ?? systemClock.now(),
    });
  }
  return res;
}

export const keysRotate: CliCommand = {
  path: ["keys", "rotate"],
  usage: "keys rotate [--dry-run]",
  summary: "用当前的 CASE_DATA_KEY 重新加密全部案件敏感内容（旧密钥放在 CASE_DATA_KEY_PREVIOUS 中）",
  async run(args, ctx) {
    const bad = args.find((a) => a !== "--dry-run");
    if (bad) throw new UserError(`不认识的参数「${bad.slice(0, 40)}」：只支持 --dry-run`, { field: "参数" });
    const db = await ctx.db();
    const ring = keyRing();
    if (ring.dev) throw new UserError("未设置 CASE_DATA_KEY：请先设置新的密钥（旧密钥放入 CASE_DATA_KEY_PREVIOUS），再执行密钥轮换", { field: "CASE_DATA_KEY" });
    ctx.progress(`正在用密钥 ${ring.current.id} 重新加密案件敏感内容…`);
    const r = await rotateCaseKeys(db, { ring, dryRun: args.includes("--dry-run") });
    ctx.result(r, () =>
      [
        `${r.dryRun ? "（演练，未写入）" : ""}共 ${r.cases} 个案件：重新加密 ${r.rewritten} 项（其中原为明文 ${r.fromPlaintext} 项），已是当前密钥 ${r.alreadyCurrent} 项。`,
        ...(r.unreadable.length ? [`有 ${r.unreadable.length} 项无法用已配置的任何密钥解密，未改动：`, ...r.unreadable.slice(0, 20).map((u) => `  - 案件 ${u.caseNo} 的 ${u.field}`)] : []),
      ].join("\n"),
    );
    return r.unreadable.length ? 1 : 0;
  },
};
