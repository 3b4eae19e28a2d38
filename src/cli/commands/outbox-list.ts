import { z } from "zod";
import { systemClock } from "../../core/clock.js";
import { UserError } from "../../core/errors.js";
import { Outbox, type OutboxRow } from "../../core/outbox.js";
import type { CliCommand } from "../types.js";

const STATUS = z.enum(["pending", "sending", "sent", "parked"]);
const STATUS_NAMES: Record<string, string> = { pending: "待发送", sending: "发送中", sent: "已发送", parked: "已搁置" };

function line(r: OutboxRow): string {
  const to = r.receiveId ? `${r.receiveIdType ?? ""}${r.receiveIdType ? ":" : ""}${r.receiveId}` : "-";
  return `${r.id}  ${STATUS_NAMES[r.status] ?? r.status}  ${r.op}  ${to}  尝试 ${r.attempts} 次${r.critical ? "  [重要]" : ""}${r.lastError ? `\n    最近错误：${r.lastError}` : ""}`;
}

/** `outbox list [--status parked|pending|sending|sent] [--limit N]`: default the parked ones. */
export const outboxList: CliCommand = {
  path: ["outbox", "list"],
  usage: "outbox list [--status parked|pending|sending|sent] [--limit 数量]",
  summary: "列出发送队列中的消息（默认列出多次失败后被搁置的）",
  async run(args, ctx) {
    let status = "parked";
    let limit = 100;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "--status") {
        const p = STATUS.safeParse(args[++i]);
        if (!p.success) throw new UserError("--status 应为 parked、pending、sending 或 sent", { field: "status" });
        status = p.data;
      } else if (args[i] === "--limit") {
        const n = Number(args[++i]);
        if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new UserError("--limit 应为 1–10000 的整数", { field: "limit" });
        limit = n;
      } else throw new UserError(`不认识的参数：${args[i]}`, { field: "args" });
    }
    const outbox = new Outbox(await ctx.db(), systemClock);
    const rows = await outbox.list({ status, limit });
    ctx.result(
      rows.map((r) => ({ id: r.id, key: r.idempotencyKey, op: r.op, status: r.status, receiveIdType: r.receiveIdType, receiveId: r.receiveId, attempts: r.attempts, critical: r.critical, lastError: r.lastError, createdAt: r.createdAt.toISOString() })),
      () => (rows.length ? [`${STATUS_NAMES[status]}的消息共 ${rows.length} 条：`, ...rows.map(line)].join("\n") : `没有${STATUS_NAMES[status]}的消息。`),
    );
  },
};
