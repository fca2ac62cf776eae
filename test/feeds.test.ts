import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticle, type Article } from "../src/content/load.ts";
import { buildFeeds, type FeedSettings } from "../src/syndication/feed-list.ts";
import { absoluteStoryHtml } from "../src/syndication/feed-content.ts";
import { article, makeFixture, PROJECT, validFields, type Fixture } from "./fixture.ts";
import { validateXml } from "./xml-schemas.ts";

const BASE = "https://example.org/news";
const ENV = { SITE_URL: BASE, PATH_PREFIX: "/news/" };
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["entry", "item", "author", "category", "link", "dc:creator"].includes(name) });
type Node = Record<string, any>;

const lead = {
  ...validFields,
  title: "Rates & <Bonds> rise",
  date: "2025-12-30T10:00:00-05:00",
  updated: "2025-12-31T08:00:00-05:00",
  author: ["Ana Ruiz", "Bo Li"],
  tags: ["Economy", "Markets"],
  description: "Bond yields climbed on Tuesday.",
};
// a control character pasted into the story: XML cannot hold it, the feeds must still validate
const leadBody = "See [the archive](/archive/), [notes](notes/) and [the part](#part).\u0008\n\n![A hazy skyline](images/smoke.jpg)\n\n<script>alert(1)</script>";

