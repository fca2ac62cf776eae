import path from "node:path";
import { DateTime } from "luxon";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticle, type Article } from "../src/content/load.ts";
import { newsUrls } from "../src/syndication/sitemaps.ts";
import { article, makeFixture, PINNED_ENV, validFields, type Fixture } from "./fixture.ts";
import { validateXml } from "./xml-schemas.ts";

const BASE = "https://newsroom.example";
const xml = new XMLParser({ isArray: (name) => name === "url" });
type Node = Record<string, any>;

// PINNED_ENV's BUILD_NOW is 2026-01-01T12:00:00Z: the news window opens at 2025-12-30T12:00:00Z
const stories = () => ({
  "articles/fresh.md": article({ ...validFields, title: "Fresh & new", date: "2026-01-01T06:00:00Z", tags: ["Markets"] }),
  "articles/edge.md": article({ ...validFields, title: "Inside the window", date: "2025-12-30T13:00:00Z", updated: "2025-12-31T09:15:00-05:00" }),
  "articles/stale.md": article({ ...validFields, title: "Just outside", date: "2025-12-30T11:00:00Z" }),
  "articles/old.md": article({ ...validFields, title: "Old story", date: "2024-03-05" }),
  "articles/draft.md": article({ ...validFields, title: "Secret draft", date: "2026-01-01T08:00:00Z", draft: true, tags: ["Leaks"] }),
  "articles/later.md": article({ ...validFields, title: "Embargoed", date: "2026-01-01T13:00:00Z", tags: ["Leaks"] }),
});
/** loc → lastmod of every <url> in a sitemap file. */
const lastmods = (text: string) => Object.fromEntries((xml.parse(text).urlset.url as Node[]).map((u) => [u.loc, u.lastmod]));

