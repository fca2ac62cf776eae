import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy, defaults, securityPolicyTags } from "../src/render/security-policy.ts";
import { startStaticServer, type StaticServer } from "../src/serve/static-server.ts";
import { hasChromium, launchBrowser, openWatched } from "./browser.ts";
import type { Fixture } from "./fixture.ts";
import { htmlFiles, sampleSite, SEED_URL } from "./sample-site.ts";

const policyOf = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];

describe("the Content-Security-Policy of a page", () => {
  it("allows only the site's own scripts, styles and pictures, no plugins, base or foreign forms", () => {
    expect(contentSecurityPolicy("<main>Story</main>")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
    );
  });

  it("allows https pictures only on a page that shows a remote one", () => {
    expect(contentSecurityPolicy('<img src="https://media.example/a.jpg" alt="A">')).toContain("img-src 'self' https:;");
    expect(contentSecurityPolicy('<picture><source srcset="https://media.example/a.avif"></picture>')).toContain("img-src 'self' https:;");
    expect(contentSecurityPolicy('<img src="/img/a.jpg" alt="A"> <a href="https://media.example/">link</a>')).toContain("img-src 'self';");
    // a build in which every picture was fetched does not search its pages for one
    expect(contentSecurityPolicy('<img src="https://media.example/a.jpg" alt="A">', {}, defaults.base, false)).toContain("img-src 'self';");
  });

  it("allows WebAssembly only on a page whose data asks for it", () => {
    expect(contentSecurityPolicy("<main></main>", { wasm: true })).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(contentSecurityPolicy('<script src="/pagefind/pagefind-ui.js"></script>')).not.toContain("wasm");
  });

  it("comes as the policy and the referrer policy, ready to go first in <head>", () => {
    expect(securityPolicyTags(undefined, "<p>Story</p>")).toBe(
      `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy("")}">\n<meta name="referrer" content="strict-origin-when-cross-origin">`,
    );
  });
});

describe("the built sample site's policies", () => {
  let site: Fixture;
  beforeAll(async () => {
    site = sampleSite();
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);

  it("puts the policy first in every page's <head>, never with 'unsafe-inline' or 'unsafe-eval'", () => {
    // admin/ is the browser editor, a single-page app under a policy of its own (test/admin.test.ts)
    const pages = htmlFiles(site).filter((file) => !file.startsWith("admin/"));
    expect(pages.length).toBeGreaterThan(40);
    for (const file of pages) {
      const html = site.read(`_site/${file}`);
      expect(html, file).toMatch(/<head>\s*<meta http-equiv="Content-Security-Policy" content="[^"]+">\s*<meta name="referrer" content="strict-origin-when-cross-origin">/);
      expect(policyOf(html), file).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
      // no inline script would run under it: every script is a file, or JSON-LD data
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, file).toMatch(/\ssrc="|type="application\/ld\+json"/);
      expect(html, file).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i);
    }
    const wasm = pages.filter((file) => policyOf(site.read(`_site/${file}`))!.includes("wasm-unsafe-eval"));
    expect(wasm).toEqual(["search/index.html"]);
  });
});

describe.skipIf(!hasChromium)("every kind of page under its policy in Chromium", () => {
  let site: Fixture;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    site = sampleSite();
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
    [server, browser] = await Promise.all([startStaticServer(path.join(site.root, "_site")), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const PAGES = {
    home: "", "article without a picture": SEED_URL.slice(1),
    "article with a picture": "2019/08/22/amazon-smoke-sao-paulo/", tag: "tags/technology/", source: "sources/reuters/",
    dateline: "datelines/sao-paulo-brazil/", "archive year": "archive/2020/", "archive month": "archive/2020/09/",
    "tag index": "tags/", "source index": "sources/", "dateline index": "datelines/", archive: "archive/",
    "static page": "about/",
    "author page (a picture of its own)": "authors/mariana-teixeira/", "author index": "authors/", corrections: "corrections/",
    "article with corrections": "2025/02/11/nairobi-mobile-money-outage/", "expired story": "2019/10/03/hvita-glacier-survey/",
  };

  it("raises no policy violation and no console error on any listing, article or index page", async () => {
    for (const [kind, url] of Object.entries(PAGES)) {
      const page = await openWatched(browser, server.url + url);
      expect(await page.problems(), kind).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it("searches with a query typed into the box and shows results, within the search page's policy", async () => {
    const page = await openWatched(browser, server.url);
    await page.getByRole("searchbox", { name: "Search" }).fill("WeChat");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\/search\/\?q=WeChat$/);
    await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 15_000 });
    expect(await page.locator(".pagefind-ui__result-link").count()).toBeGreaterThan(0);
    expect(await page.problems()).toEqual([]);
    await page.close();
  }, 30_000);

  it("sends an old address on to the story through a redirect page that breaks no policy", async () => {
    const page = await openWatched(browser, `${server.url}2019/08/22/smoke-over-s%C3%A3o-paulo/`);
    await page.waitForURL(`${server.url}2019/08/22/amazon-smoke-sao-paulo/`);
    expect(await page.locator("h1").textContent()).toContain("Amazon Fires");
    expect(await page.problems()).toEqual([]);
    await page.close();
  }, 15_000);

  it("shows the 404 page for a missing address with nothing but the missing page's own 404 reported", async () => {
    const missing = `${server.url}no/such/story/`;
    const page = await openWatched(browser, missing);
    expect(await page.locator("h1").textContent()).toBeTruthy();
    expect((await page.problems()).filter((problem) => !/status of 404/.test(problem) && problem !== `http 404: ${missing}`)).toEqual([]);
    await page.close();
  }, 15_000);
});
