import type { BotModule, PersonRole } from "./bot.js";
import type { CardJson } from "./chat-port.js";
import { button, buttonRow, card, escapeMarkdown, markdown, notation, type ActionValue } from "../../cards/kit/index.js";
import type { Database } from "./db/client.js";

export const ROLE_NAMES: Record<string, string> = {
  leader: "领导小组组长",
  deputy: "领导小组副组长",
  member: "领导小组成员",
  officeDirector: "领导小组办公室主任",
  schoolAdmin: "学校管理员",
  principal: "校长",
  teacher: "教职工",
  safetyOffice: "安全办",
};

/** The roles a person holds in active campaigns (by open id). */
export async function rolesOf(db: Database, openId: string): Promise<PersonRole[]> {
  const rows = await db.prisma.member.findMany({
    where: { openId, campaign: { status: "active" } },
    include: { campaign: { select: { id: true, title: true } }, unit: { select: { name: true } } },
  });
  return rows.map((m) => ({ campaignId: m.campaign.id, campaignTitle: m.campaign.title, role: m.role, unitName: m.unit?.name ?? null }));
}

export const UNKNOWN_PERSON_HELP =
  "您好！我是平安校园助手。您目前不在任何进行中的专项行动名单里，所以我还不能为您提供服务。\n" +
  "如需使用，请联系本单位的安全工作负责人，或区教育局安全办，请他们把您加入专项行动名单。";

/** The answer to `帮助`: what the bot can do for this person in their role(s). */
export function helpText(roles: PersonRole[], modules: BotModule[]): string {
  if (roles.length === 0) return UNKNOWN_PERSON_HELP;
  const roleSet = new Set(roles.map((r) => r.role));
  const lines: string[] = ["您好！我是平安校园助手。"];
  for (const r of roles) lines.push(`· 您在「${r.campaignTitle}」中的身份：${ROLE_NAMES[r.role] ?? r.role}${r.unitName ? `（${r.unitName}）` : ""}`);
  const cmds: string[] = [];
  for (const m of modules) {
    for (const c of m.commands ?? []) if (!c.roles || c.roles.some((x) => roleSet.has(x))) cmds.push(`· 发送「${c.name}」：${c.summary}`);
    for (const extra of m.help?.(roles) ?? []) cmds.push(`· ${extra}`);
  }
  lines.push("", "您可以：");
  lines.push(...(cmds.length ? cmds : ["· 留意我发给您的提醒和卡片，按卡片上的按钮操作即可"]));
  lines.push("· 发送「帮助」：再次查看本说明");
  return lines.join("\n");
}

/**
 * The answer to `帮助` for a person in a plan: the same lines as `helpText`, plus the buttons the
 * modules offer (so a teacher can open the report form with one tap instead of typing 上报).
 */
export function helpCard(roles: PersonRole[], modules: BotModule[]): CardJson {
  const [greeting, ...rest] = helpText(roles, modules).split("\n");
  const buttons = modules.flatMap((m) => m.helpButtons?.(roles) ?? []);
  const c = card({
    title: "平安校园助手",
    template: "blue",
    summary: "我能为您做什么",
    elements: [
      markdown(escapeMarkdown(greeting ?? "", 200)),
      // Plan titles and unit names come from plan files: shown as typed, never as markup.
      markdown(rest.map((l) => escapeMarkdown(l, 400)).join("\n")),
      ...(buttons.length
        ? [buttonRow(buttons.slice(0, 6).map((b) => button({ text: b.text, type: b.primary ? "primary" : "default", value: b.value as ActionValue })))]
        : []),
      notation("也可以从机器人菜单进入这些功能。"),
    ],
  });
  return c as unknown as CardJson;
}
