import { existsSync, mkdirSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";

/** Drives the simulator's console in Debian's Chromium, as a person would. */
export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = join(process.cwd(), "test-artifacts", "e2e");

export const haveChromium = () => existsSync(CHROMIUM);

/** A fresh profile each run (playwright takes the user-data-dir as a parameter, not a flag). */
export async function launch(): Promise<BrowserContext> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "scb-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

export async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId("composer-text").fill(text);
  await page.getByTestId("composer-text").press("Enter");
}

/** The newest message in the open chat that holds a form card. */
export function lastForm(page: Page): Locator {
  return page.getByTestId("message").filter({ has: page.getByTestId("card-form") }).last();
}

/** A plausible value for any form field the console renders, by its tag. */
export async function fillField(field: Locator, seed: string): Promise<string> {
  const tag = (await field.getAttribute("data-tag"))!;
  switch (tag) {
    case "input": {
      // Short fields are counts (人数): a number; the rest get a sentence.
      const max = Number((await field.getAttribute("maxlength")) ?? 1000);
      const v = max <= 3 ? "1" : `演示${seed}：课间在走廊发生推搡`.slice(0, max);
      await field.fill(v);
      return v;
    }
    case "select_static":
    case "select_person": {
      const v = await field.locator("option:not([value=''])").first().getAttribute("value");
      await field.selectOption(v!);
      return v!;
    }
    case "multi_select_static":
    case "multi_select_person":
      await field.locator("input[type=checkbox]").first().check();
      return "checked";
    case "date_picker":
      await field.fill("2026-11-20");
      return "2026-11-20";
    case "picker_time":
      await field.fill("10:30");
      return "10:30";
    case "picker_datetime":
      await field.fill("2026-11-20T10:30");
      return "2026-11-20T10:30";
    case "checker":
      await field.check();
      return "on";
    default:
      throw new Error(`unknown field ${tag}`);
  }
}

export async function valueOf(field: Locator): Promise<string> {
  const tag = (await field.getAttribute("data-tag"))!;
  if (tag === "checker") return (await field.isChecked()) ? "on" : "off";
  if (tag.startsWith("multi_select")) return (await field.locator("input:checked").count()) ? "checked" : "";
  return field.inputValue();
}