describe("feeds on a fixture site built under SITE_URL + PATH_PREFIX", () => {
  let site: Fixture;
  const parse = (file: string): Node => xml.parse(site.read(`_site/${file}`));

  beforeAll(async () => {
    site = makeFixture({
      "articles/lead.md": article(lead, leadBody),
      "articles/older.md": article({ ...validFields, title: "Older story", tags: ["Economy"] }, "Its standfirst comes from this\u0007 first paragraph."),
      "articles/draft.md": article({ ...validFields, title: "Secret draft", draft: true, tags: ["Economy"] }),
      "articles/later.md": article({ ...validFields, title: "Embargoed story", date: "2026-01-05T09:00:00-05:00", tags: ["Economy"] }),
    });
    mkdirSync(path.join(site.root, "articles/images"));
    copyFileSync(path.join(PROJECT, "articles/2019/images/amazon-smoke.jpg"), path.join(site.root, "articles/images/smoke.jpg"));
    const result = await site.run("build", ENV);
    expect(result.code, result.stderr).toBe(0);
  }, 60_000);

  it("publishes a site Atom feed that validates against the RFC 4287 RELAX NG schema, newest first", () => {
    for (const file of ["_site/feed.xml", "_site/tags/economy/feed.xml", "_site/tags/markets/feed.xml"]) validateXml(path.join(site.root, file), "atom.rng");
    const feed = parse("feed.xml").feed;
    expect(feed.title["#text"] ?? feed.title).toBe("The Wire Desk");
    expect(feed.id).toBe(`${BASE}/feed.xml`);
    expect(feed.link.map((l: Node) => l.href)).toEqual([`${BASE}/feed.xml`, `${BASE}/`]);
    expect(feed.updated).toBe("2025-12-31T08:00:00-05:00");
    expect(feed.entry.map((e: Node) => e.title)).toEqual(["Rates & <Bonds> rise", "Older story"]);
  });

  it("gives each entry an absolute link and id, dates with offsets, authors, summary and tag categories", () => {
    const [first, second] = parse("feed.xml").feed.entry as Node[];
    const url = `${BASE}/2025/12/30/lead/`;
    expect(first!.link[0].href).toBe(url);
    expect(first!.id).toBe(url);
    expect(first!.published).toBe("2025-12-30T10:00:00-05:00");
    expect(first!.updated).toBe("2025-12-31T08:00:00-05:00");
    expect(first!.author.map((a: Node) => a.name)).toEqual(["Ana Ruiz", "Bo Li"]);
    expect(first!.summary).toBe("Bond yields climbed on Tuesday.");
    expect(first!.category.map((c: Node) => [c.term, c.label])).toEqual([["economy", "Economy"], ["markets", "Markets"]]);
    // a story without a byline is credited to its source
    expect(second!.author.map((a: Node) => a.name)).toEqual(["AFP"]);
    expect(second!.published).toBe("2025-06-01T09:30:00-04:00");
  });

  it("carries the full story as HTML with absolute URLs, working images and no script", () => {
    const content: string = parse("feed.xml").feed.entry[0].content["#text"];
    expect(content).toContain(`<a href="${BASE}/archive/">the archive</a>`);
    expect(content).toContain(`<a href="${BASE}/2025/12/30/lead/notes/">notes</a>`);
    expect(content).toContain(`<a href="${BASE}/2025/12/30/lead/#part">the part</a>`);
    const image = /<img src="([^"]+)" alt="A hazy skyline" width="(\d+)" height="(\d+)">/.exec(content);
    expect(image, content).not.toBeNull();
    expect(image![1]).toMatch(new RegExp(`^${BASE}/img/[^/]+\\.jpeg$`));
    expect(site.exists(`_site/${image![1]!.slice(BASE.length + 1)}`)).toBe(true);
    expect(content).not.toContain("<script");
    expect(content).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("publishes the same entries as JSON Feed 1.1 and RSS 2.0", () => {
    const json = JSON.parse(site.read("_site/feed.json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.feed_url).toBe(`${BASE}/feed.json`);
    expect(json.home_page_url).toBe(`${BASE}/`);
    expect(json.items.map((i: Node) => i.title)).toEqual(["Rates & <Bonds> rise", "Older story"]);
    expect(json.items[0]).toMatchObject({
      id: `${BASE}/2025/12/30/lead/`, url: `${BASE}/2025/12/30/lead/`, summary: "Bond yields climbed on Tuesday.",
      date_published: "2025-12-30T10:00:00-05:00", date_modified: "2025-12-31T08:00:00-05:00",
      authors: [{ name: "Ana Ruiz" }, { name: "Bo Li" }], tags: ["Economy", "Markets"],
    });
    expect(json.items[0].content_html).toContain(`<a href="${BASE}/archive/">`);

    const channel = parse("rss.xml").rss.channel;
    expect(channel.link).toEqual([`${BASE}/`]);
    expect(channel.item.map((i: Node) => i.title)).toEqual(["Rates & <Bonds> rise", "Older story"]);
    expect(channel.item[0].guid["#text"]).toBe(`${BASE}/2025/12/30/lead/`);
    expect(channel.item[0].pubDate).toBe("Tue, 30 Dec 2025 10:00:00 -0500");
    expect(channel.item[0]["dc:creator"]).toEqual(["Ana Ruiz", "Bo Li"]);
    expect(channel.item[0]["content:encoded"]).toContain(`<a href="${BASE}/archive/">`);
  });

  it("publishes an Atom feed per tag, linked from the tag page's head, and the site feeds from every page", () => {
    expect(parse("tags/economy/feed.xml").feed.entry.map((e: Node) => e.title)).toEqual(["Rates & <Bonds> rise", "Older story"]);
    expect(parse("tags/markets/feed.xml").feed.entry.map((e: Node) => e.title)).toEqual(["Rates & <Bonds> rise"]);
    expect(site.read("_site/tags/economy/index.html")).toContain('<link rel="alternate" type="application/atom+xml" href="/news/tags/economy/feed.xml"');
    for (const page of ["index.html", "2025/12/30/lead/index.html", "tags/markets/index.html", "archive/index.html"]) {
      const html = site.read(`_site/${page}`);
      expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/news/feed.xml"');
      expect(html).toContain('<link rel="alternate" type="application/feed+json" href="/news/feed.json"');
    }
  });

  it("never puts drafts or embargoed articles in any feed", () => {
    const feeds = ["feed.xml", "rss.xml", "feed.json", ...readdirSync(path.join(site.root, "_site/tags")).map((t) => `tags/${t}/feed.xml`)];
    for (const file of feeds.filter((f) => site.exists(`_site/${f}`))) {
      expect(site.read(`_site/${file}`)).not.toMatch(/Secret draft|Embargoed story/);
    }
  });
});

describe("feed building, without a build", () => {
  const options = { timezone: "America/New_York", now: DateTime.fromISO("2026-01-01T12:00:00Z") };
  const make = (fields: Record<string, unknown>, file: string): Article => {
    const parsed = parseArticle(file, article({ ...validFields, ...fields }), options);
    if (!("article" in parsed)) throw new Error(JSON.stringify(parsed.problems));
    return parsed.article;
  };
  const settings: FeedSettings = {
    url: BASE, pathPrefix: "/news/", base: BASE, root: PROJECT, title: "T", description: "D", language: "en",
    publisher: "P", timezone: "America/New_York", feedSize: 2,
  };
  const noImages = () => Promise.reject(new Error("no images here"));

  it("makes root-relative, relative and fragment URLs absolute under the base, leaving other schemes alone", async () => {
    const html = await absoluteStoryHtml("[a](/x/) [b](y/) [c](#z) [d](mailto:desk@example.org) [e](https://other.example/)", "/2025/01/02/s/", BASE, noImages);
    expect(html).toBe(`<p><a href="${BASE}/x/">a</a> <a href="${BASE}/2025/01/02/s/y/">b</a> <a href="${BASE}/2025/01/02/s/#z">c</a> <a href="mailto:desk@example.org">d</a> <a href="https://other.example/">e</a></p>\n`);
  });

  it("takes only published articles, at most feedSize per feed, even when drafts and embargoed ones are loaded (dev server)", () => {
    const articles = [
      make({ title: "Future", date: "2026-02-01T00:00:00Z", tags: ["A"] }, "articles/future.md"),
      make({ title: "Draft", draft: true, tags: ["A"] }, "articles/draft.md"),
      make({ title: "Three", date: "2025-03-01T00:00:00Z", tags: ["A"] }, "articles/three.md"),
      make({ title: "Two", date: "2025-02-01T00:00:00Z", tags: ["A", "B"] }, "articles/two.md"),
      make({ title: "One", date: "2025-01-01T00:00:00Z", tags: ["B"] }, "articles/one.md"),
    ];
    const feeds = buildFeeds(articles, settings, "2026-01-01T07:00:00-05:00");
    expect(feeds.map((f) => [f.paths.atom, f.entries.map((e) => e.title)])).toEqual([
      ["/feed.xml", ["Three", "Two"]],
      ["/tags/a/feed.xml", ["Three", "Two"]],
      ["/tags/b/feed.xml", ["Two", "One"]],
    ]);
    expect(buildFeeds([], settings, "2026-01-01T07:00:00-05:00")[0]!.updated).toBe("2026-01-01T07:00:00-05:00");
  });
});
