// Desks (_data/sections.ts): each article's `section`, checked against the list; a page, a feed
// and a front-page block per desk; the header's navigation, breadcrumbs and metadata.
import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DateTime } from "luxon";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { deskClashes, projectDesks, readDesks } from "../src/content/sections.ts";
import { deskListings } from "../src/site/desks.ts";
import { article, makeFixture, validFields, type Fixture } from "./fixture.ts";
import { validateXml } from "./xml-schemas.ts";

const BASE = "https://newsroom.example";
const now = DateTime.fromISO("2026-01-01T12:00:00Z");
const parse = (fields: Record<string, unknown>, desks = projectDesks.desks) => parseArticle("articles/x.md", article(fields), { timezone: "America/New_York", now, desks });
const problems = (fields: Record<string, unknown>) => {
  const result = parse(fields);
  return "problems" in result ? result.problems.map(formatProblem) : [];
};
const sectionOf = (fields: Record<string, unknown>) => {
  const result = parse(fields);
  if (!("article" in result)) throw new Error(JSON.stringify(result.problems));
  return result.article.section.name;
};

describe("the desks file", () => {
  it("lists the newsroom's desks in order, each at /<slug>/, with World for articles that name none", () => {
    expect(projectDesks.problems).toEqual([]);
    expect(projectDesks.desks.list.map((d) => [d.name, d.url])).toEqual([["World", "/world/"], ["Business", "/business/"], ["Technology", "/technology/"], ["Science", "/science/"]]);
    expect(projectDesks.desks.fallback.name).toBe("World");
  });

  it("reports every mistake in it on one line naming the file and the field", () => {
    const { desks, problems: found } = readDesks({
      default: "Buisness",
      list: [
        { name: "Business", slug: "business", descripton: "Money." },
        { name: "Tags", slug: "tags" },
        { name: "Sport", slug: "Sport" },
        { name: "business", slug: "money" },
        { name: "", slug: "empty" },
      ],
    });
    expect(found.map(formatProblem)).toEqual([
      '_data/sections.ts: list.0.descripton: is not a known field (did you mean "description"?)',
      '_data/sections.ts: list.1.slug: is "tags", the address of the tag pages (expected another slug)',
      '_data/sections.ts: list.2.slug: is "Sport", not a slug (expected lowercase letters, digits and hyphens with a letter, e.g. world)',
      "_data/sections.ts: list.3: repeats the desk Business (expected each name and slug once)",
      "_data/sections.ts: list.4.name: is missing or empty (expected the desk's name as readers see it, e.g. World)",
      '_data/sections.ts: default: is "Buisness", not a desk of _data/sections.ts (did you mean "Business"?)',
    ]);
    expect(desks.list.map((d) => d.name)).toEqual(["Business"]);
    expect(readDesks({ default: "World", list: [] }).problems.map(formatProblem)).toEqual([
      "_data/sections.ts: list: is missing or empty (expected a list of desks, e.g. [{ name: World, slug: world }])",
    ]);
  });
});

describe("an article's section", () => {
  it("names a desk by its name or slug in any case, and defaults to the desk the file names", () => {
    expect(sectionOf({ ...validFields, section: "Business" })).toBe("Business");
    expect(sectionOf({ ...validFields, section: "technology" })).toBe("Technology");
    expect(sectionOf(validFields)).toBe("World");
  });

  it("is a one-line error with a did-you-mean when it names no desk", () => {
    expect(problems({ ...validFields, section: "Wrold" })).toEqual(['articles/x.md: section: is "Wrold", not a desk of _data/sections.ts (did you mean "World"?)']);
    expect(problems({ ...validFields, section: "Gardening" })).toEqual([
      'articles/x.md: section: is "Gardening", not a desk of _data/sections.ts (expected one of World, Business, Technology, Science)',
    ]);
    expect(problems({ ...validFields, section: ["World"] })).toEqual(["articles/x.md: section: is a list (expected a desk of _data/sections.ts, e.g. World)"]);
  });

  it("keeps static pages and old addresses off the desks' pages", () => {
    const clashes = deskClashes(projectDesks.desks, [
      { file: "pages/world.md", url: "/world/", aliases: [] },
      { file: "articles/a.md", url: "/2020/01/01/a/", aliases: ["/business/page/2/", "/business/2019/old/"] },
    ]);
    expect(clashes.map(formatProblem)).toEqual([
      "pages/world.md: slug: gives URL /world/, the World desk's page (expected another slug)",
      "articles/a.md: aliases: /business/page/2/ is an address of the Business desk's pages (expected an old address no page of this site uses)",
    ]);
  });

  it("groups articles into every desk's listing, an empty desk included, in the header's order", () => {
    const [a, b] = [parse({ ...validFields, section: "Science" }), parse(validFields)].map((r) => ("article" in r ? r.article : undefined!));
    const { sections, pages } = deskListings([a!, b!], projectDesks.desks, 20);
    expect(sections.map((s) => `${s.name} ${s.count}`)).toEqual(["World 1", "Business 0", "Technology 0", "Science 1"]);
    expect(pages.map((p) => p.url)).toEqual(["/world/", "/business/", "/technology/", "/science/"]);
  });
});

