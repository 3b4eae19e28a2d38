import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express from "express";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext } from "playwright-core";
import { createLogger } from "../../src/core/logger.js";
import { createSandbox, type Sandbox } from "../../src/sim/sandbox.js";
import { freshDb, type TestDb } from "../support/db.js";
import { startStandInBot, type StandInBot } from "./stand-in-bot.js";
import { fillField, haveChromium, lastForm, launch, say, shot, valueOf } from "./console-driver.js";

/**
 * The console's browser test (issue 5, "done when"): a teacher opens a form card the bot
 * offers, submits it with a required field missing (the error shows, the typed values stay),
 * fixes it, submits, sees the receipt; then the principal sees what they were sent.
 *
 * The bot here is the stand-in of ./stand-in-bot.ts (real SDK, real long connection) on a
 * sandbox of its own. The field handling is generic (by the console's data-tag), so the same
 * steps run unchanged against the product's incident report form: see console-bot.e2e.test.ts.
 */
const TEACHER = "ou_demo_teacher";
const PRINCIPAL_LABEL = "校长";

describe.skipIf(!haveChromium())("simulator console in a browser", () => {
  let db: TestDb;
  let sandbox: Sandbox;
  let server: Server;
  let url: string;
  let bot: StandInBot;
  let browser: BrowserContext;

  beforeAll(async () => {
    db = await freshDb();
    sandbox = await createSandbox({ db: db.db, log: createLogger("silent"), campaignsDir: "/nonexistent" });
    const app = express();
    sandbox.mount(app);
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sandbox.attach(server, url);
    const principal = sandbox.roster.people.find((p) => p.roleLabel === PRINCIPAL_LABEL)!;
    bot = await startStandInBot(sandbox.connection(), principal.openId);
    await sandbox.sim.ws.waitForConnects(1);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    bot?.stop();
    await sandbox?.stop();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server?.closeAllConnections();
    await db?.cleanup();
  });

  it("teacher submits a report form with a missing field, fixes it, gets the receipt; the principal is told", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}/sim?as=${TEACHER}`);
    await expect.poll(() => page.getByTestId("chat").count()).toBeGreaterThan(0);

    await say(page, "上报");
    const msg = lastForm(page);
    await msg.waitFor({ timeout: 10_000 });
    await shot(page, "1-form-offered");

    const fields = msg.locator("[data-name][data-tag]");
    const required = msg.locator("[data-name][data-tag][data-required]");
    expect(await required.count()).toBeGreaterThan(0);
    const skipped = await required.first().getAttribute("data-name");
    const typed = new Map<string, string>();
    for (let i = 0; i < (await fields.count()); i++) {
      const f = fields.nth(i);
      const name = (await f.getAttribute("data-name"))!;
      if (name === skipped) continue;
      typed.set(name, await fillField(f, String(i)));
    }
    await msg.locator("[data-form-action=submit]").click();

    // Lark checks required fields in the client: the field is marked, nothing is sent.
    await expect.poll(() => msg.locator(".field.invalid").count()).toBe(1);
    await expect.poll(() => page.getByTestId("toast").filter({ hasText: "请填写必填项" }).count()).toBeGreaterThan(0);
    for (const [name, v] of typed) expect(await valueOf(msg.locator(`[data-name="${name}"][data-tag]`))).toBe(v);
    await shot(page, "2-required-missing");

    await fillField(msg.locator(`[data-name="${skipped}"][data-tag]`), "x");
    await msg.locator("[data-form-action=submit]").click();
    await expect.poll(() => page.getByTestId("toast").filter({ hasText: "已提交" }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const receipt = page.getByTestId("message").filter({ hasText: "已收到上报" });
    await receipt.waitFor({ timeout: 10_000 });
    expect(await receipt.getByTestId("card-form").count()).toBe(0);
    await shot(page, "3-receipt");

    await page.getByTestId("person").filter({ hasText: PRINCIPAL_LABEL }).click();
    const notice = page.getByTestId("message").filter({ hasText: "新上报：DEMO-001" });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain("请尽快处理");
    await shot(page, "4-principal");

    // The inspector lists the raw requests, without the app secret.
    await page.getByTestId("toggle-inspector").click();
    await expect.poll(() => page.getByTestId("request").count(), { timeout: 5_000 }).toBeGreaterThan(2);
    expect(await page.getByTestId("requests").textContent()).not.toContain("sandbox-secret");
    expect(errors).toEqual([]);
  });

  it("a form the bot sends back with an error keeps the typed values", async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/sim?as=${TEACHER}`);
    await expect.poll(() => page.getByTestId("chat").count()).toBeGreaterThan(0);
    await say(page, "上报");
    await expect.poll(() => page.getByTestId("card-form").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const msg = lastForm(page);
    // Filled, but too short for the bot's own check (server-side, not the client's required check).
    await msg.locator('[data-name="title"]').fill("推人");
    await fillField(msg.locator('[data-name="category"]'), "0");
    await fillField(msg.locator('[data-name="date"]'), "0");
    await msg.locator('[data-name="detail"]').fill("下课时在楼梯口");
    const version = await msg.getAttribute("data-message-id");
    await msg.locator("[data-form-action=submit]").click();
    await expect.poll(() => page.getByTestId("toast").filter({ hasText: "请修改标红的内容" }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const again = page.locator(`[data-message-id="${version}"]`);
    await expect.poll(() => again.textContent()).toContain("事件概述至少 4 个字");
    expect(await again.locator('[data-name="title"]').inputValue()).toBe("推人");
    expect(await again.locator('[data-name="detail"]').inputValue()).toBe("下课时在楼梯口");
    await shot(page, "5-server-error-keeps-values");
  });
});
