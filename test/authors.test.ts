import path from "node:path";
import { DateTime } from "luxon";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import site from "../_data/site.ts";
import sampleAuthors from "../_data/authors.ts";
import { authorIndex, authorWarnings, nameKey, parseAuthors } from "../src/content/authors.ts";
import { loadArticles, parseArticle, type Article } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { searchInput, searchRecord } from "../src/search/records.ts";
import { byline } from "../src/site/authors.ts";
import { buildCollections } from "../src/site/collections.ts";
import { patchCollections } from "../src/site/patch-collections.ts";
import { runCommand } from "./commands.ts";
import { article, makeFixture, PINNED_ENV, PROJECT, validFields, type Fixture } from "./fixture.ts";
import { validateXml } from "./xml-schemas.ts";

const BASE = "https://newsroom.example";
const now = DateTime.fromISO(PINNED_ENV.BUILD_NOW);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true, isArray: (name) => ["entry", "url"].includes(name) });
type Node = Record<string, any>;

const profiles = (data: unknown) => parseAuthors(data, PROJECT);
const problems = (data: unknown) => profiles(data).problems.map(formatProblem);
const jane = { name: "Jane Doe", slug: "jane-doe", bio: "Covers the city council." };

function record(file: string, fields: Record<string, unknown>): Article {
  const result = parseArticle(file, article({ ...validFields, ...fields }), { timezone: site.timezone, now });
  if (!("article" in result)) throw new Error(JSON.stringify(result.problems));
  return result.article;
}

