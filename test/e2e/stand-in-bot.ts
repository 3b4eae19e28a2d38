import * as lark from "@larksuiteoapi/node-sdk";
import { card, markdown, form, input, select, datePicker, checker, submitButton, notation } from "../../cards/kit/index.js";
import { fieldError, errorSummary, type FieldError } from "../../cards/kit/index.js";

/**
 * A small bot written with the real SDK, used by the console's browser test while the product's
 * own report forms are being built: it offers a report form on "上报", checks it server-side,
 * answers with a receipt and tells the principal. It talks to the simulator exactly as the
 * product does (long connection + Open API), so the console is tested end to end.
 */
export interface StandInBot {
  stop(): void;
}

const CATEGORIES = [
  { value: "verbal", text: "言语欺凌" },
  { value: "physical", text: "肢体欺凌" },
  { value: "online", text: "网络欺凌" },
];

function reportForm(values: Record<string, unknown> = {}, errors: FieldError[] = []) {
  return card({
    title: "欺凌事件上报（演示）",
    template: "red",
    elements: [
      markdown("请如实填写，学生姓名无需填写。"),
      ...errorSummary(errors),
      form("report_form", [
        input({ name: "title", label: "事件概述", required: true, value: String(values.title ?? ""), maxLength: 100 }),
        ...fieldError(errors, "title"),
        select({ name: "category", label: "类型", required: true, options: CATEGORIES, value: values.category as string | undefined }),
        datePicker({ name: "date", label: "发生日期", required: true, value: typeof values.date === "string" ? values.date.slice(0, 10) : undefined }),
        input({ name: "detail", label: "经过", multiline: true, value: String(values.detail ?? "") }),
        checker({ name: "urgent", text: "情况紧急", checked: values.urgent === true }),
        submitButton({ value: { action: "demo_report_submit" } }),
      ]),
      notation("提交后校长会立即收到通知。"),
    ],
  });
}

export async function startStandInBot(conn: { appId: string; appSecret: string; domain: string }, principalOpenId: string): Promise<StandInBot> {
  const client = new lark.Client({ ...conn, cache: new lark.DefaultCache(), loggerLevel: lark.LoggerLevel.fatal });
  const dispatcher = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.fatal }).register({
    "im.message.receive_v1": async (d: { message: { content: string; message_id: string } }) => {
      const text = (JSON.parse(d.message.content) as { text: string }).text.trim();
      const reply = text === "上报" ? { msg_type: "interactive", content: JSON.stringify(reportForm()) } : { msg_type: "text", content: JSON.stringify({ text: "发送“上报”可以上报欺凌事件。" }) };
      await client.im.message.reply({ path: { message_id: d.message.message_id }, data: reply });
    },
    "card.action.trigger": async (d: { action: { form_value?: Record<string, unknown> }; operator: { open_id: string } }) => {
      const v = d.action.form_value ?? {};
      const errors: FieldError[] = [];
      if (String(v.title ?? "").trim().length < 4) errors.push({ field: "title", message: "事件概述至少 4 个字" });
      if (errors.length) return { toast: { type: "error", content: "请修改标红的内容" }, card: { type: "raw", data: reportForm(v, errors) } };
      const receipt = card({ title: "已收到上报", template: "green", elements: [markdown(`**编号 DEMO-001** 已提交，校长已收到通知。\n事件概述：${String(v.title)}`)] });
      await client.im.message.create({
        params: { receive_id_type: "open_id" },
        data: { receive_id: principalOpenId, msg_type: "interactive", content: JSON.stringify(card({ title: "新上报：DEMO-001", template: "orange", elements: [markdown(`类型：${CATEGORIES.find((c) => c.value === v.category)?.text ?? "未知"}\n请尽快处理。`)] })) },
      });
      return { toast: { type: "success", content: "已提交" }, card: { type: "raw", data: receipt } };
    },
  } as Record<string, (d: never) => Promise<unknown>>);
  const ws = new lark.WSClient({ ...conn, loggerLevel: lark.LoggerLevel.fatal });
  ws.start({ eventDispatcher: dispatcher });
  return { stop: () => ws.close({ force: true }) };
}
