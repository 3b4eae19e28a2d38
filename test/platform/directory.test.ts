import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveMembers } from "../../src/core/directory.js";
import { startHarness, type Harness } from "./harness.js";

describe("directory resolution at plan activation", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ transport: "webhook" });
  });
  afterAll(() => h?.stop());

  it("resolves members by email or mobile to open ids and lists the ones it cannot", async () => {
    const a = h.sim.addUser({ name: "宋局长", email: "Song@bureau.example.cn" });
    const b = h.sim.addUser({ name: "李主任", mobile: "+86 138-0000-0001" });
    h.sim.addUser({ name: "已离职", email: "gone@bureau.example.cn", resigned: true });
    const p = h.bot.db.prisma;
    await p.campaign.create({ data: { id: "c1", title: "防欺凌", status: "active", planJson: "{}" } });
    await p.member.createMany({
      data: [
        { campaignId: "c1", key: "leader", role: "leader", name: "宋局长", email: "song@bureau.example.cn" },
        { campaignId: "c1", key: "office", role: "officeDirector", name: "李主任", mobile: "13800000001" },
        { campaignId: "c1", key: "gone", role: "member", name: "已离职", email: "gone@bureau.example.cn" },
        { campaignId: "c1", key: "nobody", role: "member", name: "查无此人", mobile: "13900000000" },
        { campaignId: "c1", key: "nocontact", role: "member", name: "没写联系方式" },
      ],
    });
    const r = await resolveMembers(h.bot.db, h.bot.platform.chat, "c1");
    expect(r.resolved).toBe(2);
    expect(r.unresolved.map((u) => u.key).sort()).toEqual(["gone", "nobody", "nocontact"]);
    expect(r.unresolved.find((u) => u.key === "nocontact")!.reason).toContain("没有邮箱或手机号");
    const byKey = Object.fromEntries((await p.member.findMany({ where: { campaignId: "c1" } })).map((m) => [m.key, m.openId]));
    expect(byKey.leader).toBe(a.openId);
    expect(byKey.office).toBe(b.openId);
    expect(h.sim.calls("/contact/v3/users/batch_get_id")).toHaveLength(1);
  });

  it("creates a group chat with members and reads its info", async () => {
    const u = h.sim.addUser({ name: "王老师" });
    const c1 = await h.bot.platform.chat.createGroupChat({ name: "一案一专班 2026-001", memberOpenIds: [u.openId, "ou_missing"], key: "case-001" });
    const c2 = await h.bot.platform.chat.createGroupChat({ name: "一案一专班 2026-001", memberOpenIds: [u.openId], key: "case-001" });
    expect(c2.chatId).toBe(c1.chatId);
    expect(c1.invalidMemberIds).toEqual(["ou_missing"]);
    expect(await h.bot.platform.chat.getChatInfo(c1.chatId)).toMatchObject({ chatId: c1.chatId, name: "一案一专班 2026-001", memberCount: 1 });
    expect(await h.bot.platform.chat.getChatInfo("oc_does_not_exist")).toBeNull();
  });
});
