import { systemClock } from "../../core/clock.js";
import { UserError } from "../../core/errors.js";
import { Outbox } from "../../core/outbox.js";
import type { CliCommand } from "../types.js";

/** `outbox retry <id> | --all`: put parked messages back in the queue (the running bot sends them). */
export const outboxRetry: CliCommand = {
  path: ["outbox", "retry"],
  usage: "outbox retry <消息编号> | --all",
  summary: "重新发送被搁置的消息（指定编号，或 --all 全部）",
  async run(args, ctx) {
    const arg = args[0];
    if (!arg || args.length > 1) throw new UserError("请指定一条消息的编号（见 outbox list），或用 --all 重新发送全部被搁置的消息", { field: "id" });
    const outbox = new Outbox(await ctx.db(), systemClock);
    if (arg === "--all") {
      const n = await outbox.retry({ all: true });
      ctx.result({ requeued: n }, () => (n ? `已重新排队 ${n} 条消息，机器人会尽快发送。` : "没有被搁置的消息。"));
      return;
    }
    const row = await outbox.get(arg);
    if (!row) throw new UserError(`找不到编号为 ${arg} 的消息`, { field: "id" });
    if (row.status !== "parked") throw new UserError(`消息 ${arg} 的状态是「${row.status}」，只有被搁置的消息可以重新发送`, { field: "id" });
    const n = await outbox.retry({ id: arg });
    ctx.result({ requeued: n }, () => `已重新排队消息 ${arg}，机器人会尽快发送。`);
  },
};
