import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNKNOWN_PERSON_HELP } from "../../src/core/help.js";
import { createSimulator, webhookBotEnv, type Simulator } from "../../src/sim/index.js";
import { freshSqliteUrl } from "../support/db.js";
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from "./harness.js";

/**
 * The contract of the issue, end to end: `npm start`'s entry in its own process, configured
 * only through LARK_* variables, pointed at the simulator.
 */
describe("the bot process with LARK_TRANSPORT=webhook against the simulator", () => {
  let sim: Simulator;
  let proc: ChildProcess;
  const port = 20000 + Math.floor(Math.random() * 20000);
  beforeAll(async () => {
    sim = await createSimulator({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN }).start();
    proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        ...webhookBotEnv({ appId: APP_ID, appSecret: APP_SECRET, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, simUrl: sim.url, dbUrl: freshSqliteUrl() }),
        PORT: String(port),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    sim.target = { webhook: `http://127.0.0.1:${port}/lark/events` };
  }, 90_000);
  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.on("exit", r));
    }
    await sim?.stop();
  });

  it("acknowledges an encrypted, signed 帮助 in under a second and answers it", async () => {
    sim.addUser({ openId: "ou_e2e_person", name: "赵老师" });
    const d = await sim.userSays("ou_e2e_person", "帮助");
    expect(d.status).toBe(200);
    expect(d.durationMs).toBeLessThan(1000);
    if (process.env.SHOW_TIMINGS) console.log(`first ack ${d.durationMs.toFixed(1)} ms`);
    const reply = await sim.waitFor(() => sim.state.botMessagesTo("ou_e2e_person")[0], 10_000);
    expect(reply.text).toBe(UNKNOWN_PERSON_HELP);
    // The request was encrypted and signed on the wire.
    expect(sim.calls("/open-apis/im/v1/messages/").length).toBeGreaterThan(0);
  });

  it("refuses a bad signature with 401", async () => {
    sim.target = { webhook: `http://127.0.0.1:${port}/lark/events`, options: { badSignature: true } };
    const d = await sim.userSays("ou_e2e_person", "帮助");
    expect(d.status).toBe(401);
    sim.target = { webhook: `http://127.0.0.1:${port}/lark/events` };
  });
});
