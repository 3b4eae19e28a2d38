import { describe, expect, it } from "vitest";
import { SimState } from "../../src/sim/state.js";
import { rosterFromPlan, BUILTIN_ROSTER } from "../../src/sim/sandbox-roster.js";
import { fingerprint, restoreInto, snapshotOf, snapshotSchema } from "../../src/sim/sandbox-store.js";

describe("sandbox roster", () => {
  it("takes people with open ids from the leadership group and the units, and their chats", () => {
    const r = rosterFromPlan({
      leadershipGroup: { members: [{ name: "宋局长", role: "leader", contact: { openId: "ou_l" } }, { name: "无号", role: "member", contact: { email: "x@y.z" } }, { name: "李主任", role: "deputy", concurrent: ["officeDirector"], contact: { openId: "ou_d" } }] },
      units: [{ key: "s1", name: "一小", admins: [{ key: "t", name: "刘老师", role: "teacher", contact: { openId: "ou_t" } }, { key: "p", name: "张校长", role: "principal", contact: { openId: "ou_p" } }], chat: { chatId: "oc_s1", name: "一小工作群" } }],
      chats: [{ key: "b", purpose: "bulletin", chatId: "oc_b", name: "通报群" }, { key: "x", purpose: "office", chatId: null }],
    })!;
    expect(r.people.map((p) => [p.openId, p.roleLabel])).toEqual([
      ["ou_l", "领导小组组长"],
      ["ou_d", "领导小组副组长、领导小组办公室主任"],
      ["ou_t", "教师"],
      ["ou_p", "校长"],
    ]);
    expect(r.groups).toEqual([
      { chatId: "oc_b", name: "通报群", members: ["ou_l", "ou_d", "ou_t", "ou_p"] },
      { chatId: "oc_s1", name: "一小工作群", members: ["ou_t", "ou_p"] },
    ]);
  });

  it("gives null for a plan without simulated people (the built-in cast is used then)", () => {
    expect(rosterFromPlan({ units: [] })).toBeNull();
    expect(rosterFromPlan("nonsense")).toBeNull();
    expect(BUILTIN_ROSTER.people.map((p) => p.roleLabel)).toContain("校长");
  });
});

describe("sandbox snapshot", () => {
  it("round-trips people, chats and messages, and notices changes", () => {
    const a = new SimState();
    const u = a.addUser({ name: "刘老师" });
    const chat = a.p2pChatOf(u.openId);
    a.messages.set("om_1", { messageId: "om_1", chatId: chat.chatId, sender: "bot", msgType: "text", content: '{"text":"你好"}', text: "你好", uuid: "k1", createTime: 1, updateTime: 1, urgent: [], updates: 0 });
    const before = fingerprint(a);
    const snap = snapshotSchema.parse(JSON.parse(JSON.stringify(snapshotOf(a, 86_400_000))));
    expect(snap.clockOffsetMs).toBe(86_400_000);
    const b = new SimState();
    restoreInto(b, snap);
    expect(fingerprint(b)).toBe(before);
    expect(b.p2pChatOf(u.openId).chatId).toBe(chat.chatId);
    expect(b.uuids.get("k1")?.messageId).toBe("om_1");
    b.messages.get("om_1")!.updates += 1;
    expect(fingerprint(b)).not.toBe(before);
  });

  it("refuses a snapshot of another shape", () => {
    expect(snapshotSchema.safeParse({ v: 2, users: [] }).success).toBe(false);
    expect(snapshotSchema.safeParse({ v: 1, clockOffsetMs: 0, users: [{ openId: 1 }], chats: [], messages: [] }).success).toBe(false);
  });
});
