/**
 * The `上报` and `案件` commands, the open-form button, and `cli export cases`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { CommandContext } from "../../src/core/bot.js";
import type { CardJson } from "../../src/core/chat-port.js";
import { incidentsModule } from "../../src/domains/incidents/handlers.js";
import { runCli } from "../../src/cli/run.js";
import { commands } from "../../src/cli/registry.js";
import { freshDb, type TestDb } from "../support/db.js";
import { CAMPAIGN, goodForm, harness, P, seedCampaign, sent, type Harness } from "./support.js";

let t: TestDb;
let h: Harness;
beforeEach(async () => {
  t = await freshDb("sqlite");
  await seedCampaign(t.db);
  h = harness(t.db);
});
afterEach(async () => {
  await t.cleanup();
});

interface Said {
  texts: string[];
  cards: CardJson[];
}

async function say(openId: string, text: string, chat: { chatId?: string; type?: "p2p" | "group" } = {}): Promise<Said> {
  const out: Said = { texts: [], cards: [] };
  const [word, ...rest] = text.split(/\s+/);
  const cmd = incidentsModule.commands!.find((c) => c.name === word || c.aliases?.includes(word))!;
  const ctx: CommandContext = {
    db: t.db,
    chat: h.chat,
    clock: h.clock,
    log: h.log,
    actor: { openId },
    chatId: chat.chatId ?? `oc_p2p_${openId}`,
    chatType: chat.type ?? "p2p",
    messageId: "om_cmd",
    text,
    args: rest.join(" "),
    mentions: [],
    eventId: `ev_cmd_${Math.random()}`,
    reply: async (x) => void out.texts.push(x),
    replyCard: async (c) => void out.cards.push(c),
  };
  await cmd.run(ctx);
  return out;
}

const file = (openId: string, formId: string, over: Record<string, unknown> = {}) => h.click(openId, { action: "incident_submit", formId, campaignId: CAMPAIGN }, goodForm(over), `om_${formId}`);

describe("commands", () => {
  it("上报 in the chat with the bot answers with the form; in a group it sends the form privately", async () => {
    const p2p = await say(P.teacherA, "上报");
    expect(JSON.stringify(p2p.cards[0])).toContain("incident_submit");
    const group = await say(P.teacherA, "上报", { chatId: "oc_school_a", type: "group" });
    expect(group.cards).toHaveLength(0);
    expect(group.texts[0]).toContain("私聊");
    const dm = (await sent(t.db)).find((o) => o.op.receiveId === P.teacherA)!;
    expect(dm.op.content).toContain("incident_submit");
    const outsider = await say(P.outsider, "上报");
    expect(outsider.texts[0]).toContain("不在任何进行中的专项行动");
  });

  it("the help-card button sends the form to the person's own chat", async () => {
    const r = await h.click(P.principalB, { action: "incident_open_form", campaignId: CAMPAIGN });
    expect(r.toast?.type).toBe("info");
    const dm = (await sent(t.db)).find((o) => o.op.receiveId === P.principalB)!;
    expect(dm.op.content).toContain("incident_submit");
    expect((await h.click(P.outsider, { action: "incident_open_form" })).toast?.type).toBe("error");
  });

  it("a bureau person reporting a tip chooses the school; a teacher does not", async () => {
    const safety = JSON.stringify((await say(P.safety, "上报")).cards[0]);
    expect(safety).toContain('"name":"unit"');
    expect(safety).toContain("第二中学");
    const teacher = JSON.stringify((await say(P.teacherA, "上报")).cards[0]);
    expect(teacher).not.toContain('"name":"unit"');
  });

  it("案件: a group outside the case sees case numbers and counts only; the person's own chat shows details to those allowed", async () => {
    await file(P.teacherA, "k1");
    await file(P.teacherA, "k2", { severity: "serious" });
    await file(P.principalB, "k3");
    await t.db.prisma.chatBinding.create({ data: { chatId: "oc_school_a", campaignId: CAMPAIGN, unitKey: "school-a", purpose: "school" } });
    await t.db.prisma.chatBinding.create({ data: { chatId: "oc_bureau", campaignId: CAMPAIGN, purpose: "bulletin" } });

    const school = JSON.stringify((await say(P.teacherA, "案件", { chatId: "oc_school_a", type: "group" })).cards[0]);
    expect(school).toContain("school-a-2021-001");
    expect(school).toContain("school-a-2021-002");
    expect(school).not.toContain("school-b-2021-001");
    expect(school).not.toContain("推搡");
    expect(school).toContain("处置中 **2** 件");
    const bureau = JSON.stringify((await say(P.safety, "案件", { chatId: "oc_bureau", type: "group" })).cards[0]);
    expect(bureau).toContain("school-b-2021-001");
    expect(bureau).not.toContain("推搡");
    // one case by number in a group: still numbers only
    const one = JSON.stringify((await say(P.principalA, "案件 school-a-2021-001", { chatId: "oc_school_a", type: "group" })).cards[0]);
    expect(one).toContain("school-a-2021-001");
    expect(one).not.toContain("推搡");
    // another school's group gets nothing about it
    await t.db.prisma.chatBinding.create({ data: { chatId: "oc_school_b", campaignId: CAMPAIGN, unitKey: "school-b", purpose: "school" } });
    const other = await say(P.principalB, "案件 school-a-2021-001", { chatId: "oc_school_b", type: "group" });
    expect(other.cards).toHaveLength(0);

    // in the person's own chat
    await say(P.principalA, "案件 school-a-2021-001");
    const fresh = (await sent(t.db)).filter((o) => o.op.receiveId === P.principalA && o.key.includes(":cmd:"));
    expect(fresh).toHaveLength(1);
    expect(fresh[0].op.content).toContain("推搡");
    const denied = await say(P.teacherB, "案件 school-a-2021-001");
    expect(denied.cards).toHaveLength(0);
    expect(denied.texts[0]).toContain("无权");
    const list = JSON.stringify((await say(P.principalB, "案件")).cards[0]);
    expect(list).toContain("school-b-2021-001");
    expect(list).not.toContain("school-a-2021-001");
    const views = await t.db.prisma.auditLog.count({ where: { action: "case.view" } });
    expect(views).toBe(1);
    expect(await t.db.prisma.auditLog.count({ where: { action: "case.denied", actor: P.teacherB } })).toBe(1);
  });
});

describe("cli export cases", () => {
  const io = () => {
    const o = { out: [] as string[], err: [] as string[] };
    return { o, io: { out: (x: string) => void o.out.push(x), err: (x: string) => void o.err.push(x), env: { DATABASE_URL: t.url, LOG_LEVEL: "silent" } } };
  };

  it("writes the 回头看清单 as XLSX and CSV for a school and a date range", async () => {
    await file(P.teacherA, "e1");
    await file(P.teacherA, "e2", { occurred_at: "2021-09-01 10:00 +0800" });
    const dir = mkdtempSync(join(tmpdir(), "scb-export-"));
    const x = io();
    const code = await runCli(["export", "cases", "--plan", CAMPAIGN, "--unit", "school-a", "--from", "2021-10-01", "--to", "2021-10-31", "--format", "xlsx", "--out", join(dir, "a.xlsx"), "--json"], commands, x.io);
    expect(x.o.err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(x.o.out[0])).toMatchObject({ cases: 1, format: "xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "a.xlsx"));
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(["序号", "学生欺凌事件概述", "发生时间", "事件发生原因分析", "处理结果", "备注"]);
    expect(ws.getRow(4).getCell(3).value).toBe("2021-10-12 09:30");
    const y = io();
    expect(await runCli(["export", "cases", "--plan", CAMPAIGN, "--unit", "school-a", "--from", "2021-09-01", "--to", "2021-10-31", "--format", "csv", "--out", join(dir, "a.csv")], commands, y.io)).toBe(0);
    const csv = readFileSync(join(dir, "a.csv"), "utf8");
    expect(csv.trim().split("\r\n")).toHaveLength(3);
    expect(y.o.out[0]).toContain("已导出 2 件");
  });

  it("refuses bad arguments in Chinese, naming the argument, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scb-export-"));
    const cases: [string[], string][] = [
      [["--unit", "school-a", "--from", "2021-10-01", "--to", "2021-10-31", "--format", "csv", "--out", join(dir, "x.csv")], "--plan"],
      [["--plan", CAMPAIGN, "--unit", "school-a", "--from", "2021-02-30", "--to", "2021-10-31", "--format", "csv", "--out", join(dir, "x.csv")], "--from"],
      [["--plan", CAMPAIGN, "--unit", "school-a", "--from", "2021-10-31", "--to", "2021-10-01", "--format", "csv", "--out", join(dir, "x.csv")], "不能晚于"],
      [["--plan", CAMPAIGN, "--unit", "school-a", "--from", "2021-10-01", "--to", "2021-10-31", "--format", "pdf", "--out", join(dir, "x.csv")], "xlsx 或 csv"],
      [["--plan", CAMPAIGN, "--unit", "school-z", "--from", "2021-10-01", "--to", "2021-10-31", "--format", "csv", "--out", join(dir, "x.csv")], "没有单位"],
      [["--plan", "nope", "--unit", "school-a", "--from", "2021-10-01", "--to", "2021-10-31", "--format", "csv", "--out", join(dir, "x.csv")], "找不到计划"],
    ];
    for (const [args, msg] of cases) {
      const x = io();
      const code = await runCli(["export", "cases", ...args], commands, x.io);
      expect(code, msg).not.toBe(0);
      expect(x.o.err.join("\n"), msg).toContain(msg);
    }
    expect(existsSync(join(dir, "x.csv"))).toBe(false);
  });
});