describe("sitemaps on a fixture site with a pinned BUILD_NOW", () => {
  let site: Fixture;
  beforeAll(async () => {
    expect(PINNED_ENV.BUILD_NOW).toBe("2026-01-01T12:00:00Z");
    site = makeFixture(stories());
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 60_000);

  it("lists every published page in sitemap.xml with an absolute loc and lastmod = updated or published", () => {
    validateXml(path.join(site.root, "_site/sitemap.xml"), "sitemap.xsd");
    const urls = xml.parse(site.read("_site/sitemap.xml")).urlset.url as Node[];
    const lastmod = Object.fromEntries(urls.map((u) => [u.loc, u.lastmod]));
    expect(lastmod).toEqual({
      [`${BASE}/2026/01/01/fresh/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/2025/12/30/edge/`]: "2025-12-31T09:15:00-05:00",
      [`${BASE}/2025/12/30/stale/`]: "2025-12-30T06:00:00-05:00",
      [`${BASE}/2024/03/05/old/`]: "2024-03-05",
      [`${BASE}/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/world/`]: "2026-01-01T01:00:00-05:00", // the default desk: these articles name none
      [`${BASE}/tags/markets/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/tags/infrastructure/`]: "2025-12-31T09:15:00-05:00",
      [`${BASE}/sources/afp/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/datelines/albany-united-states/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/archive/2026/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/archive/2025/`]: "2025-12-31T09:15:00-05:00",
      [`${BASE}/archive/2024/`]: "2024-03-05",
      [`${BASE}/archive/2026/01/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/archive/2025/12/`]: "2025-12-31T09:15:00-05:00",
      [`${BASE}/archive/2024/03/`]: "2024-03-05",
      [`${BASE}/tags/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/sources/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/datelines/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/archive/`]: "2026-01-01T01:00:00-05:00",
      [`${BASE}/authors/`]: "2026-01-01T01:00:00-05:00", // the index of authors, listed even with none yet, like /tags/
    });
    expect(urls).toHaveLength(Object.keys(lastmod).length);
  });

  it("puts only articles of the 48 hours before BUILD_NOW in news-sitemap.xml, newest first, with the news: fields", () => {
    const text = site.read("_site/news-sitemap.xml");
    validateXml(path.join(site.root, "_site/news-sitemap.xml"), "sitemap.xsd");
    expect(text).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    const urls = xml.parse(text).urlset.url as Node[];
    expect(urls.map((u) => u.loc)).toEqual([`${BASE}/2026/01/01/fresh/`, `${BASE}/2025/12/30/edge/`]);
    expect(urls[0]!["news:news"]).toEqual({
      "news:publication": { "news:name": "The Wire Desk", "news:language": "en" },
      "news:publication_date": "2026-01-01T01:00:00-05:00",
      "news:title": "Fresh & new",
    });
    expect(text).toContain("<news:title>Fresh &amp; new</news:title>");
  });

  it("keeps drafts and embargoed articles (and tags only they use) out of both sitemaps", () => {
    for (const file of ["_site/sitemap.xml", "_site/news-sitemap.xml"]) {
      expect(site.read(file)).not.toMatch(/draft|later|leaks/);
    }
  });

  it("points robots.txt at both sitemaps by absolute URL", () => {
    const robots = site.read("_site/robots.txt");
    expect(robots).toContain(`Sitemap: ${BASE}/sitemap.xml\n`);
    expect(robots).toContain(`Sitemap: ${BASE}/news-sitemap.xml\n`);
  });
});

describe("a site with more URLs than one sitemap file may hold (SITEMAP_SIZE; the protocol's limit is 50,000)", () => {
  let single: Fixture;
  let split: Fixture;
  beforeAll(async () => {
    [single, split] = [makeFixture(stories()), makeFixture(stories())];
    const results = await Promise.all([single.run("build"), split.run("build", { SITEMAP_SIZE: "3" })]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
  }, 60_000);

  it("makes sitemap.xml an index of files of at most that many URLs, which together list the same URLs and dates", () => {
    validateXml(path.join(split.root, "_site/sitemap.xml"), "sitemap.xsd");
    const files = xml.parse(split.read("_site/sitemap.xml")).sitemapindex.sitemap as Node[] | Node;
    const locs = [files].flat().map((file) => file.loc as string);
    const all = lastmods(single.read("_site/sitemap.xml"));
    expect(locs).toEqual(Array.from({ length: Math.ceil(Object.keys(all).length / 3) + 1 }, (_, i) => `${BASE}/sitemaps/${i + 1}.xml`));
    const listed = locs.map((loc) => {
      const file = `_site${loc.slice(BASE.length)}`;
      validateXml(path.join(split.root, file), "sitemap.xsd");
      const urls = lastmods(split.read(file));
      expect(Object.keys(urls).length, file).toBeLessThanOrEqual(3);
      return urls;
    });
    expect(Object.assign({}, ...listed)).toEqual(all);
    // the articles oldest first, in files of their own: a new story changes only the last of them
    expect(listed.slice(0, 2).map(Object.keys)).toEqual([
      [`${BASE}/2024/03/05/old/`, `${BASE}/2025/12/30/stale/`, `${BASE}/2025/12/30/edge/`],
      [`${BASE}/2026/01/01/fresh/`],
    ]);
    expect(split.read("_site/robots.txt")).toContain(`Sitemap: ${BASE}/sitemap.xml\n`);
  });
});

describe("the news window, without a build", () => {
  const now = DateTime.fromISO("2026-01-01T12:00:00Z");
  const options = { base: BASE, timezone: "America/New_York", newsWindowHours: 48, newsLimit: 1000 };
  const make = (date: string, i: number): Article => {
    const parsed = parseArticle(`articles/a${i}.md`, article({ ...validFields, title: `Story ${i}`, date }), { timezone: options.timezone, now });
    if (!("article" in parsed)) throw new Error(JSON.stringify(parsed.problems));
    return parsed.article;
  };

  it("is empty when nothing was published in the last 48 hours", () => {
    expect(newsUrls([make("2025-12-01T00:00:00Z", 1)], now, options)).toEqual([]);
  });

  it("holds at most 1,000 articles, the newest", () => {
    const one = make("2026-01-01T11:00:00Z", 0);
    const articles = Array.from({ length: 1001 }, (_, i) => ({ ...one, title: `Story ${i}`, date: { instant: now.minus({ minutes: i + 1 }), hasTime: true } }));
    const urls = newsUrls(articles, now, options);
    expect(urls).toHaveLength(1000);
    expect(urls[0]!.title).toBe("Story 0");
    expect(urls.at(-1)!.title).toBe("Story 999");
  });
});
