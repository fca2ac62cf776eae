import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { HtmlValidate, type ConfigData } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT, type Fixture } from "./fixture.ts";
import { htmlFiles, sampleSite, SEED_URL } from "./sample-site.ts";

/** Article page HTML plus the stylesheet, gzipped, must fit in the first round trips of a slow connection. */
const BUDGET_BYTES = 14 * 1024;

let site: Fixture;
let pages: string[];
beforeAll(async () => {
  site = sampleSite();
  const result = await site.run("build");
  expect(result.code, result.stderr).toBe(0);
  pages = htmlFiles(site);
}, 120_000);

describe("the built sample site", () => {
  it("passes html-validate (project rules in .htmlvalidate.json) on every page", async () => {
    const config = JSON.parse(readFileSync(path.join(PROJECT, ".htmlvalidate.json"), "utf8")) as ConfigData;
    const validator = new HtmlValidate(config);
    expect(pages.length).toBeGreaterThan(40);
    const errors: string[] = [];
    for (const file of pages) {
      const report = await validator.validateString(site.read(`_site/${file}`), file);
      for (const result of report.results) {
        for (const m of result.messages) errors.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
    expect(errors).toEqual([]);
  }, 60_000);

  it("has no broken internal link, image, stylesheet or script on any page", () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of pages) {
      for (const url of localUrls(site.read(`_site/${file}`))) {
        checked++;
        const target = resolve(url, file);
        if (!target) continue; // same-page fragment
        if (!site.exists(`_site/${target}`)) broken.push(`${file}: ${url}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(pages.length * 20);
  });

  it(`keeps the seed article's HTML and CSS under ${BUDGET_BYTES / 1024} KB gzipped`, () => {
    const html = gzipSync(readFileSync(path.join(site.root, `_site${SEED_URL}index.html`)), { level: 9 }).length;
    const css = gzipSync(readFileSync(path.join(site.root, "_site/assets/site.css")), { level: 9 }).length;
    console.log(`seed article: HTML ${html} B + CSS ${css} B = ${html + css} B gzipped (budget ${BUDGET_BYTES} B)`);
    expect(html + css).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});

/** Every href, src and srcset URL that points into the site (not http(s), mailto, tel or data). */
function localUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [, name, raw] of html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
    const value = raw!.replace(/&amp;/g, "&");
    const candidates = name === "srcset" ? value.split(",").map((c) => c.trim().split(/\s+/)[0]!) : [value];
    urls.push(...candidates.filter((u) => u && !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(u)));
  }
  return urls;
}

/** The file under _site/ a URL names, seen from the page `from`; undefined for a same-page fragment. */
function resolve(url: string, from: string): string | undefined {
  const clean = url.replace(/[?#].*$/, "");
  if (!clean) return undefined;
  const pathname = decodeURI(new URL(clean, `http://site/${from}`).pathname).slice(1);
  return pathname === "" || pathname.endsWith("/") ? `${pathname}index.html` : pathname;
}
