import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../src/serve/static-server.ts";
import { ARTIFACTS, hasChromium, launchBrowser } from "./browser.ts";
import { article, validFields, type Fixture } from "./fixture.ts";
import { sampleSite, SEED_URL } from "./sample-site.ts";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PAGES = { home: "", article: SEED_URL.slice(1), tag: "tags/technology/", archive: "archive/", image: "2019/08/22/amazon-smoke-sao-paulo/" };

// The sample site plus two pages' worth of older Technology stories, so the tag (and the home page)
// have a numbered page: /tags/technology/page/1/, the 20 oldest (pages count from the oldest)
const older: Record<string, string> = {};
for (let i = 1; i <= 40; i++) {
  const date = new Date(Date.UTC(2018, 2, i)).toISOString().slice(0, 10); // one a day from March 1, 2018
  older[`articles/2018/tech-${i}.md`] = article({ ...validFields, title: `Older technology story ${i}`, date, tags: ["Technology"] });
}

describe.skipIf(!hasChromium)("the site in Chromium, served as static files", () => {
  let site: Fixture;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    site = sampleSite(older);
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
    server = await startStaticServer(path.join(site.root, "_site"));
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(url: string, options: { width?: number; colorScheme?: "light" | "dark"; javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      colorScheme: options.colorScheme ?? "light",
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      bypassCSP: options.bypassCSP ?? false,
    });
    const page = await context.newPage();
    const response = await page.goto(server.url + url);
    expect(response?.status(), url).toBe(200);
    return page;
  }

  it("renders the seed article's headline, dateline and paragraphs, without JavaScript", async () => {
    const page = await open(PAGES.article, { javaScriptEnabled: false });
    await expect(page.locator("h1").innerText()).resolves.toBe("Judge Ends WeChat Download Ban in US-China Tech Battle");
    await expect(page.locator(".dateline").innerText()).resolves.toBe("NEW YORK, United States (Agencies) —");
    const paragraphs = await page.locator(".story-body > p:not(.dateline)").allInnerTexts();
    expect(paragraphs.length).toBeGreaterThanOrEqual(22);
    expect(paragraphs[0]).toMatch(/^A U\.S\. judge blocked the government’s ban on WeChat downloads on Sunday/);
    await page.context().close();
  });

  it("goes home → article → tag page → older stories → back to the latest by clicking links", async () => {
    const page = await open(PAGES.home);
    await page.getByRole("link", { name: "Judge Ends WeChat Download Ban in US-China Tech Battle" }).first().click();
    await page.waitForURL(`**${SEED_URL}`);
    await page.locator(".story-foot").getByRole("link", { name: "Technology" }).click();
    await page.waitForURL("**/tags/technology/");
    await expect(page.locator("h1").innerText()).resolves.toBe("Technology");
    await expect(page.locator('.pagination [aria-current="page"]').textContent()).resolves.toBe("Latest");
    await page.locator('.pagination a[rel="next"]').click();
    await page.waitForURL("**/tags/technology/page/1/");
    await expect(page.locator("h1").innerText()).resolves.toBe("Technology, page 1");
    await expect(page.locator('.pagination [aria-current="page"]').textContent()).resolves.toBe("Page 1");
    // the oldest stories, newest first
    await expect(page.locator(".cards h2").first().innerText()).resolves.toBe("Older technology story 20");
    await expect(page.locator(".cards h2").last().innerText()).resolves.toBe("Older technology story 1");
    await page.locator(".pagination").getByRole("link", { name: "Latest", exact: true }).click();
    await page.waitForURL("**/tags/technology/");
    await expect(page.locator("h1").innerText()).resolves.toBe("Technology");
    await page.context().close();
  });

  for (const width of [375, 1280]) {
    it(`lays out every kind of page at ${width} px without horizontal scrolling (screenshots saved)`, async () => {
      for (const [name, url] of Object.entries(PAGES)) {
        const page = await open(url, { width });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} at ${width} px`).toBe(0);
        await page.screenshot({ path: path.join(ARTIFACTS, `site-${name}-${width}.png`), fullPage: true });
        await page.context().close();
      }
    }, 60_000);
  }

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no axe-core violations on home, article, tag and archive pages (${colorScheme} scheme)`, async () => {
      for (const [name, url] of Object.entries(PAGES)) {
        // axe is the test's script injected inline, which the pages' policy rightly blocks (checked in security-policy.test.ts)
        const page = await open(url, { colorScheme, bypassCSP: true });
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
          return (await axe.run()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
        });
        expect(violations, `${name} (${colorScheme})`).toEqual([]);
        await page.context().close();
      }
    }, 60_000);
  }

  it("switches to light text on a dark page when the reader prefers dark", async () => {
    const background = async (scheme: "light" | "dark") => {
      const page = await open(PAGES.article, { colorScheme: scheme });
      const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.context().close();
      return color.match(/\d+/g)!.slice(0, 3).map(Number);
    };
    expect(Math.max(...(await background("light")))).toBeGreaterThan(200);
    expect(Math.max(...(await background("dark")))).toBeLessThan(60);
  });

  it("prints articles without navigation and with the address after each link in the story", async () => {
    const page = await open(PAGES.image);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".masthead nav").isVisible()).resolves.toBe(false);
    await expect(page.locator(".related").isVisible()).resolves.toBe(false);
    const after = await page.locator(".dateline a").first().evaluate((a) => getComputedStyle(a, "::after").content);
    expect(after).toContain("/datelines/sao-paulo-brazil/");
    await page.context().close();
  });

  it("shows a visible focus ring and a skip link that moves to the main content", async () => {
    const page = await open(PAGES.home);
    await page.keyboard.press("Tab");
    const skip = page.locator(".skip-link");
    await expect(skip.evaluate((a) => a === document.activeElement)).resolves.toBe(true);
    await expect(skip.evaluate((a) => getComputedStyle(a).outlineStyle)).resolves.toBe("solid");
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    await page.waitForURL("**#main");
    await page.context().close();
  });
});
