// Old addresses (`aliases:`): a redirect page at each, decoded on disk, in no sitemap, feed or index.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { HtmlValidate, type ConfigData } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { aliasCollisions, aliasPath } from "../src/content/aliases.ts";
import { parseArticle } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { article, makeFixture, PROJECT, validFields, type Fixture } from "./fixture.ts";

const options = { timezone: "America/New_York", now: DateTime.fromISO("2026-01-01T12:00:00Z") };
const problems = (aliases: unknown) => {
  const result = parseArticle("articles/x.md", article({ ...validFields, aliases }), options);
  return "problems" in result ? result.problems.map(formatProblem) : [];
};

const moved = article({ ...validFields, title: "Bridge opens", aliases: ["/2019/03/04/s%c3%a3o-paulo/", "/old/bridge", "/legacy/bridge.html"] });
const about = "---\ntitle: About us\naliases: [/about-us/]\n---\n\nWho we are.\n";
const TARGET = "/2025/06/01/bridge/";
const lines = (stderr: string) => stderr.split("\n").filter((line) => /^(articles|pages)\//.test(line));

describe("the aliases field", () => {
  it("accepts site paths, percent-encoded or not, and lists them on the article", () => {
    const result = parseArticle("articles/x.md", article({ ...validFields, aliases: ["/2019/03/04/s%C3%A3o-paulo/", "/old/path", "/a/page.html", "/über/"] }), options);
    expect("article" in result && result.article.aliases).toEqual(["/2019/03/04/s%C3%A3o-paulo/", "/old/path", "/a/page.html", "/über/"]);
    expect(problems([])).toEqual([]);
  });

  it("puts each redirect page where a static host looks for it: decoded, in a folder unless it is a .html page", () => {
    expect(aliasPath("/2019/03/04/s%c3%a3o-paulo/")).toBe("/2019/03/04/são-paulo/");
    expect(aliasPath("/old/path")).toBe("/old/path/");
    expect(aliasPath("/old/index.html")).toBe("/old/");
    expect(aliasPath("/a/page.html")).toBe("/a/page.html");
  });

  it.each([
    ["old/path/", 'aliases.0: is "old/path/", not a path from the site\'s root (expected a path from the site\'s root, e.g. /2019/03/04/old-slug/)'],
    ["https://old.example/x/", 'aliases.0: is "https://old.example/x/", an address on another site (expected'],
    ["/?p=123", 'aliases.0: is "/?p=123", with a query or fragment, which a static host cannot redirect'],
    ["/a b/", 'aliases.0: is "/a b/", with a space, backslash or control character (expected it percent-encoded, e.g. %20)'],
    ["/s%E3o/", 'aliases.0: is "/s%E3o/", with a broken percent-encoding'],
    ["/a/../b/", 'aliases.0: is "/a/../b/", with an empty, "." or ".." part or an encoded /'],
    ["/a%2Fb/", 'aliases.0: is "/a%2Fb/", with an empty, "." or ".." part or an encoded /'],
    ["/feed.rss", 'aliases.0: is "/feed.rss", a file the redirect page cannot stand in for (expected a folder path ending in /, or a .html page)'],
  ])("refuses %s with the usual one-line error", (alias, message) => {
    expect(problems([alias])).toEqual([expect.stringContaining(`articles/x.md: ${message}`)]);
  });

  it("wants a list of paths", () => {
    expect(problems("/old/")).toEqual(["articles/x.md: aliases: is \"/old/\" (expected a list of old addresses, e.g. aliases: [/2019/03/04/old-slug/])"]);
  });
});

describe("redirect pages in a build", () => {
  let site: Fixture;
  beforeAll(async () => {
    site = makeFixture({ "articles/bridge.md": moved, "articles/other.md": article({ ...validFields, title: "Other story", date: "2025-05-01" }), "pages/about.md": about });
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);

  const redirect = () => site.read("_site/2019/03/04/são-paulo/index.html");

  it("writes each redirect page at its decoded path, a folder's index.html or the .html page named", () => {
    expect(site.exists("_site/2019/03/04/são-paulo/index.html")).toBe(true);
    expect(site.exists("_site/2019/03/04/s%c3%a3o-paulo")).toBe(false);
    expect(site.read("_site/old/bridge/index.html")).toContain(`url=${TARGET}`);
    expect(site.read("_site/legacy/bridge.html")).toContain(`url=${TARGET}`);
    expect(site.read("_site/about-us/index.html")).toContain('<meta http-equiv="refresh" content="0; url=/about/">');
  });

  it("sends browsers on at once, points search engines at the new page, stays out of their index, and links there", () => {
    const html = redirect();
    expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${TARGET}">`);
    expect(html).toContain(`<link rel="canonical" href="https://newsroom.example${TARGET}">`);
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain(`<a href="${TARGET}">Bridge opens</a>`);
    expect(html.match(/rel="canonical"/g)).toHaveLength(1);
  });

  it("has no inline script or style, and passes html-validate", async () => {
    const html = redirect();
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="/);
    expect(html).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i);
    const config = JSON.parse(readFileSync(path.join(PROJECT, ".htmlvalidate.json"), "utf8")) as ConfigData;
    const report = await new HtmlValidate(config).validateString(html, "redirect.html");
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it("is in no sitemap, feed or search index", () => {
    for (const file of ["sitemap.xml", "news-sitemap.xml", "feed.xml", "feed.json", "rss.xml"]) {
      const text = site.read(`_site/${file}`);
      for (const alias of ["são-paulo", "s%c3%a3o-paulo", "s%C3%A3o-paulo", "/old/bridge", "legacy", "about-us"]) expect(text, `${file}: ${alias}`).not.toContain(alias);
    }
    // the index holds the two articles: no redirect (or static) page
    expect(JSON.parse(site.read("_site/pagefind/pagefind-entry.json")).languages.en.page_count).toBe(2);
  });

  it("is correct under PATH_PREFIX", async () => {
    const prefixed = makeFixture({ "articles/bridge.md": moved });
    const result = await prefixed.run("build", { PATH_PREFIX: "/repo/" });
    expect(result.code, result.stderr).toBe(0);
    const html = prefixed.read("_site/2019/03/04/são-paulo/index.html");
    expect(html).toContain(`<meta http-equiv="refresh" content="0; url=/repo${TARGET}">`);
    expect(html).toContain(`<link rel="canonical" href="https://newsroom.example/repo${TARGET}">`);
    expect(html).toContain(`<a href="/repo${TARGET}">Bridge opens</a>`);
  }, 120_000);
});

describe("aliases that collide", () => {
  it("stop the build with every problem at once, naming both files, and leave the last _site/ as it was", async () => {
    const site = makeFixture({ "articles/bridge.md": moved, "pages/about.md": about });
    expect((await site.run("build")).code).toBe(0);
    const home = statSync(path.join(site.root, "_site/index.html")).mtimeMs;
    site.write("articles/rival.md", article({ ...validFields, title: "Rival", date: "2025-05-01", aliases: ["/old/bridge/", TARGET, "/tags/infrastructure/", "/"] }));
    site.write("articles/late.md", article({ ...validFields, title: "Late", date: "2025-04-01", aliases: ["/about/", "/about-us/"] }));
    site.write("articles/bad-date.md", article({ ...validFields, date: "2025-02-30" }));
    const result = await site.run("build");
    expect(result.code).not.toBe(0);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(/^articles\/bad-date\.md: date: "2025-02-30" is not a real calendar date/),
      "articles/late.md: aliases: /about/ is the address of pages/about.md (expected an old address no page of this site uses)",
      "articles/rival.md: aliases: /old/bridge/ is also an alias of articles/bridge.md (expected each old address in one file's aliases)",
      `articles/rival.md: aliases: ${TARGET} is the address of articles/bridge.md (expected an old address no page of this site uses)`,
      "articles/rival.md: aliases: /tags/infrastructure/ is an address of the tag pages (expected an old address no page of this site uses)",
      "articles/rival.md: aliases: / is an address of the front page (expected an old address no page of this site uses)",
      // the first file by name keeps an old address; the other is told whose it is
      "pages/about.md: aliases: /about-us/ is also an alias of articles/late.md (expected each old address in one file's aliases)",
    ]);
    expect(statSync(path.join(site.root, "_site/index.html")).mtimeMs).toBe(home);
    expect(site.exists("_site/2025/05/01/rival")).toBe(false);
    expect((await site.run("check")).stderr).toContain("articles/rival.md: aliases: /old/bridge/ is also an alias of articles/bridge.md");
  }, 120_000);

  it("refuses a file's own address as its alias, and takes one alias listed twice (or with and without its /) once", () => {
    expect(aliasCollisions([{ file: "articles/bridge.md", url: TARGET, aliases: [TARGET] }]).map(formatProblem)).toEqual([
      `articles/bridge.md: aliases: ${TARGET} is this file's own address (expected an old address, not the current one)`,
    ]);
    expect(aliasCollisions([{ file: "articles/bridge.md", url: TARGET, aliases: ["/old/", "/old"] }])).toEqual([]);
  });
});
