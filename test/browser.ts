// Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core, never a
// downloaded browser. Missing Chromium skips browser tests on a developer machine, fails in CI.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM) || process.env.CI === "true";
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
