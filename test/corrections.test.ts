import path from "node:path";
import { DateTime } from "luxon";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import site from "../_data/site.ts";
import { lastChange } from "../src/content/corrections.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { searchInput, searchRecord } from "../src/search/records.ts";
import { correctionItems } from "../src/site/correction-listings.ts";
import { ChangedPages } from "../src/site/changes.ts";
import { buildCollections } from "../src/site/collections.ts";
import { patchCollections } from "../src/site/patch-collections.ts";
import { article, makeFixture, PINNED_ENV, validFields, type Fixture } from "./fixture.ts";
import { validateXml } from "./xml-schemas.ts";

const BASE = "https://newsroom.example";
const options = { timezone: site.timezone, now: DateTime.fromISO(PINNED_ENV.BUILD_NOW) };
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true, isArray: (name) => ["entry", "url", "link"].includes(name) });
type Node = Record<string, any>;

/** A validated article record, or the problem lines of a broken one. */
function parse(fields: Record<string, unknown>, file = "articles/x.md"): Article | string[] {
  const result = parseArticle(file, article({ ...validFields, ...fields }), options);
  return "article" in result ? result.article : result.problems.map(formatProblem);
}
const record = (fields: Record<string, unknown>, file?: string) => parse(fields, file) as Article;

// validFields' date is 2025-06-01T09:30:00-04:00; the pinned "now" is 2026-01-01T12:00:00Z
const bridge = {
  ...validFields,
  updated: "2025-06-02T08:00:00-04:00",
  corrections: [
    { date: "2025-06-01", text: "An earlier version gave the bridge's length as 2 km. It is 1.2 km." },
    { date: "2025-06-03T10:00:00-04:00", text: "An earlier version misspelt the mayor's name." },
  ],
};

describe("corrections in the front matter", () => {
  it("come newest first, numbered from the oldest, each dated like `date` in the site's zone", () => {
    const { corrections } = record(bridge);
    expect(corrections.map((c) => [c.number, c.date.instant.toISO(), c.date.hasTime, c.text])).toEqual([
      [2, "2025-06-03T10:00:00.000-04:00", true, "An earlier version misspelt the mayor's name."],
      [1, "2025-06-01T00:00:00.000-04:00", false, "An earlier version gave the bridge's length as 2 km. It is 1.2 km."],
    ]);
    expect(record(validFields).corrections).toEqual([]);
  });

  it("move the story's last change to the latest correction only when it is later than `updated`", () => {
    expect(lastChange(record(bridge)).instant.toISO()).toBe("2025-06-03T10:00:00.000-04:00");
    const earlier = record({ ...bridge, updated: "2025-06-05T08:00:00-04:00" });
    expect(lastChange(earlier)).toBe(earlier.updated);
    const plain = record(validFields);
    expect(lastChange(plain)).toBe(plain.date);
  });

  it("allow a bare day that is the story's own day, and today, but nothing before the story or after now", () => {
    expect(parse({ corrections: [{ date: "2025-06-01", text: "Same day." }, { date: "2026-01-01", text: "Today." }] })).not.toBeInstanceOf(Array);
    expect(parse({ corrections: [{ date: "2025-05-31", text: "Too early." }, { date: "2025-06-01T09:00:00-04:00", text: "Before publication." }, { date: "2026-01-01T12:00:01Z", text: "Future." }] })).toEqual([
      'articles/x.md: corrections.0.date: is "2025-05-31", before date "2025-06-01T09:30:00-04:00" (expected a date on or after publication)',
      'articles/x.md: corrections.1.date: is "2025-06-01T09:00:00-04:00", before date "2025-06-01T09:30:00-04:00" (expected a date on or after publication)',
      'articles/x.md: corrections.2.date: is "2026-01-01T12:00:01Z", after the build\'s "now" (2026-01-01T07:00:00-05:00) (expected a correction already made)',
    ]);
  });

  it("report a bad date, a missing text, an unknown key or a non-list on one line each, naming the field", () => {
    expect(parse({ corrections: [{ date: "2025-02-30", text: "x" }, { date: "2025-06-02" }, { date: "2025-06-02", text: "x", note: "y" }] })).toEqual([
      'articles/x.md: corrections.0.date: "2025-02-30" is not a real calendar date (expected 2020-09-20, 2020-09-20T14:30:00 (site time) or 2020-09-20T14:30:00-04:00)',
      "articles/x.md: corrections.1.text: is missing (expected what was wrong and what the story now says)",
      "articles/x.md: corrections.2.note: is not a known field (expected only the fields the README's example shows)",
    ]);
    expect(parse({ corrections: { date: "2025-06-02", text: "x" } })).toEqual(["articles/x.md: corrections: is a mapping (expected a list of { date, text })"]);
    expect(parse({ corrections: ["A correction without a date."] })).toEqual([
      'articles/x.md: corrections.0: is "A correction without a date." (expected { date, text }, e.g. { date: 2020-09-21, text: An earlier version misspelt the judge\'s name. })',
    ]);
  });

  it("are listed across the site newest first, each linking to its note on the story's page", () => {
    const items = correctionItems([record(bridge, "articles/bridge.md"), record({ ...validFields, title: "Tunnel", date: "2025-05-01", corrections: [{ date: "2025-06-02", text: "Tunnel fix." }] }, "articles/tunnel.md")]);
    expect(items.map((c) => [c.url, c.text])).toEqual([
      ["/2025/06/01/bridge/#correction-2", "An earlier version misspelt the mayor's name."],
      ["/2025/05/01/tunnel/#correction-1", "Tunnel fix."],
      ["/2025/06/01/bridge/#correction-1", "An earlier version gave the bridge's length as 2 km. It is 1.2 km."],
    ]);
  });

  it("are in the story's search record, so a search finds what was corrected", () => {
    const input = searchInput(record(bridge));
    expect(input.corrections).toEqual(["An earlier version misspelt the mayor's name.", "An earlier version gave the bridge's length as 2 km. It is 1.2 km."]);
    expect(searchRecord(input, "Story text.", "en").content).toBe(
      "Council approves new bridge\nBody text of the story.\nStory text.\nAn earlier version misspelt the mayor's name.\nAn earlier version gave the bridge's length as 2 km. It is 1.2 km.",
    );
  });
});