describe("the authors' profiles (_data/authors.ts)", () => {
  it("give each profile its page URL, a slug from the name when none is given, and its photo as a project path", () => {
    const { authors, problems: found } = profiles([jane, { name: "José Álvarez", bio: "Sports.", photo: "authors/mariana-teixeira.jpg", links: [{ name: "X", url: "https://x.example/jose" }] }]);
    expect(found).toEqual([]);
    expect(authors.map((a) => [a.slug, a.url, a.photoSource])).toEqual([
      ["jane-doe", "/authors/jane-doe/", undefined],
      ["jose-alvarez", "/authors/jose-alvarez/", "/_data/authors/mariana-teixeira.jpg"],
    ]);
  });

  it("are the project's own sample profiles, one for every byline of the sample articles, all valid", async () => {
    const { authors, problems: found } = parseAuthors(sampleAuthors, PROJECT);
    expect(found).toEqual([]);
    const { articles } = await loadArticles({ root: PROJECT, timezone: site.timezone, now });
    const bylines = [...new Set(articles.flatMap((a) => a.author))].sort();
    expect(bylines.length).toBeGreaterThan(5);
    expect(bylines.filter((name) => !authorIndex(authors).has(nameKey(name)))).toEqual([]);
  });

  it("report every bad entry on one line each, naming the file, the entry and the field", () => {
    expect(problems({ name: "Jane" })).toEqual(["_data/authors.ts: authors: is not a list (expected export default [{ name, slug, bio, photo?, links? }, …])"]);
    const photo = "(expected a picture beside authors.ts, e.g. authors/jane-doe.jpg, or an https:// address)";
    expect(problems([
      { name: "Jane Doe", slug: "Jane Doe", bio: "x" },
      { name: "Ann Lee", biography: "x" },
      { name: "Bo Li", bio: "x", links: [{ name: "Site", url: "not a url" }] },
      { name: "Cy Young", bio: "x", photo: "authors/notes.txt" },
      { name: "Di Ma", bio: "x", photo: "authors/gone.jpg" },
      { name: "Ed Wu", bio: "x", photo: "../../etc/passwd.jpg" },
      jane,
      { ...jane, name: "Jane Doe-Smith" },
      { ...jane, slug: "jane-d" },
    ])).toEqual([
      '_data/authors.ts: authors.0.slug: is "Jane Doe", not a slug (expected lowercase letters, digits and hyphens, e.g. wechat-ban)',
      "_data/authors.ts: authors.1.bio: is missing (expected a sentence or two about the reporter)",
      "_data/authors.ts: authors.1.biography: is not a known field (expected one of name, slug, bio, photo, links)",
      "_data/authors.ts: authors.2.links.0.url: is not an http(s) URL (expected e.g. https://www.afp.com)",
      '_data/authors.ts: authors.3.photo: "authors/notes.txt" is not a picture the site can resize (expected a .jpg, .png, .webp, .avif or .gif file)',
      `_data/authors.ts: authors.4.photo: file authors/gone.jpg not found ${photo}`,
      `_data/authors.ts: authors.5.photo: "../../etc/passwd.jpg" is not a file in the project ${photo}`,
      "_data/authors.ts: authors.7.slug: is the slug of authors.6 (Jane Doe) too (expected each author once, with a slug of their own)",
      "_data/authors.ts: authors.8.name: is the name of authors.6 (Jane Doe) too (expected each author once, with a slug of their own)",
    ]);
  });

  it("match bylines whatever their case or accents, and warn about a near miss, not about a stranger", () => {
    const { authors } = profiles([jane, { name: "Mariana Teixeira", bio: "x" }]);
    expect(byline(["jane doe", "Máriana Teixeira", "John Roe"], authorIndex(authors))).toEqual([
      { name: "jane doe", url: "/authors/jane-doe/" },
      { name: "Máriana Teixeira", url: "/authors/mariana-teixeira/" },
      { name: "John Roe", url: undefined },
    ]);
    const articles = [record("articles/b.md", { author: ["Mariana Texeira", "John Roe"] }), record("articles/a.md", { author: "JANE DOE" })];
    expect(authorWarnings(articles, authors).map(formatProblem)).toEqual([
      'articles/b.md: author: "Mariana Texeira" has no profile in _data/authors.ts (did you mean "Mariana Teixeira"?)',
    ]);
  });

  it("are checked with the articles, their problems reported with the articles' at once", async () => {
    const fixture = makeFixture({ "articles/bad.md": article({ ...validFields, date: "2025-02-30" }) });
    const loaded = await loadArticles({ root: fixture.root, timezone: site.timezone, now, authors: [{ name: "Ann Lee" }] });
    expect(loaded.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^articles\/bad\.md: date: "2025-02-30" is not a real calendar date/),
      "_data/authors.ts: authors.0.bio: is missing (expected a sentence or two about the reporter)",
    ]);
  });

  it("group the stories by profile in the collections' one pass, rebuilt (not patched) when a byline changes", () => {
    const { authors } = profiles(sampleAuthors);
    const other = record("articles/b.md", { title: "Other", date: "2025-05-01", author: "Jane Doe" });
    const stories = [record("articles/a.md", { author: ["Mariana Teixeira", "mariana teixeira"] }), other];
    const collections = buildCollections(stories, site.timezone, 20, "Home", { authors });
    expect(collections.authorPages.map((p) => [p.url, p.items.length])).toEqual([["/authors/mariana-teixeira/", 1]]);
    expect(collections.authors).toEqual([{ name: "Mariana Teixeira", slug: "mariana-teixeira", url: "/authors/mariana-teixeira/", count: 1 }]);
    const rebylined = [record("articles/a.md", { author: "Lukas Bachmann" }), other];
    expect(patchCollections(collections, rebylined)).toBeUndefined();
    expect(buildCollections(rebylined, site.timezone, 20, "Home", { authors }).authorPages.map((p) => p.url)).toEqual(["/authors/lukas-bachmann/"]);
  });

  it("give the search index an author filter from the byline", () => {
    const input = searchInput(record("articles/x.md", { author: ["Dana Whitfield", "Jane Doe"] }));
    expect(searchRecord(input, "Text.", "en").filters).toMatchObject({ author: ["Dana Whitfield", "Jane Doe"] });
  });
});


