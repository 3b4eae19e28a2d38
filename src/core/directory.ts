import type { ChatPort } from "./chat-port.js";
import type { Database } from "./db/client.js";

export interface UnresolvedMember {
  memberId: string;
  key: string;
  name: string | null;
  email: string | null;
  mobile: string | null;
  reason: string;
}

/**
 * Resolve a campaign's members given by email or mobile to open ids (at plan activation).
 * Members already resolved are left alone; the ones nobody matches are returned so the
 * administrator can fix the plan file.
 */
export async function resolveMembers(db: Database, chat: ChatPort, campaignId: string): Promise<{ resolved: number; unresolved: UnresolvedMember[] }> {
  const members = await db.prisma.member.findMany({ where: { campaignId, openId: null } });
  const emails = members.map((m) => m.email?.trim().toLowerCase()).filter((e): e is string => !!e);
  const mobiles = members.filter((m) => !m.email && m.mobile).map((m) => m.mobile!.trim());
  const found = emails.length || mobiles.length ? await chat.lookupUsers({ emails, mobiles }) : { byEmail: {}, byMobile: {}, unresolved: [] };
  let resolved = 0;
  const unresolved: UnresolvedMember[] = [];
  for (const m of members) {
    const email = m.email?.trim().toLowerCase();
    const openId = (email && found.byEmail[email]) || (m.mobile && found.byMobile[m.mobile.trim()]) || null;
    if (openId) {
      await db.prisma.member.update({ where: { id: m.id }, data: { openId } });
      resolved += 1;
    } else {
      unresolved.push({
        memberId: m.id,
        key: m.key,
        name: m.name,
        email: m.email,
        mobile: m.mobile,
        reason: !m.email && !m.mobile ? "计划中没有邮箱或手机号" : "飞书通讯录中找不到此邮箱/手机号（或已离职、不在应用可用范围内）",
      });
    }
  }
  return { resolved, unresolved };
}
