// What the dev server re-renders after an edit (src/site/changes.ts, src/site/page-shows.ts), and the stories a
// production build renders ahead in a worker (src/render/story.ts): pure code, no build.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { ChangedPages } from "../src/site/changes.ts";
import { listingFrame } from "../src/site/page-shows.ts";
import { pageWindow, paginate } from "../src/site/listings.ts";
import { buildCollections } from "../src/site/collections.ts";
import { patchCollections } from "../src/site/patch-collections.ts";
import { relatedArticles } from "../src/site/related.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { StoriesAhead, storyBody } from "../src/render/story.ts";
import { storyMarkdown } from "../src/content/markdown.ts";
import { absoluteStoryHtml, FeedStoriesAhead } from "../src/syndication/feed-content.ts";
import { buildFeeds, patchFeeds, type FeedSettings } from "../src/syndication/feed-list.ts";
import { article, PINNED_ENV, PROJECT, validFields } from "./fixture.ts";

const now = DateTime.fromISO(PINNED_ENV.BUILD_NOW);
const load = (file: string, fields: Record<string, unknown>, body?: string): Article => {
  const parsed = parseArticle(file, article({ ...validFields, ...fields }, body), { timezone: "America/New_York", now });
  if (!("article" in parsed)) throw new Error(JSON.stringify(parsed.problems));
  return parsed.article;
};
// June n, 2025 (a day before June 1 falls in May)
const day = (n: number) => `${new Date(Date.UTC(2025, 5, n)).toISOString().slice(0, 10)}T09:00:00-04:00`;
// 65 articles, newest first, two a day from June 28: three home pages of 20, numbered from the oldest
// (the first page holds the newest 25, /page/2/ the next 20, /page/1/ the oldest 20); every fifth
// one also tagged Energy
const COUNT = 65;
const corpus = () => Array.from({ length: COUNT }, (_, i) => load(`articles/a${i}.md`, { title: `Story ${i}`, date: day(28 - Math.floor(i / 2)), tags: i % 5 ? ["Markets"] : ["Markets", "Energy"] }));

/** `collected`: the pages are told the build's articles, as the articles plugin tells them, and skip pages made of the same objects. */
function build(pages: ChangedPages, articles: Article[], collected = false) {
  const c = buildCollections(articles, "America/New_York", 20, "Home");
  if (collected) pages.collected(c.articles);
  const listings = [...c.homePages, ...c.tagPages, ...c.monthPages];
  const rendered = { articles: pages.articlePages(c.articles, c.articleLinks).map((a) => a.url), listings: pages.listingPages(listings).map((p) => p.url) };
  pages.finishBuild();
  return rendered;
}