describe("author pages on a fixture site (the project's sample profiles)", () => {
  let built: Fixture;
  const page = (url: string) => built.read(`_site${url}index.html`);
  const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
  const PAGE = site.pageSize;
  // two pages' worth and three more: Mariana Teixeira's page holds the newest PAGE + 3, page/1/ the PAGE oldest
  const STORIES = 2 * PAGE + 3;
  // one a day from March 1, 2025: smoke-1 is the oldest
  const day = (i: number) => new Date(Date.UTC(2025, 2, i)).toISOString().slice(0, 10);

  beforeAll(async () => {
    const files: Record<string, string> = {
      "articles/pair.md": article({ ...validFields, title: "Senate votes on chips bill", date: "2025-07-01", author: ["dana whitfield", "Jane Doe"] }),
      "articles/draft.md": article({ ...validFields, title: "Unfinished chip story", date: "2025-07-02", author: "Haruka Ishida", draft: true }),
      "articles/guest.md": article({ ...validFields, title: "Guest column", date: "2025-07-03", author: "Jane Doe" }),
    };
    for (let i = 1; i <= STORIES; i++) {
      files[`articles/smoke-${i}.md`] = article({ ...validFields, title: `Smoke report ${i}`, date: day(i), author: "Mariana Teixeira" });
    }
    built = makeFixture(files);
    const result = await built.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);

  it("links each byline with a profile to its page, and leaves any other name as text", () => {
    expect(page("/2025/07/01/pair/")).toMatch(/<p class="byline">By <a href="\/authors\/dana-whitfield\/" rel="author">dana whitfield<\/a>, Jane Doe · 1 min read<\/p>/);
    expect(page("/2025/07/03/guest/")).toMatch(/<p class="byline">By Jane Doe · /);
  });

  it("gives a profile with stories a page: name, bio, photo, links, then the stories newest first, paginated from the oldest", () => {
    const first = page("/authors/mariana-teixeira/");
    expect(first).toContain("<h1>Mariana Teixeira</h1>");
    expect(first).toContain(`${STORIES} stories by Mariana Teixeira, newest first.`);
    expect(first).not.toContain("Page 1 of");
    expect(first).toContain('<p class="author-bio">Covers Brazil&#39;s environment and its cities from São Paulo.</p>');
    expect(first).toContain('<a href="https://mastodon.example/@mteixeira" rel="external">Mastodon</a>');
    const photo = /<img [^>]*src="(\/img\/[^"]+\.jpeg)"[^>]*>/.exec(first.slice(first.indexOf('class="author-profile"')));
    expect(photo).not.toBeNull();
    expect(built.exists(`_site${photo![1]}`)).toBe(true);
    expect(first.indexOf(`Smoke report ${STORIES}<`)).toBeLessThan(first.indexOf(`Smoke report ${STORIES - 1}<`));
    expect(first).toContain(`Smoke report ${PAGE + 1}<`);
    expect(first).not.toContain(`Smoke report ${PAGE}<`);
    expect(first).toContain('<a href="/authors/mariana-teixeira/page/1/" rel="next">Older stories</a>');
    // page 1 holds the oldest stories and keeps them as new ones are published; the count is on the first page only
    const oldest = page("/authors/mariana-teixeira/page/1/");
    expect(oldest).toContain("Stories by Mariana Teixeira, newest first.");
    expect(oldest).not.toContain(`${STORIES} stories`);
    expect(oldest.indexOf(`Smoke report ${PAGE}<`)).toBeLessThan(oldest.indexOf("Smoke report 1<"));
    expect(oldest).not.toContain(`Smoke report ${PAGE + 1}<`);
    expect(oldest).toContain('<a href="/authors/mariana-teixeira/" rel="prev">Newer stories</a>');
    expect(built.exists("_site/authors/mariana-teixeira/page/2/index.html")).toBe(false);
    // every page of the list offers the author's one feed
    for (const html of [first, oldest]) expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/authors/mariana-teixeira/feed.xml" title="The Wire Desk: Mariana Teixeira (Atom)">');
  });

  it("builds no page for a profile whose only story is unpublished, nor for a byline without a profile", () => {
    expect(built.exists("_site/authors/haruka-ishida/index.html")).toBe(false);
    expect(built.exists("_site/authors/jane-doe/index.html")).toBe(false);
    expect(built.exists("_site/authors/lukas-bachmann/index.html")).toBe(false);
    const index = page("/authors/");
    expect([...index.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a> <span class="count">\((\d+)\)<\/span><\/li>/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ["/authors/dana-whitfield/", "Dana Whitfield", "1"],
      ["/authors/mariana-teixeira/", "Mariana Teixeira", String(STORIES)],
    ]);
  });

  it("makes a byline with a profile a JSON-LD Person with its page and links, and the page a ProfilePage", () => {
    expect(jsonLd(page("/2025/03/01/smoke-1/"))[0].author).toEqual([
      { "@type": "Person", name: "Mariana Teixeira", url: `${BASE}/authors/mariana-teixeira/`, sameAs: ["https://mastodon.example/@mteixeira"] },
    ]);
    expect(jsonLd(page("/2025/07/01/pair/"))[0].author).toEqual([
      { "@type": "Person", name: "dana whitfield", url: `${BASE}/authors/dana-whitfield/`, sameAs: ["https://danawhitfield.example"] },
      { "@type": "Person", name: "Jane Doe" },
    ]);
    expect(jsonLd(page("/authors/mariana-teixeira/"))[0]).toMatchObject({
      "@type": "ProfilePage", url: `${BASE}/authors/mariana-teixeira/`,
      mainEntity: { "@type": "Person", name: "Mariana Teixeira", url: `${BASE}/authors/mariana-teixeira/`, description: "Covers Brazil's environment and its cities from São Paulo." },
    });
  });

  it("publishes an Atom feed per author page that validates, newest first, at most feedSize entries", () => {
    validateXml(path.join(built.root, "_site/authors/mariana-teixeira/feed.xml"), "atom.rng");
    validateXml(path.join(built.root, "_site/authors/dana-whitfield/feed.xml"), "atom.rng");
    const feed = xml.parse(built.read("_site/authors/mariana-teixeira/feed.xml")).feed;
    expect(feed.title).toBe("The Wire Desk: Mariana Teixeira");
    expect(feed.entry).toHaveLength(site.feedSize);
    expect(feed.entry[0].title).toBe(`Smoke report ${STORIES}`);
    expect(built.exists("_site/authors/haruka-ishida/feed.xml")).toBe(false);
  });

  it("lists the author pages and the /authors/ index in the sitemap", () => {
    validateXml(path.join(built.root, "_site/sitemap.xml"), "sitemap.xsd");
    const urls = Object.fromEntries((xml.parse(built.read("_site/sitemap.xml")).urlset.url as Node[]).map((u) => [u.loc, u.lastmod]));
    expect(urls[`${BASE}/authors/mariana-teixeira/`]).toBe(day(STORIES));
    expect(urls[`${BASE}/authors/mariana-teixeira/page/1/`]).toBe(day(PAGE)); // its newest: the oldest PAGE stories' last
    expect(urls[`${BASE}/authors/mariana-teixeira/page/2/`]).toBeUndefined();
    expect(urls[`${BASE}/authors/dana-whitfield/`]).toBe("2025-07-01");
    expect(urls[`${BASE}/authors/`]).toBe("2025-07-03");
    expect(Object.keys(urls).filter((url) => url.includes("haruka"))).toEqual([]);
  });
});

describe("npm run check and author names", { timeout: 30_000 }, () => {
  it("warns about a byline that nearly matches a profile, and says nothing of one that matches or of a stranger", async () => {
    const fixture = makeFixture({
      "articles/typo.md": article({ ...validFields, author: ["Mariana Texeira", "jane doe"] }),
      "articles/right.md": article({ ...validFields, title: "Second", author: "mariana teixeira" }),
    });
    const result = await runCommand(fixture.root, "check");
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split("\n")).toEqual([
      'warning: articles/typo.md: author: "Mariana Texeira" has no profile in _data/authors.ts (did you mean "Mariana Teixeira"?)',
      "1 warning(s); warnings do not stop the build.",
    ]);
  });
});
