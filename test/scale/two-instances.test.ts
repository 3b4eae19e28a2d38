/**
 * Two bot instances on one PostgreSQL database, both fully started (webhook transport, outbox
 * worker, scheduler), against one simulator with Lark's rate limits on. Nothing may happen twice:
 * a reminder sweep run by both (the leader lock, then a forced split brain) reaches each person
 * once; a card click or a message that Lark delivers to both instances at the same moment is
 * handled by exactly one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { startBot, type RunningBot } from "../../src/app.js";
import { ManualClock } from "../../src/core/clock.js";
import { createDatabase } from "../../src/core/db/client.js";
import { migrate } from "../../src/core/db/migrate.js";
import { reminderSweepJob } from "../../src/domains/reminders/jobs.js";
import { cardActionEvent, createSimulator, messageEvent, postWebhook, webhookBotEnv, type Simulator } from "../../src/sim/index.js";
import { platformRules } from "../../src/sim/rules/index.js";
import { freshPostgresUrl, PG_SKIP_MESSAGE } from "../support/db.js";
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from "../../bench/lib/lark.js";
import { T7_SWEEP, activate, adminOpenId, provincePlan, sweepT7 } from "../../bench/lib/world.js";

const PG = !!process.env.TEST_DATABASE_URL;
const SCHOOLS = 12;
const ADMINS = 2;
const people = Array.from({ length: SCHOOLS }, (_, i) => Array.from({ length: ADMINS }, (_, a) => adminOpenId(i + 1, a))).flat();

if (!PG) console.info(`test/scale: ${PG_SKIP_MESSAGE}`);

describe.skipIf(!PG)(`two instances on PostgreSQL never duplicate${PG ? "" : ` — ${PG_SKIP_MESSAGE}`}`, () => {
  let sim: Simulator;
  let drop: () => Promise<void>;
  const bots: RunningBot[] = [];
  const clock = new ManualClock(T7_SWEEP);

  beforeAll(async () => {
    const pg = await freshPostgresUrl();
    drop = pg.drop;
    await migrate(pg.url);
    const seed = createDatabase(pg.url);
    await activate(seed, provincePlan({ schools: SCHOOLS, adminsPerSchool: ADMINS }));
    await seed.close();
    sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }).start();
    for (const r of platformRules({ appId: APP_ID })) sim.use(r);
    for (const id of people) sim.addUser({ openId: id, name: id });
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        ...webhookBotEnv({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, simUrl: sim.url, dbUrl: pg.url }),
        PORT: "0",
        LOG_LEVEL: "silent",
      });
      bots.push(await startBot({ config, clock, jobs: [(deps) => reminderSweepJob(deps)], outbox: { pollMs: 50, baseBackoffMs: 50 } }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const b of bots) await b.stop();
    await sim?.stop();
    await drop?.();
  });

  const botMessagesOf = (openId: string) => sim.state.botMessagesTo(openId);
  const okSendsPerUuid = () => {
    const m = new Map<string, number>();
    for (const r of sim.calls("/open-apis/im/v1/messages", "POST")) {
      const uuid = (r.body as { uuid?: string })?.uuid;
      if (r.status === 200 && uuid) m.set(uuid, (m.get(uuid) ?? 0) + 1);
    }
    return m;
  };
  const drained = async () => {
    const db = bots[0]!.db.prisma;
    const end = Date.now() + 20_000;
    while ((await db.outboxMessage.count({ where: { status: { not: "sent" } } })) > 0) {
      if (Date.now() > end) throw new Error("outbox not drained in 20 s");
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it("a reminder reaches each person once: one scheduler leads, and a split brain still sends once", async () => {
    const ticks = await Promise.all(bots.map((b) => b.scheduler.tick()));
    expect(ticks.filter((t) => t.leader)).toHaveLength(1);
    // Both sweep at the same instant, as if the lock had failed: the unique keys must hold.
    const forced = await Promise.all(bots.map((b) => sweepT7(b.db, b.platform.chat, clock.now())));
    expect(forced.reduce((a, r) => a + r.messages, 0)).toBe(0);
    await drained();
    const rows = await bots[0]!.db.prisma.outboxMessage.findMany({ where: { op: "send" } });
    expect(rows).toHaveLength(people.length);
    for (const id of people) expect(botMessagesOf(id), id).toHaveLength(1);
    expect([...okSendsPerUuid().values()].every((n) => n === 1)).toBe(true);
    // Both workers took part only if both claimed rows; either way each row has one sender.
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["sent"]));
  });

  it("a card click delivered to both instances at once is handled by exactly one", async () => {
    const db = bots[0]!.db.prisma;
    const members = new Map((await db.member.findMany()).map((m) => [m.key, m.openId]));
    const reminders = await db.reminder.findMany({ where: { status: "sent" } });
    expect(reminders).toHaveLength(people.length);
    const inboxBefore = await db.inboxEvent.count();
    let answered = 0;
    for (const r of reminders) {
      const openId = members.get(r.recipient.replace(/^member:/, ""))!;
      const msg = botMessagesOf(openId)[0]!;
      const env = cardActionEvent({ appId: APP_ID, token: VERIFICATION_TOKEN, operator: { openId }, messageId: msg.messageId, chatId: msg.chatId, value: { action: "reminder_ack", id: r.id } });
      const answers = await Promise.all(bots.map((b) => postWebhook(`${b.url}/lark/events`, env, { encryptKey: ENCRYPT_KEY })));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const real = answers.filter((a) => JSON.stringify(a.body) !== "{}");
      expect(real, JSON.stringify(answers.map((a) => a.body)).slice(0, 300)).toHaveLength(1);
      expect((real[0]!.body as { toast?: { type: string } }).toast?.type).toBe("success");
      answered += real.length;
    }
    expect(answered).toBe(reminders.length);
    expect((await db.inboxEvent.count()) - inboxBefore).toBe(reminders.length);
    expect(await db.reminderAck.count()).toBe(reminders.length);
  });

  it("a message delivered to both instances at once gets one answer", async () => {
    const before = new Map(people.map((id) => [id, botMessagesOf(id).length]));
    for (const id of people) {
      const chat = sim.state.p2pChatOf(id);
      // The person's message exists in the simulator, so the bot's reply to it can land.
      const messageId = `om_scale_${id}`;
      const now = Date.now();
      sim.state.messages.set(messageId, { messageId, chatId: chat.chatId, sender: id, msgType: "text", content: JSON.stringify({ text: "帮助" }), text: "帮助", createTime: now, updateTime: now, urgent: [], updates: 0 });
      const env = messageEvent({ appId: APP_ID, token: VERIFICATION_TOKEN, sender: { openId: id }, chatId: chat.chatId, chatType: "p2p", text: "帮助", messageId });
      const answers = await Promise.all(bots.map((b) => postWebhook(`${b.url}/lark/events`, env, { encryptKey: ENCRYPT_KEY })));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
    }
    await sim.waitFor(() => people.every((id) => botMessagesOf(id).length > before.get(id)!), 20_000);
    await drained();
    for (const id of people) expect(botMessagesOf(id).length - before.get(id)!, id).toBe(1);
    expect(await bots[0]!.db.prisma.inboxEvent.count({ where: { eventType: "im.message.receive_v1" } })).toBe(people.length);
    expect([...okSendsPerUuid().values()].every((n) => n === 1)).toBe(true);
  });
});

if (!PG)
  describe("two instances on PostgreSQL", () => {
    it.skip(`skipped — ${PG_SKIP_MESSAGE}`, () => undefined);
  });