describe("the dev server's rebuild after an edit", () => {
  it("renders every page on the first build and nothing when no article changed", () => {
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const articles = corpus();
    const first = build(pages, articles);
    expect(first.articles).toHaveLength(COUNT);
    expect(first.listings).toEqual(expect.arrayContaining(["/", "/page/2/", "/page/1/", "/tags/markets/page/1/", "/archive/2025/06/page/1/", "/archive/2025/05/"]));
    expect(first.listings).not.toContain("/page/3/");
    expect(build(pages, articles)).toEqual({ articles: [], listings: [] });
  });

  it("renders an edited story's own page alone when its headline and card are unchanged", () => {
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const articles = corpus();
    build(pages, articles);
    articles[30] = load("articles/a30.md", { title: "Story 30", date: day(13), tags: ["Markets", "Energy"] }, "Body text of the story.\n\nA new second paragraph.");
    expect(build(pages, articles)).toEqual({ articles: [articles[30]!.url], listings: [] });
  });

  it("renders the pages that show a changed headline: its page, neighbours, related stories and listings", () => {
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const articles = corpus();
    build(pages, articles);
    articles[30] = load("articles/a30.md", { title: "Story 30, corrected", date: day(13), tags: ["Markets", "Energy"] });
    const { articles: rendered, listings } = build(pages, articles);
    expect(rendered).toContain(articles[30]!.url);
    expect(rendered).toContain(articles[29]!.url); // its newer neighbour links to it
    expect(rendered).toContain(articles[31]!.url);
    expect(rendered.length).toBeLessThan(COUNT);
    // related stories rank the nearest in time first: the Energy stories around it list it, the newest one does not
    const listing = relatedArticles(articles).flatMap((related, i) => (related.includes(articles[30]!) ? [articles[i]!.url] : []));
    expect(listing).toContain(articles[35]!.url);
    expect(listing).not.toContain(articles[0]!.url);
    expect(rendered.sort()).toEqual([...new Set([articles[29]!.url, articles[30]!.url, articles[31]!.url, ...listing])].sort());
    // story 30 is on /page/2/ (stories 21–40 from the oldest), the first page of June, and so on
    expect(listings.sort()).toEqual(["/archive/2025/06/", "/page/2/", "/tags/energy/", "/tags/markets/page/2/"]);
  });

  it("renders each list's first page alone when a story is published, and only the stories near it", () => {
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const articles = corpus();
    build(pages, articles);
    const published = [load("articles/new.md", { title: "New story", date: day(29), tags: ["Markets"] }), ...articles];
    const { articles: rendered, listings } = build(pages, published);
    // the numbered pages keep their stories, so /page/2/, /page/1/, /tags/markets/page/2/… are left alone
    expect(listings.sort()).toEqual(["/", "/archive/2025/06/", "/tags/markets/"]);
    // its page, the story before it (now with a newer link) and the nearest stories, which list it as related
    expect(rendered.sort()).toEqual(published.slice(0, 4).map((a) => a.url).sort());
  });

  it("patches the last build's lists after an edit that moves no article, and renders the same pages a full rebuild would", () => {
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const articles = corpus();
    let collections = buildCollections(articles, "America/New_York", 20, "Home");
    build(pages, articles);
    const edited = [...articles];
    edited[30] = load("articles/a30.md", { title: "Story 30, corrected", date: day(13), tags: ["Markets", "Energy"] });
    const full = build(pages, edited);

    const patched = patchCollections(collections, edited)!;
    expect([...patched.replaced]).toEqual([[articles[30], edited[30]]]);
    collections = patched.collections;
    const fresh = buildCollections(edited, "America/New_York", 20, "Home");
    const shape = (c: typeof collections) => JSON.stringify([c.homePages, c.tagPages, c.monthPages, c.articleLinks]);
    expect(shape(collections)).toBe(shape(fresh));

    // the same selection, worked out from the pages the patch touched instead of every page
    const again = Object.assign(new ChangedPages(), { enabled: true });
    build(again, articles);
    again.limitTo(patched.touched);
    const listings = [...collections.homePages, ...collections.tagPages, ...collections.monthPages];
    expect({
      articles: again.articlePages(collections.articles, collections.articleLinks).map((a) => a.url),
      listings: again.listingPages(listings).map((p) => p.url),
    }).toEqual(full);
  });

  it("builds the lists again when an edit re-dates or re-tags an article", () => {
    const articles = corpus();
    const collections = buildCollections(articles, "America/New_York", 20, "Home");
    const redated = [...articles];
    redated[30] = load("articles/a30.md", { title: "Story 30", date: day(14), tags: ["Markets", "Energy"] });
    expect(patchCollections(collections, redated)).toBeUndefined();
    const retagged = [...articles];
    retagged[30] = load("articles/a30.md", { title: "Story 30", date: day(13), tags: ["Markets"] });
    expect(patchCollections(collections, retagged)).toBeUndefined();
  });

  it("renders the same pages when it skips those made of the same objects as last time: a story published, one deleted, a tag re-spelled", () => {
    // each run gets its own objects: building the collections merges tag spellings into them
    const runs = (collected: boolean) => {
      const pages = Object.assign(new ChangedPages(), { enabled: true });
      const articles = corpus();
      const published = load("articles/new.md", { title: "New story", date: day(29), tags: ["Markets"] });
      const kept = [published, ...articles.filter((_, i) => i !== 40)];
      // 13 older stories spell it "ENERGY", more than the 12 "Energy": every Energy card changes, on the same objects
      const shouted = Array.from({ length: 13 }, (_, n) => load(`articles/loud${n}.md`, { title: `Loud ${n}`, date: day(-14 - n), tags: ["ENERGY"] }));
      const energy = kept.filter((a) => a.tags.some((t) => t.slug === "energy")).map((a) => a.url);
      const steps = [articles, [published, ...articles], kept, [...kept, ...shouted]].map((list) => build(pages, list, collected));
      return { steps, energy };
    };
    const [signed, skipped] = [runs(false), runs(true)];
    expect(skipped.steps).toEqual(signed.steps);
    expect(skipped.steps[1]!.listings.sort()).toEqual(["/", "/archive/2025/06/", "/tags/markets/"]);
    // the re-spelling changed the cards of the twelve Energy stories: their pages render again, and the
    // Markets pages that list them, though no story joined or left Markets
    expect(skipped.energy).toHaveLength(12);
    expect(skipped.steps[3]!.articles).toEqual(expect.arrayContaining(skipped.energy));
    expect(skipped.steps[3]!.listings).toEqual(expect.arrayContaining(["/tags/energy/", "/tags/markets/page/1/", "/tags/markets/page/2/"]));
  });

  it("renders everything again after a change to anything but an article", () => {
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const articles = corpus();
    build(pages, articles);
    pages.changed(["_includes/layouts/base.njk"], (file) => file.startsWith("articles/"));
    expect(build(pages, articles).articles).toHaveLength(COUNT);
  });

  it("rewrites the feeds that carry an edited story, in every format, and leaves the other feeds alone", () => {
    const settings: FeedSettings = {
      url: "https://example.org", pathPrefix: "/", base: "https://example.org", root: PROJECT, title: "T", description: "D",
      language: "en", publisher: "P", timezone: "America/New_York", feedSize: 20,
    };
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const articles = corpus();
    const feeds = () => {
      const all = buildFeeds(articles, settings, "2026-01-01T07:00:00-05:00");
      const rendered = ["atom", "rss"].flatMap((format) => pages.feedPages(all.filter((f) => f.urls[format as "atom"]), format).map((f) => f.urls[format as "atom"]));
      pages.finishBuild();
      return rendered;
    };
    expect(feeds()).toHaveLength(4); // site feed and two tag feeds in Atom, the site feed in RSS
    expect(feeds()).toEqual([]);
    articles[2] = load("articles/a2.md", { title: "Story 2", date: day(27), tags: ["Markets"] }, "Body text of the story.\n\nMore.");
    expect(feeds()).toEqual(["https://example.org/feed.xml", "https://example.org/tags/markets/feed.xml", "https://example.org/rss.xml"]);

    // the dev server patches the last feed list instead: the same feeds change, with the same entries
    const last = buildFeeds(articles, settings, "2026-01-01T07:00:00-05:00");
    expect(last[0]!.entries.map((e) => e.title)).toContain("Story 3"); // written before the edit
    const edited = [...articles];
    edited[3] = load("articles/a3.md", { title: "Story 3, corrected", date: day(27), tags: ["Markets"] });
    const changed = patchFeeds(last, new Map([[articles[3]!, edited[3]!]]), "2026-01-01T07:00:00-05:00");
    expect(changed.map((f) => f.urls.atom)).toEqual(["https://example.org/feed.xml", "https://example.org/tags/markets/feed.xml"]);
    const fresh = buildFeeds(edited, settings, "2026-01-01T07:00:00-05:00");
    expect(JSON.stringify(last)).toBe(JSON.stringify(fresh));
    expect(JSON.stringify(last.map((f) => f.entries))).toBe(JSON.stringify(fresh.map((f) => f.entries)));
  });

  it("leaves production builds alone: every page renders every time", () => {
    const pages = new ChangedPages();
    const articles = corpus();
    build(pages, articles);
    expect(build(pages, articles).articles).toHaveLength(COUNT);
  });
});