describe("corrections on a fixture site with a pinned BUILD_NOW", () => {
  let built: Fixture;
  const page = (url: string) => built.read(`_site${url}index.html`);
  const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
  // one story corrected 41 times, so the site has 44 corrections: /corrections/ holds the newest 24
  // and /corrections/page/1/ the 20 oldest (pages count from the oldest); one a day from February 1, 2024
  const day = (n: number) => new Date(Date.UTC(2024, 1, n)).toISOString().slice(0, 10);
  const many = Array.from({ length: 41 }, (_, i) => ({ date: day(i + 1), text: `Correction number ${i + 1}.` }));

  beforeAll(async () => {
    built = makeFixture({
      "articles/bridge.md": article(bridge),
      "articles/tunnel.md": article({ ...validFields, title: "Tunnel opens", date: "2025-05-01", updated: "2025-05-20", corrections: [{ date: "2025-05-10", text: "An earlier version named the wrong contractor." }] }),
      "articles/many.md": article({ ...validFields, title: "Budget passes", date: "2024-01-15T09:00:00-05:00", corrections: many }),
      "articles/clean.md": article({ ...validFields, title: "Ferry resumes", date: "2025-04-01" }),
      "articles/draft.md": article({ ...validFields, title: "Secret draft", date: "2025-07-01", draft: true, corrections: [{ date: "2025-07-02", text: "A draft's correction." }] }),
      "pages/policy.md": "---\ntitle: Corrections policy\nslug: corrections-policy\n---\n\nWe correct mistakes in public.\n",
    });
    const result = await built.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);

  it("shows an article's corrections at the end of the story, newest first, dated in the site's zone", () => {
    const html = page("/2025/06/01/bridge/");
    const story = html.slice(html.indexOf("<article"), html.indexOf("</article>"));
    const notes = story.slice(story.indexOf('<section class="corrections"'), story.indexOf("</section>"));
    expect(story.indexOf('<div class="story-body">')).toBeLessThan(story.indexOf('<section class="corrections"'));
    expect(notes).toContain('<h2 id="corrections-heading">Corrections</h2>');
    expect(notes).toMatch(/<li id="correction-2"><time datetime="2025-06-03T10:00:00-04:00">June 3, 2025, 10 a\.m\. EDT<\/time>: An earlier version misspelt the mayor&#39;s name\.<\/li>\s*<li id="correction-1"><time datetime="2025-06-01">June 1, 2025<\/time>: /);
    expect(page("/2025/04/01/clean/")).not.toContain('class="corrections"');
    // the visible "Updated" line stays the editor's `updated`
    expect(html).toContain('Updated <time datetime="2025-06-02T08:00:00-04:00">');
  });

  it("moves JSON-LD dateModified and Open Graph's modified time to the latest correction, and lists each as a CorrectionComment", () => {
    const [data] = jsonLd(page("/2025/06/01/bridge/"));
    expect(data.dateModified).toBe("2025-06-03T10:00:00-04:00");
    expect(data.correction).toEqual([
      { "@type": "CorrectionComment", text: "An earlier version misspelt the mayor's name.", datePublished: "2025-06-03T10:00:00-04:00", url: `${BASE}/2025/06/01/bridge/#correction-2` },
      { "@type": "CorrectionComment", text: "An earlier version gave the bridge's length as 2 km. It is 1.2 km.", datePublished: "2025-06-01T00:00:00-04:00", url: `${BASE}/2025/06/01/bridge/#correction-1` },
    ]);
    expect(page("/2025/06/01/bridge/")).toContain('<meta property="article:modified_time" content="2025-06-03T10:00:00-04:00">');
    // a correction older than `updated` leaves it alone
    expect(jsonLd(page("/2025/05/01/tunnel/"))[0].dateModified).toBe("2025-05-20T00:00:00-04:00");
    expect(jsonLd(page("/2025/04/01/clean/"))[0]).not.toHaveProperty("correction");
  });

  it("moves the sitemap's lastmod and the feed's updated to the latest correction", () => {
    validateXml(path.join(built.root, "_site/sitemap.xml"), "sitemap.xsd");
    const urls = Object.fromEntries((xml.parse(built.read("_site/sitemap.xml")).urlset.url as Node[]).map((u) => [u.loc, u.lastmod]));
    expect(urls[`${BASE}/2025/06/01/bridge/`]).toBe("2025-06-03T10:00:00-04:00");
    expect(urls[`${BASE}/2025/05/01/tunnel/`]).toBe("2025-05-20");
    expect(urls[`${BASE}/2024/01/15/many/`]).toBe(day(41));
    validateXml(path.join(built.root, "_site/feed.xml"), "atom.rng");
    const entries = xml.parse(built.read("_site/feed.xml")).feed.entry as Node[];
    expect(Object.fromEntries(entries.map((e) => [e.title, e.updated]))).toMatchObject({ "Council approves new bridge": "2025-06-03T10:00:00-04:00", "Tunnel opens": "2025-05-20T00:00:00-04:00" });
  });

  it("lists every correction at /corrections/, newest first, paginated from the oldest, linking to the notes, with the policy page", () => {
    const first = page("/corrections/");
    expect(first).toContain("<h1>Corrections</h1>");
    expect(first).toContain('<p class="listing-count">44 corrections to our stories, newest first. <a href="/corrections-policy/">Corrections policy</a>');
    const links = [...first.matchAll(/<h2><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);
    expect(links.slice(0, 4)).toEqual(["/2025/06/01/bridge/#correction-2", "/2025/06/01/bridge/#correction-1", "/2025/05/01/tunnel/#correction-1", "/2024/01/15/many/#correction-41"]);
    expect(links).toHaveLength(24); // every correction newer than the numbered pages
    expect(links.at(-1)).toBe("/2024/01/15/many/#correction-21");
    expect(first).toContain('<a href="/corrections/page/1/" rel="next">Older stories</a>');
    expect(first).not.toContain('rel="prev"');
    expect(first).not.toContain("A draft&#39;s correction");
    const oldest = page("/corrections/page/1/");
    expect([...oldest.matchAll(/<h2><a href="([^"]+)">/g)].map((m) => m[1])).toEqual(Array.from({ length: 20 }, (_, i) => `/2024/01/15/many/#correction-${20 - i}`));
    expect(oldest).toContain("<h1>Corrections, page 1</h1>");
    // the count is on the first page only, the one a new correction changes
    expect(oldest).toContain('<p class="listing-count">Corrections to our stories, newest first. <a href="/corrections-policy/">Corrections policy</a>');
    expect(oldest).toContain('<a href="/corrections/" rel="prev">Newer stories</a>');
    expect(oldest).not.toContain('rel="next"');
    expect(built.exists("_site/corrections/page/2/index.html")).toBe(false);
    for (const html of [first, oldest]) expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/corrections/feed.xml" title="The Wire Desk: Corrections (Atom)">');
    expect(jsonLd(first)[0]).toMatchObject({ "@type": "CollectionPage", url: `${BASE}/corrections/` });
  });

  it("puts /corrections/ in the sitemap with its newest correction as lastmod", () => {
    const urls = Object.fromEntries((xml.parse(built.read("_site/sitemap.xml")).urlset.url as Node[]).map((u) => [u.loc, u.lastmod]));
    expect(urls[`${BASE}/corrections/`]).toBe("2025-06-03T10:00:00-04:00");
    expect(urls[`${BASE}/corrections/page/1/`]).toBe(day(20)); // its newest: the 20th correction
    expect(urls[`${BASE}/corrections/page/2/`]).toBeUndefined();
  });

  it("publishes an Atom feed of corrections, newest first, that validates, without a draft's", () => {
    validateXml(path.join(built.root, "_site/corrections/feed.xml"), "atom.rng");
    const feed = xml.parse(built.read("_site/corrections/feed.xml")).feed;
    expect(feed.id).toBe(`${BASE}/corrections/feed.xml`);
    expect(feed.updated).toBe("2025-06-03T10:00:00-04:00");
    expect(feed.entry).toHaveLength(site.feedSize);
    expect(feed.entry[0]).toMatchObject({
      title: "Correction: Council approves new bridge",
      id: `${BASE}/2025/06/01/bridge/#correction-2`,
      link: [{ rel: "alternate", type: "text/html", href: `${BASE}/2025/06/01/bridge/#correction-2` }],
      published: "2025-06-03T10:00:00-04:00",
      summary: "An earlier version misspelt the mayor's name.",
    });
    expect(built.read("_site/corrections/feed.xml")).not.toContain("draft");
  });

  it("stops the build naming each bad correction's file and field, with every other problem at once", async () => {
    const broken = makeFixture({
      "articles/early.md": article({ ...validFields, corrections: [{ date: "2025-05-01", text: "Before the story." }] }),
      "articles/form.md": article({ ...validFields, title: "Form", corrections: [{ date: "yesterday", text: "x" }] }),
      "articles/other.md": article({ ...validFields, title: "Other", updated: "2025-01-01" }),
    });
    const result = await broken.run("build");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('articles/early.md: corrections.0.date: is "2025-05-01", before date "2025-06-01T09:30:00-04:00" (expected a date on or after publication)');
    expect(result.stderr).toContain('articles/form.md: corrections.0.date: is "yesterday" (expected 2020-09-20, 2020-09-20T14:30:00 (site time) or 2020-09-20T14:30:00-04:00)');
    expect(result.stderr).toContain('articles/other.md: updated: is "2025-01-01", before date');
    expect(broken.exists("_site")).toBe(false);
  }, 60_000);
});

describe("the dev server's rebuild after an edit to a corrected story", () => {
  const zone = site.timezone;
  const load = (file: string, fields: Record<string, unknown>) => record(fields, file);
  const stories = () => [load("articles/bridge.md", bridge), load("articles/tunnel.md", { ...validFields, title: "Tunnel opens", date: "2025-05-01" })];
  const urls = (pages: { url: string }[]) => pages.map((p) => p.url);

  it("renders /corrections/ again when a corrected story's headline changes, and not for an edit it does not show", () => {
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const articles = stories();
    const collections = buildCollections(articles, zone, 20, "Home");
    expect(urls(pages.correctionPages(collections.correctionPages))).toEqual(["/corrections/"]);
    pages.finishBuild();
    expect(pages.correctionPages(collections.correctionPages)).toEqual([]);

    const retitled = [load("articles/bridge.md", { ...bridge, title: "Council approves the new bridge" }), articles[1]!];
    const patched = patchCollections(collections, retitled)!;
    pages.limitTo(patched.touched);
    expect(urls(pages.correctionPages(patched.collections.correctionPages))).toEqual(["/corrections/"]);
    expect(patched.collections.correctionPages[0]!.items.map((c) => c.article.title)).toEqual(["Council approves the new bridge", "Council approves the new bridge"]);
    pages.finishBuild();

    const untouched = [retitled[0]!, load("articles/tunnel.md", { ...validFields, title: "Tunnel opens", date: "2025-05-01", description: "New standfirst." })];
    const again = patchCollections(patched.collections, untouched)!;
    pages.limitTo(again.touched);
    expect(pages.correctionPages(again.collections.correctionPages)).toEqual([]);
  });

  it("builds the lists again when a correction is added, changed or removed", () => {
    const articles = stories();
    const collections = buildCollections(articles, zone, 20, "Home");
    const added = [load("articles/bridge.md", { ...bridge, corrections: [...bridge.corrections, { date: "2025-06-04", text: "Third." }] }), articles[1]!];
    expect(patchCollections(collections, added)).toBeUndefined();
    const reworded = [load("articles/bridge.md", { ...bridge, corrections: [bridge.corrections[0], { ...bridge.corrections[1], text: "Reworded." }] }), articles[1]!];
    expect(patchCollections(collections, reworded)).toBeUndefined();
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    pages.correctionPages(collections.correctionPages);
    pages.finishBuild();
    expect(urls(pages.correctionPages(buildCollections(reworded, zone, 20, "Home").correctionPages))).toEqual(["/corrections/"]);
  });
});
