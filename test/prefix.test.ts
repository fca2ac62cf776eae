import { cpSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absoluteUrl, publicBase } from "../src/syndication/urls.ts";
import { startStaticServer, type StaticServer } from "../src/serve/static-server.ts";
import { ARTIFACTS, hasChromium, launchBrowser } from "./browser.ts";
import { makeFixture, PROJECT, type Fixture } from "./fixture.ts";

// GitHub Pages project site: SITE_URL given as the bare origin, the prefix added once; the search
// index in parts of 4 articles, so the seed (among the oldest) is found in a merged archive part
const ENV = { PATH_PREFIX: "/repo/", SITE_URL: "https://user.github.io", SEARCH_PART_SIZE: "4" };
const BASE = "https://user.github.io/repo";
const SEED = "/repo/2020/09/20/wechat-ban-blocked/";

let site: Fixture;
beforeAll(async () => {
  site = makeFixture();
  // the whole sample site, images included (the folder-data file is already linked in)
  for (const entry of readdirSync(path.join(PROJECT, "articles"), { withFileTypes: true })) {
    if (entry.isDirectory()) cpSync(path.join(PROJECT, "articles", entry.name), path.join(site.root, "articles", entry.name), { recursive: true });
  }
  const result = await site.run("build", ENV);
  expect(result.code, result.stderr).toBe(0);
}, 90_000);

describe("public URLs", () => {
  it("combine SITE_URL and PATH_PREFIX without doubling the prefix", () => {
    expect(publicBase("https://user.github.io", "/repo/")).toBe(BASE);
    expect(publicBase("https://user.github.io/repo/", "/repo/")).toBe(BASE);
    expect(publicBase("https://news.example/", "/")).toBe("https://news.example");
    expect(absoluteUrl("/2020/", BASE)).toBe(`${BASE}/2020/`);
    expect(absoluteUrl("images/a.jpg", BASE, "/2020/09/20/x/")).toBe(`${BASE}/2020/09/20/x/images/a.jpg`);
  });
});

describe("the sample site built with PATH_PREFIX=/repo/", () => {
  const htmlFiles = () => readdirSync(path.join(site.root, "_site"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));

  it("prefixes every root-relative link, image, stylesheet, script and form in every page", () => {
    const files = htmlFiles();
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const html = site.read(`_site/${file}`);
      for (const [, attr, url] of html.matchAll(/\s(href|src|srcset|action|content)="(\/[^"]*)"/g)) {
        expect(url, `${file}: ${attr}="${url}"`).toMatch(/^\/repo\//);
      }
    }
  });

  it("makes canonical, Open Graph, JSON-LD, feed and sitemap URLs absolute with the prefix", () => {
    const html = site.read("_site/2020/09/20/wechat-ban-blocked/index.html");
    expect(html).toContain(`<link rel="canonical" href="${BASE}/2020/09/20/wechat-ban-blocked/">`);
    expect(html).toContain(`<meta property="og:url" content="${BASE}/2020/09/20/wechat-ban-blocked/">`);
    expect(html).toContain(`"mainEntityOfPage":{"@type":"WebPage","@id":"${BASE}/2020/09/20/wechat-ban-blocked/"}`);
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/repo/feed.xml"');
    const feed = site.read("_site/feed.xml");
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${BASE}/feed.xml"/>`);
    for (const [, url] of feed.matchAll(/href="([^"]+)"/g)) expect(url).toMatch(/^https:\/\/user\.github\.io\/repo\//);
    expect(JSON.parse(site.read("_site/feed.json")).items[0].url).toMatch(/^https:\/\/user\.github\.io\/repo\/\d{4}\//);
    const locs = [...site.read("_site/sitemap.xml").matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(20);
    for (const loc of locs) expect(loc).toMatch(/^https:\/\/user\.github\.io\/repo\//);
    expect(site.read("_site/robots.txt")).toContain(`Sitemap: ${BASE}/sitemap.xml`);
  });
});

describe.skipIf(!hasChromium)("the prefixed site in Chromium, served only under /repo/", () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startStaticServer(path.join(site.root, "_site"), "/repo/")]);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Every request that failed or answered 4xx/5xx, and every stylesheet and image that loaded. */
  function watch(page: Page) {
    const failures: string[] = [];
    const loaded: string[] = [];
    // ERR_ABORTED is a request cut short by the next navigation, not a failure to load
    page.on("requestfailed", (request) => request.failure()?.errorText !== "net::ERR_ABORTED" && failures.push(`${request.url()} (${request.failure()?.errorText})`));
    page.on("response", (response) => {
      if (response.status() >= 400) failures.push(`${response.url()} (${response.status()})`);
      else if (["stylesheet", "image"].includes(response.request().resourceType())) loaded.push(response.url());
    });
    return { failures, loaded };
  }

  it("walks home → article → tag → search result with every page, stylesheet and image loading", async () => {
    const page = await browser.newPage();
    const { failures, loaded } = watch(page);
    const origin = new URL(server.url).origin;
    expect(server.url).toBe(`${origin}/repo/`);
    expect((await fetch(`${origin}/`)).status).toBe(404); // nothing outside the prefix

    await page.goto(server.url);
    await page.locator(`main a[href="${SEED}"]`).first().click();
    await page.waitForURL(`**${SEED}`);
    expect(await page.locator("h1").textContent()).toContain("WeChat");

    await page.locator('main a[href="/repo/tags/wechat/"]').first().click();
    await page.waitForURL("**/repo/tags/wechat/");

    await page.getByRole("searchbox", { name: "Search" }).fill("WeChat");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL("**/repo/search/?q=WeChat");
    const result = page.locator(`.pagefind-ui__result-link[href="${SEED}"]`);
    await result.waitFor({ timeout: 15_000 });
    expect(await page.locator("[data-archive-bundles]").getAttribute("data-archive-bundles")).toBe("/repo/pagefind/archive/1/ /repo/pagefind/archive/2/ /repo/pagefind/archive/3/");
    expect(JSON.parse(site.read("_site/pagefind/archive/1/pagefind-entry.json")).languages.en.page_count).toBe(4);
    await result.click();
    await page.waitForURL(`**${SEED}`);

    // an article with a picture: whatever images the page shows, and its share image, load under the prefix
    await page.goto(`${server.url}2019/08/22/amazon-smoke-sao-paulo/`);
    await page.waitForLoadState("load");
    await page.screenshot({ path: path.join(ARTIFACTS, "prefix-article.png") });
    const images = await page.locator("img").evaluateAll((imgs) => imgs.map((img) => [(img as HTMLImageElement).currentSrc, (img as HTMLImageElement).naturalWidth] as const));
    for (const [src, width] of images) {
      expect(src).toContain("/repo/");
      expect(width, src).toBeGreaterThan(0);
    }
    const share = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(share).toMatch(new RegExp(`^${BASE}/img/`));
    expect((await page.request.get(share!.replace(BASE, `${origin}/repo`))).status()).toBe(200);
    expect(loaded.some((url) => url.endsWith("/repo/assets/site.css"))).toBe(true);
    expect(loaded.some((url) => url.includes("/repo/pagefind/pagefind-ui.css"))).toBe(true);
    expect(failures).toEqual([]);
    await page.close();
  }, 60_000);
});