/** A folder with two articles: one story without pictures (`plain`), one with (articles/picture.md). */
function twoStories(plain: string): { root: string; files: string[] } {
  const root = mkdtempSync(path.join(tmpdir(), "newsroom-stories-"));
  mkdirSync(path.join(root, "articles"));
  const files = { "articles/plain.md": article(validFields, plain), "articles/picture.md": article(validFields, "Text.\n\n![A map](map.png)") };
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
  return { root, files: Object.keys(files) };
}

describe("stories rendered ahead in a worker thread", () => {
  it("gives each page the same HTML the page would render itself, and leaves stories with pictures to the page", async () => {
    const { root, files } = twoStories("## Talks\n\n“Quoted” text with a [link](https://example.org) and https://example.com.\n\n> A quote.");
    const ahead = new StoriesAhead(files, root);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the worker starts and renders both
      const plain = load("articles/plain.md", {});
      // asked in the worker's order, as the article pages are
      const html = ahead.take("articles/plain.md");
      expect(html).toBe(storyBody(plain, root));
      expect(html).toContain("<h2 id=\"talks\">Talks</h2>");
      expect(ahead.take("articles/picture.md")).toBeUndefined();
      expect(ahead.take("articles/plain.md")).toBeUndefined(); // each is handed over once
    } finally {
      await ahead.close();
    }
  });

  it("gives each feed the same absolute-URL story the main thread would render, and leaves stories with pictures to it", async () => {
    const { root } = twoStories("See [the ruling](/2025/01/02/ruling/) and [notes](notes.pdf).\n\n> “A quote.”");
    const plain = load("articles/plain.md", {});
    const ahead = new FeedStoriesAhead([plain, load("articles/picture.md", {})], root, "https://example.org/news");
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the worker starts and renders both
      const html = ahead.take("articles/plain.md");
      const noPicture = () => Promise.reject(new Error("no picture expected"));
      expect(html).toBe(await absoluteStoryHtml(storyMarkdown(plain, root), plain.url, "https://example.org/news", noPicture));
      expect(html).toContain('href="https://example.org/news/2025/01/02/ruling/"');
      expect(ahead.take("articles/picture.md")).toBeUndefined();
    } finally {
      await ahead.close();
    }
  });
});

describe("a listing page's signature", () => {
  it("changes whenever its pagination bar as shown changes, as stories are published one by one", () => {
    const shown = (page: ReturnType<typeof paginate<number>>[number]) =>
      pageWindow(page).map((l) => ("gap" in l ? "…" : `${l.latest ? "Latest" : l.number}${l.current ? "*" : ""}`)).join(" ");
    for (let n = 1; n < 400; n++) {
      const [before, after] = [paginate(Array.from({ length: n }, (_, i) => i), "/x/", "X", 5), paginate(Array.from({ length: n + 1 }, (_, i) => i), "/x/", "X", 5)];
      for (const page of before.slice(1)) {
        const same = after.find((p) => p.url === page.url)!;
        if (listingFrame(page) === listingFrame(same)) expect(shown(same)).toBe(shown(page));
      }
    }
  });
});
