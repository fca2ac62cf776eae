// Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core, never a
// downloaded browser. Missing Chromium skips browser tests on a developer machine, fails in CI.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's browser; CHROMIUM_PATH names another (the CI test points it at a missing file). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** CI (GitHub sets CI=true, so does .ci/run) must run the browser tests, never skip them. */
export const inCI = !["", "0", "false"].includes(process.env.CI ?? "");
export const hasChromium = existsSync(CHROMIUM) || inCI;
if (!hasChromium) console.warn(`Browser tests skipped: ${CHROMIUM} not found (apt-get install chromium).`);

export const ARTIFACTS = path.resolve(import.meta.dirname, "../test-results/screenshots");

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic",
    ], // playwright gives every launch a fresh, empty profile folder of its own
  });
}

export type WatchedPage = Page & {
  /** Every Content-Security-Policy violation, console error and uncaught error on the page so far. */
  problems(): Promise<string[]>;
};

/**
 * Opens `url` in a fresh page that records what a reader's browser would complain about: policy
 * violations (the `securitypolicyviolation` event, from the first script on), console errors and
 * uncaught exceptions. Reloads and navigations keep recording.
 */
export async function openWatched(browser: Browser, url: string): Promise<WatchedPage> {
  const page = (await browser.newPage()) as WatchedPage;
  const seen: string[] = [];
  page.on("console", (message) => void (message.type() === "error" && seen.push(`console: ${message.text()}`)));
  page.on("pageerror", (error) => void seen.push(`uncaught: ${error.message}`));
  // the console's "Failed to load resource" names no address: this says which one
  page.on("response", (response) => void (response.status() >= 400 && seen.push(`http ${response.status()}: ${response.url()}`)));
  await page.exposeFunction("__reportViolation", (text: string) => void seen.push(`policy: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportViolation(text: string): void }).__reportViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.problems = async () => {
    await page.waitForLoadState("load");
    return [...seen];
  };
  await page.goto(url);
  return page;
}
