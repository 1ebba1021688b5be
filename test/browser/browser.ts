import fs from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { sessionCookieFor, startTestApp, type TestApp } from "../support/app.js";

/** Debian's Chromium, which the browser tests drive. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Browser tests run wherever Chromium is installed; on CI a missing browser is a failure,
 * elsewhere the tests are skipped with a note (install with `apt-get install chromium`).
 */
export const browserAvailable = fs.existsSync(CHROMIUM);
if (!browserAvailable && process.env.CI) {
  throw new Error(`CI requires ${CHROMIUM} for the browser tests`);
}

/**
 * Time a browser test may take: each walks a whole path with accessibility checks, and on the
 * 2-core CI machine, beside PostgreSQL and another worker, a 15-second path has taken over 30.
 */
export const BROWSER_TEST_TIMEOUT = 120_000;

/** Launches headless Chromium with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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

/** A new page in its own browser context (axe-core needs a context-made page). */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Runs axe-core on the page and fails on any serious or critical violation (WCAG 2.1 AA). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")} ${n.any.map((a) => a.message).join(" ")}`).join("; ")})`,
    );
  expect(bad, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** A browser page's context: its viewport and the default timeout of its actions. */
export interface PageOptions {
  viewport?: { width: number; height: number };
  timeout?: number;
}

/**
 * A page in a context of its own on the app at `base`, signed in as `login` (null: signed out),
 * with `lang` as the interface language it remembers.
 */
export async function pageAs(
  browser: Browser,
  t: TestApp,
  base: string,
  login: string | null,
  lang: string,
  options: PageOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options.viewport ? { viewport: options.viewport } : {});
  if (login) {
    const [name, value] = (await sessionCookieFor(t, login)).split("=") as [string, string];
    await context.addCookies([{ name, value, url: base }]);
  }
  await context.addInitScript((l) => localStorage.setItem("shekara.lang", l), lang);
  if (options.timeout) context.setDefaultTimeout(options.timeout);
  return context.newPage();
}

/** The app on the embedded database, listening on a free port, and a Chromium to drive it. */
export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  base: string;
}

/**
 * Starts a browser test file's app (with `env` over the test defaults) and its Chromium before the
 * file's tests, hands them to `take`, and stops both after the tests.
 */
export function onBrowserApp(
  take: (app: BrowserApp) => void,
  env: Record<string, string> = {},
  hookTimeout?: number,
): void {
  let app: Partial<BrowserApp> = {};
  beforeAll(async () => {
    const t = await startTestApp("pglite", env);
    app = { t };
    const base = await t.app.listen({ port: 0, host: "127.0.0.1" });
    app = { t, base, browser: await launchBrowser() };
    take(app as BrowserApp);
  }, hookTimeout);
  afterAll(async () => {
    await app.browser?.close();
    await app.t?.stop();
  });
}
