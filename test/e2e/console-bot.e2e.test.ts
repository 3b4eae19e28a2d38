import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { loadConfig } from "../../src/config/env.js";
import { startBot, type RunningBot } from "../../src/app.js";
import { freshSqliteUrl } from "../support/db.js";
import { fillField, haveChromium, lastForm, launch, say, shot, valueOf } from "./console-driver.js";

/**
 * The product itself in sandbox mode (`npm start` without LARK_APP_ID), driven through the
 * console in a browser: a teacher of the demo plan reports an incident with the bot's own
 * incident form, first with a required field missing, then complete; the principal of the same
 * school is told. Screenshots: test-artifacts/e2e/bot-*.png.
 */
const TEACHER = "ou_demo_school_a_teacher";
const PRINCIPAL = "ou_demo_school_a_principal";

describe.skipIf(!haveChromium())("the bot in sandbox mode, through the console", () => {
  let bot: RunningBot;
  let browser: BrowserContext;

  beforeAll(async () => {
    const config = loadConfig({ PORT: "0", DATABASE_URL: freshSqliteUrl(), CAMPAIGNS_DIR: "./campaigns", LOG_LEVEL: "silent" });
    bot = await startBot({ config });
    await bot.sandbox!.sim.ws.waitForConnects(1);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it("teacher reports an incident (missing field → fixed → receipt); the principal receives the case", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${bot.url}/sim?as=${TEACHER}`);
    await expect.poll(() => page.getByTestId("chat").count()).toBeGreaterThan(0);

    await say(page, "上报");
    const msg = lastForm(page);
    await msg.waitFor({ timeout: 15_000 });
    expect(await msg.textContent()).toContain("上报学生欺凌事件");
    await shot(page, "bot-1-incident-form");

    const fields = msg.locator("[data-name][data-tag]");
    const skipped = await msg.locator("[data-name][data-tag][data-required]").first().getAttribute("data-name");
    const typed = new Map<string, string>();
    for (let i = 0; i < (await fields.count()); i++) {
      const f = fields.nth(i);
      const name = (await f.getAttribute("data-name"))!;
      if (name === skipped || (await f.getAttribute("data-tag")) === "checker") continue;
      typed.set(name, await fillField(f, String(i)));
    }
    await msg.locator("[data-form-action=submit]").click();
    await expect.poll(() => msg.locator(".field.invalid").count()).toBe(1);
    for (const [name, v] of typed) expect(await valueOf(msg.locator(`[data-name="${name}"][data-tag]`))).toBe(v);
    await shot(page, "bot-2-required-missing");

    await fillField(msg.locator(`[data-name="${skipped}"][data-tag]`), "x");
    await msg.locator("[data-form-action=submit]").click();
    const toast = page.getByTestId("toast").last();
    await toast.waitFor({ timeout: 15_000 });
    await shot(page, "bot-3-after-submit");
    expect(await toast.getAttribute("data-type"), (await toast.textContent()) ?? "").toBe("success");
    // The form is replaced by the receipt (the case card): no form left in that message.
    await expect.poll(() => msg.getByTestId("card-form").count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(async () => (await page.getByTestId("messages").textContent()) ?? "", { timeout: 10_000 }).toContain("学生欺凌事件");

    await page.locator(`[data-open-id="${PRINCIPAL}"]`).click();
    await expect
      .poll(async () => (await page.getByTestId("message").filter({ hasText: "学生欺凌事件" }).count()), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await shot(page, "bot-4-principal");
    expect(errors).toEqual([]);
  });
});