// A Business desk with more than two pages' worth of stories, a World story (no section: the default), a
// Business draft; Technology and Science have no story yet
describe("desks on a fixture site", () => {
  let site: Fixture;
  const page = (url: string) => site.read(`_site${url}index.html`);
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["entry", "url", "link"].includes(name) });
  const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
  const meta = (html: string, key: string) => [...html.matchAll(/<meta property="([^"]+)" content="([^"]*)">/g)].filter((m) => m[1] === key).map((m) => m[2]);

  beforeAll(async () => {
    const files: Record<string, string> = {
      "articles/rates.md": article({ ...validFields, title: "Central bank holds rates", date: "2025-06-20T10:00:00-04:00", section: "business", tags: ["Rates"] }),
      "articles/bridge.md": article({ ...validFields, date: "2025-06-10T10:00:00-04:00" }),
      "articles/secret.md": article({ ...validFields, title: "Secret merger", date: "2025-06-21", section: "Business", draft: true }),
    };
    // one a day from May 1, 2025: with the rates story, 43 on the desk, its 20 oldest on /business/page/1/
    for (let i = 1; i <= 42; i++) {
      const date = new Date(Date.UTC(2025, 4, i)).toISOString().slice(0, 10);
      files[`articles/markets-${i}.md`] = article({ ...validFields, title: `Markets story ${i}`, date, section: "Business", tags: ["Markets"] });
    }
    site = makeFixture(files);
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);

  it("lists each desk at /<slug>/, newest first and paginated from the oldest like every listing", () => {
    const business = page("/business/");
    expect(business).toContain("<h1>Business</h1>");
    expect(business).toContain('<p class="listing-count">Markets, central banks, companies and trade. 43 stories, newest first.</p>');
    expect(business.indexOf("Central bank holds rates")).toBeLessThan(business.indexOf("Markets story 42"));
    expect(business).toContain("Markets story 21<");
    expect(business).not.toContain("Markets story 20<");
    expect(business).not.toContain("Secret merger");
    expect(business).toContain('<a href="/business/page/1/" rel="next">');
    const oldest = page("/business/page/1/");
    expect(oldest).toContain("<h1>Business, page 1</h1>");
    // the count is on the first page only
    expect(oldest).toContain('<p class="listing-count">Markets, central banks, companies and trade.</p>');
    expect(oldest.indexOf("Markets story 20<")).toBeLessThan(oldest.indexOf("Markets story 1<"));
    expect(oldest).not.toContain("Markets story 21<");
    expect(oldest).toContain('<a href="/business/" rel="prev">');
    expect(site.exists("_site/business/page/2/index.html")).toBe(false);
    expect(page("/world/")).toContain("Council approves new bridge");
    expect(page("/world/")).not.toContain("Markets story");
  });

  it("gives a desk without stories a page, since the header links to it", () => {
    expect(page("/science/")).toContain("<h1>Science</h1>");
    expect(page("/science/")).toContain("Nothing has been published here yet.");
    expect(page("/science/")).toContain('<p class="listing-count">Climate, environment and research. No stories yet.</p>');
  });

  it("lists the desks in the header's navigation, in the file's order, on every page", () => {
    for (const url of ["/", "/business/", "/2025/06/10/bridge/", "/tags/"]) {
      const nav = page(url).match(/<nav aria-label="Sections">([\s\S]*?)<\/nav>/)![1]!;
      const links = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
      expect(links.slice(0, 5)).toEqual(["Latest /", "World /world/", "Business /business/", "Technology /technology/", "Science /science/"]);
    }
  });

  it("publishes an Atom feed per desk, linked from its page, with its published stories only", () => {
    for (const slug of ["business", "world", "science"]) validateXml(path.join(site.root, `_site/${slug}/feed.xml`), "atom.rng");
    const feed = xml.parse(site.read("_site/business/feed.xml")).feed;
    expect(feed.title).toBe("The Wire Desk: Business");
    expect(feed.id).toBe(`${BASE}/business/feed.xml`);
    expect(feed.entry).toHaveLength(20); // feedSize
    expect(feed.entry[0].title).toBe("Central bank holds rates");
    expect(site.read("_site/business/feed.xml")).not.toContain("Secret merger");
    expect(xml.parse(site.read("_site/science/feed.xml")).feed.entry).toBeUndefined();
    expect(page("/business/")).toContain('<link rel="alternate" type="application/atom+xml" href="/business/feed.xml" title="The Wire Desk: Business (Atom)">');
  });

  it("puts each desk's pages with a published story in the sitemap", () => {
    validateXml(path.join(site.root, "_site/sitemap.xml"), "sitemap.xsd");
    const locs = (xml.parse(site.read("_site/sitemap.xml")).urlset.url as { loc: string }[]).map((u) => u.loc);
    expect(locs).toEqual(expect.arrayContaining([`${BASE}/business/`, `${BASE}/business/page/1/`, `${BASE}/world/`]));
    expect(locs).not.toContain(`${BASE}/business/page/2/`);
    expect(locs).not.toContain(`${BASE}/science/`);
  });

  it("gives an article breadcrumbs, Home › desk › headline, shown and as BreadcrumbList JSON-LD", () => {
    const html = page("/2025/06/20/rates/");
    expect(html).toContain('<nav class="breadcrumbs" aria-label="Breadcrumb">\n  <ol><li><a href="/">Home</a></li><li><a href="/business/">Business</a></li><li aria-current="page">Central bank holds rates</li></ol>');
    const trail = jsonLd(html).find((block) => block["@type"] === "BreadcrumbList");
    expect(trail.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "The Wire Desk", item: `${BASE}/` },
      { "@type": "ListItem", position: 2, name: "Business", item: `${BASE}/business/` },
      { "@type": "ListItem", position: 3, name: "Central bank holds rates", item: `${BASE}/2025/06/20/rates/` },
    ]);
    expect(page("/2025/06/10/bridge/")).toContain('<li><a href="/world/">World</a></li>');
  });

  it("names the desk as articleSection in JSON-LD and article:section in Open Graph, not the first tag", () => {
    const html = page("/2025/06/20/rates/");
    expect(jsonLd(html)[0]).toMatchObject({ "@type": "NewsArticle", articleSection: "Business", keywords: ["Rates"] });
    expect(meta(html, "article:section")).toEqual(["Business"]);
    expect(meta(page("/2025/06/10/bridge/"), "article:section")).toEqual(["World"]);
  });

  it("describes a desk's page as a CollectionPage of its stories", () => {
    const [data] = jsonLd(page("/world/"));
    expect(data).toMatchObject({ "@type": "CollectionPage", name: "World", url: `${BASE}/world/`, mainEntity: { itemListElement: [{ position: 1, url: `${BASE}/2025/06/10/bridge/` }] } });
  });

  it("offers the desk as a search filter", () => {
    const folder = path.join(site.root, "_site/pagefind/filter");
    const filters = readdirSync(folder).map((file) => gunzipSync(readFileSync(path.join(folder, file))).toString("utf8")).join("");
    expect(filters).toContain("section");
    expect(filters).toContain("Business");
  });

  it("stops the build on a section naming no desk, with the other problems, and leaves _site alone", async () => {
    const broken = makeFixture({
      "articles/typo.md": article({ ...validFields, section: "Buisness" }),
      "articles/other.md": article({ ...validFields, title: "Other", date: "2025-13-01" }),
      "pages/business.md": "---\ntitle: Business\n---\n\nAbout our business desk.\n",
    });
    const result = await broken.run("build");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('articles/typo.md: section: is "Buisness", not a desk of _data/sections.ts (did you mean "Business"?)');
    expect(result.stderr).toContain("articles/other.md: date:");
    expect(result.stderr).toContain("pages/business.md: slug: gives URL /business/, the Business desk's page (expected another slug)");
    expect(broken.exists("_site")).toBe(false);
  }, 60_000);
});
