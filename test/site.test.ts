import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import site from "../_data/site.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { pageWindow } from "../src/site/listing-pages.ts";
import { macroGlobal, macroOnce } from "../src/render/partials.ts";
import { countText, countWords, readingMinutes } from "../src/render/reading-time.ts";
import { paginate } from "../src/site/listings.ts";
import { buildCollections, mergeTagSpellings, type Collections } from "../src/site/collections.ts";
import { NEAREST_ON_A_TAG, relatedArticles } from "../src/site/related.ts";
import { keptRelated } from "../src/site/related-changes.ts";
import { article, makeFixture, validFields, type Fixture } from "./fixture.ts";

const options = { timezone: site.timezone, now: DateTime.fromISO("2026-01-01T12:00:00Z") };

/** A validated article record, as the loader makes it. */
function record(name: string, fields: Record<string, unknown>): Article {
  const result = parseArticle(`articles/${name}.md`, article({ ...validFields, title: name, ...fields }), options);
  if (!("article" in result)) throw new Error(JSON.stringify(result.problems));
  return result.article;
}

describe("related articles", () => {
  // newest first, as the collections receive them
  const list = [
    record("one-shared-newest", { date: "2025-06-20", tags: ["Markets"] }),
    record("one-shared-newer", { date: "2025-06-09", tags: ["Oil"] }),
    record("self", { date: "2025-06-07", tags: ["Energy", "Oil", "Markets"] }),
    record("one-shared-older", { date: "2025-06-06", tags: ["Energy"] }),
    record("lonely", { date: "2025-03-01", tags: ["Science"] }),
    record("two-shared-old", { date: "2025-01-01", tags: ["oil", "energy"] }),
    record("one-shared-old", { date: "2024-01-01", tags: ["Markets"] }),
  ];
  const titles = (articles: Article[]) => articles.map((a) => a.title);

  it("puts the most shared tags first, then the nearest in time (the newer of two as near), never the article itself", () => {
    // the newest story sharing a tag is further away than two others: it comes after them
    expect(titles(relatedArticles(list)[2]!)).toEqual(["two-shared-old", "one-shared-newer", "one-shared-older", "one-shared-newest", "one-shared-old"]);
  });

  it("stops at the maximum and tops up to the minimum with the stories nearest in time, the newer first", () => {
    expect(titles(relatedArticles(list, { max: 2 })[2]!)).toEqual(["two-shared-old", "one-shared-newer"]);
    // "lonely" shares no tag: its neighbours, newer first at each distance, not the latest stories
    expect(titles(relatedArticles(list)[4]!)).toEqual(["one-shared-older", "two-shared-old", "self"]);
    // two share a tag with the oldest story; the nearest story not already there makes three
    expect(titles(relatedArticles(list)[6]!)).toEqual(["self", "one-shared-newest", "two-shared-old"]);
    expect(relatedArticles(list.slice(0, 2))[0]).toHaveLength(1);
  });

  it("looks for candidates only among the stories nearest in time on each tag, so a huge tag costs no more", () => {
    // 300 stories on one tag, one a day: the middle one's related are its nearest neighbours
    const many = Array.from({ length: 300 }, (_, i) =>
      record(`story-${i}`, { date: DateTime.fromISO("2025-12-31").minus({ days: i }).toISODate()!, tags: ["Markets"] }));
    expect(titles(relatedArticles(many)[150]!)).toEqual(["story-149", "story-151", "story-148", "story-152", "story-147"]);
    // a story sharing two tags but further than NEAREST_ON_A_TAG on both is not a candidate
    const oil = Array.from({ length: 60 }, (_, i) => record(`oil-${i}`, { date: DateTime.fromISO("2025-12-30T12:00:00Z").minus({ hours: i }).toISO()!, tags: ["Oil"] }));
    const far = [record("self", { date: "2025-12-31", tags: ["Markets", "Oil"] }), ...oil, ...many.slice(1, 60), record("far", { date: "2024-01-01", tags: ["Markets", "Oil"] })];
    expect(NEAREST_ON_A_TAG).toBeLessThan(59);
    expect(titles(relatedArticles(far)[0]!)).toEqual(["oil-0", "oil-1", "oil-2", "oil-3", "oil-4"]);
  });
});

describe("related articles after one story is published newest of all, or re-tagged", () => {
  // only tags matter to related lists: 2–3 of 10 tags a story, so each tag's list runs well past NEAREST_ON_A_TAG
  const TAGS = Array.from({ length: 10 }, (_, t) => `tag-${t}`);
  const story = (title: string, tags: string[]) => ({ title, tags: tags.map((slug) => ({ slug, name: slug })) }) as unknown as Article;
  const some = (seed: number) => TAGS.filter((_, t) => ((seed * 2654435761 + t * 40503) >>> 9) % 4 === 0);
  const titles = (lists: Article[][]) => lists.map((list) => list.map((a) => a.title));

  it("gives every story the same related lists as working them all out again", () => {
    let list = Array.from({ length: 400 }, (_, i) => story(`story-${i}`, i % 50 === 7 ? [] : some(i)));
    relatedArticles(list);
    // a story on every tag (it joins lists down to NEAREST_ON_A_TAG below it), one on none (the
    // newest stories' top-ups change), and ordinary ones
    const added = [TAGS, [], some(1001), TAGS, [], some(1002), some(1003)];
    added.forEach((tags, i) => {
      // the last lists are in memory: the new first story changes only those near it
      list = [story(`new-${i}`, tags), ...list];
      const incremental = titles(relatedArticles(list));
      keptRelated.set(undefined);
      expect(incremental, `after new-${i}`).toEqual(titles(relatedArticles(list)));
    });
  });

  it("gives every story the same related lists as working them all out again after a re-tag (the dev server)", () => {
    const list = Array.from({ length: 400 }, (_, i) => story(`story-${i}`, i % 50 === 7 ? [] : some(i)));
    relatedArticles(list);
    // tags added, tags taken away, every tag, none: stories near the top, the middle and the end
    const retags: [number, string[]][] = [[200, TAGS], [201, []], [37, some(2001)], [398, TAGS], [3, some(2002)], [120, ["tag-9"]], [250, some(2003)]];
    for (const [at, tags] of retags) {
      list[at] = story(list[at]!.title, tags);
      const incremental = titles(relatedArticles(list));
      keptRelated.set(undefined);
      expect(incremental, `after re-tagging story ${at}`).toEqual(titles(relatedArticles(list)));
    }
  });
});

describe("tag spellings merged before the collections", () => {
  // "US-China" twice, "us-china" once, and a list of the same length where "us-china" wins
  const stories = (spellings: string[]) => spellings.map((tag, i) => record(`story-${i}`, { date: `2025-06-${String(20 - i).padStart(2, "0")}`, tags: [tag, "Markets"] }));
  const shown = (c: Collections) => ({ tags: c.tags, pages: c.tagPages.map((p) => [p.url, p.title, p.items.map((a) => a.url)]), cards: c.articles.map((a) => a.tags) });
  const collections = (list: Article[]) => buildCollections(list, site.timezone, 20, "Home");

  it("gives the collections the tags, lists and spellings they give when nothing was merged first", () => {
    const spellings = ["US-China", "us-china", "US-China"];
    const alone = shown(collections(stories(spellings)));
    // as `npm run build` does: merged for the search index, then the collections of the same articles
    const merged = stories(spellings);
    mergeTagSpellings(merged);
    expect(merged.map((a) => a.tags[0]!.name)).toEqual(["US-China", "US-China", "US-China"]);
    expect(shown(collections([...merged]))).toEqual(alone);
    expect(alone.tags.map((t) => t.name)).toContain("US-China");
  });

  it("spells a tag afresh for other articles, a list of the same length included", () => {
    const first = stories(["US-China", "us-china", "US-China"]);
    mergeTagSpellings(first);
    const other = stories(["us-china", "us-china", "US-China"]);
    const c = collections(other);
    expect(c.tags.map((t) => t.name)).toEqual(["Markets", "us-china"]);
    expect(other.map((a) => a.tags[0]!.name)).toEqual(["us-china", "us-china", "us-china"]);
  });
});

describe("stable pagination", () => {
  // newest first, as the collections receive them: item 1 is the oldest
  const items = (n: number) => Array.from({ length: n }, (_, i) => n - i);
  const numbered = (pages: ReturnType<typeof paginate<number>>) => pages.filter((p) => p.url !== "/tags/x/");
  const S = 5;

  it("numbers pages from the oldest and gives the first page every story newer than them, newest first", () => {
    // 13 stories, 5 a page: the first page holds the 8 newest, page 1 the 5 oldest
    const pages = paginate(items(13), "/tags/x/", "X", S);
    expect(pages.map((p) => [p.url, p.title, p.pageNumber, p.totalPages, p.items])).toEqual([
      ["/tags/x/", "X", 2, 2, [13, 12, 11, 10, 9, 8, 7, 6]],
      ["/tags/x/page/1/", "X, page 1", 1, 2, [5, 4, 3, 2, 1]],
    ]);
    // 17: the first page, then page 2 (stories 6–10 from the oldest), then page 1, each linking to the next in reading order
    const three = paginate(items(17), "/tags/x/", "X", S);
    expect(three.map((p) => [p.url, p.previousUrl, p.nextUrl, p.items.at(-1)])).toEqual([
      ["/tags/x/", undefined, "/tags/x/page/2/", 11],
      ["/tags/x/page/2/", "/tags/x/", "/tags/x/page/1/", 6],
      ["/tags/x/page/1/", "/tags/x/page/2/", undefined, 1],
    ]);
    expect(three[0]!.pageUrls).toEqual(["/tags/x/page/1/", "/tags/x/page/2/", "/tags/x/"]);
    // fewer than two pages' worth: one page holding them all
    expect(paginate(items(9), "/tags/x/", "X", S).map((p) => [p.url, p.items.length])).toEqual([["/tags/x/", 9]]);
    expect(paginate([], "/tags/x/", "X", S).map((p) => [p.url, p.totalPages, p.items])).toEqual([["/tags/x/", 1, []]]);
  });

  it("keeps every numbered page's address and stories as stories are published, and the first page between one and two pages long", () => {
    for (let n = 0; n <= 8 * S; n++) {
      const before = paginate(items(n), "/tags/x/", "X", S);
      const after = paginate(items(n + 1), "/tags/x/", "X", S); // one story published: it arrives first
      const context = `${n} → ${n + 1} stories`;
      // every story once, in order: first page, then the numbered pages from the highest down
      expect(after.flatMap((p) => p.items), context).toEqual(items(n + 1));
      if (n + 1 >= S) expect(after[0]!.items.length, context).toBeGreaterThanOrEqual(S);
      expect(after[0]!.items.length, context).toBeLessThanOrEqual(2 * S - 1);
      for (const page of numbered(after)) {
        expect(page.items, context).toEqual(items(n + 1).slice(n + 1 - page.pageNumber * S, n + 1 - (page.pageNumber - 1) * S));
      }
      if ((n + 1) % S !== 0) {
        // the new story changes the first page alone: the numbered pages are the same, links and all
        expect(numbered(after), context).toEqual(numbered(before));
      } else {
        // crossing a multiple of the page size adds a numbered page (from two pages' worth on); the others stay as they were
        const kept = (pages: typeof before) => numbered(pages).map((p) => ({ url: p.url, title: p.title, items: p.items }));
        expect(kept(after).length - kept(before).length, context).toBe(n + 1 >= 2 * S ? 1 : 0);
        expect(kept(after).slice(kept(after).length - kept(before).length), context).toEqual(kept(before));
      }
    }
  });
});

describe("pagination links", () => {
  // the first page is the highest number, at "/"; the numbered ones at /page/k/
  const listing = (pageNumber: number, totalPages: number) => ({
    pageNumber, totalPages, pageUrls: Array.from({ length: totalPages }, (_, i) => (i === totalPages - 1 ? "/" : `/page/${i + 1}/`)),
  });
  const label = (l: { number: number; latest: boolean }) => (l.latest ? "Latest" : String(l.number));
  const show = (links: ReturnType<typeof pageWindow>) => links.map((l) => ("gap" in l ? "…" : l.current ? `[${label(l)}]` : label(l))).join(" ");

  it("shows the latest, nearby and oldest pages, newest first with gaps, so 500 pages do not mean 500 links", () => {
    expect(show(pageWindow(listing(6, 50)))).toBe("Latest … 8 7 [6] 5 4 … 1");
    expect(show(pageWindow(listing(500, 500)))).toBe("[Latest] 499 498 … 1");
    expect(show(pageWindow(listing(1, 500)))).toBe("Latest … 3 2 [1]");
  });

  it("shows a single skipped page instead of a gap, and every page of a short listing", () => {
    expect(show(pageWindow(listing(4, 7)))).toBe("Latest 6 5 [4] 3 2 1");
    expect(show(pageWindow(listing(5, 9)))).toBe("Latest 8 7 6 [5] 4 3 2 1");
    expect(show(pageWindow(listing(5, 10)))).toBe("Latest … 7 6 [5] 4 3 2 1");
    expect(show(pageWindow(listing(1, 1)))).toBe("[Latest]");
  });

  it("links the first page as Latest, the only link so marked, so a bar far from it stays the same as stories arrive", () => {
    expect(pageWindow(listing(2, 3))[0]).toEqual({ number: 3, url: "/", current: false, latest: true });
    expect(pageWindow(listing(3, 3))[0]).toEqual({ number: 3, url: "/", current: true, latest: true });
    for (const [at, total] of [[1, 1], [2, 3], [6, 50], [500, 500]] as const) {
      const links = pageWindow(listing(at, total)).flatMap((l) => ("gap" in l ? [] : [l]));
      expect(links.filter((l) => l.latest)).toEqual([links[0]]);
      expect(links.filter((l) => l.current)).toHaveLength(1);
    }
    // a story published makes page 51 the first: page 6's bar still holds the same links
    const links = (total: number) => pageWindow(listing(6, total)).map((l) => ("gap" in l ? "…" : `${label(l)} ${l.url}`));
    expect(links(51)).toEqual(links(50));
  });
});

describe("partials' macros", () => {
  // a stand-in for Nunjucks: the file's exported macro counts its calls, and the loads are counted
  const calls: string[] = [];
  const loads: string[] = [];
  const env = {
    getTemplate: (file: string) => ({
      getExported: (done: (error: Error | null, exported: Record<string, unknown>) => void) => {
        loads.push(file);
        done(null, file === "partials/card.njk" ? { card: (item: { title: string }, keywords?: { lead?: boolean }) => (calls.push(item.title), `<li${keywords?.lead ? ' class="lead"' : ""}>${item.title}</li>`) } : {});
      },
    }),
  };

  it("loads a partial once per build however many pages call its macro, and passes every argument on", () => {
    loads.length = 0;
    const card = macroGlobal("partials/card.njk", "card");
    const pages = ["A", "B"].map((title) => card.global.call({ env }, { title }));
    pages.push(card.global.call({ env }, { title: "C" }, { __keywords: true, lead: true }) as string);
    expect(pages).toEqual(["<li>A</li>", "<li>B</li>", '<li class="lead">C</li>']);
    expect(loads).toEqual(["partials/card.njk"]);
    card.reset(); // the next build may follow an edit to the partial
    card.global.call({ env }, { title: "D" });
    expect(loads).toEqual(["partials/card.njk", "partials/card.njk"]);
  });

  it("renders an article's card once however many listings show it, and again in the next build", () => {
    const card = macroOnce("partials/card.njk", "card");
    const [a, b] = [{ title: "A" }, { title: "B" }];
    const html = [a, b, a, a, b].map((item) => card.filter.call({ env }, item));
    expect(html).toEqual(["<li>A</li>", "<li>B</li>", "<li>A</li>", "<li>A</li>", "<li>B</li>"]);
    expect(calls.slice(-2)).toEqual(["A", "B"]);
    card.reset();
    card.filter.call({ env }, a);
    expect(calls.slice(-3)).toEqual(["A", "B", "A"]);
  });

  it("names the file and macro when the macro is missing", () => {
    expect(() => macroOnce("partials/other.njk", "card").filter.call({ env }, {})).toThrow('partials/other.njk exports no macro "card"');
    expect(() => macroGlobal("partials/other.njk", "pager").global.call({ env })).toThrow('partials/other.njk exports no macro "pager"');
  });
});

describe("reading time", () => {
  it("counts words, not markup, at about 230 a minute, and never says 0 minutes", () => {
    const words = (n: number) => `<p>${"word ".repeat(n)}</p>`;
    expect(readingMinutes(words(10))).toBe(1);
    expect(readingMinutes(words(690))).toBe(3);
    expect(readingMinutes(`<a href="${"x".repeat(5000)}" class="a b c d e f">one</a>`)).toBe(1);
  });

  it("counts Chinese and Japanese by characters, which have no spaces between words", () => {
    expect(readingMinutes(`<p>${"数据安全".repeat(300)}</p>`)).toBe(3);
  });

  it("counts words exactly as the Unicode pattern for a word does, around every character", () => {
    const word = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*/gu;
    const missed: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      const char = String.fromCodePoint(code); // a lone surrogate too: editors' text can hold one
      for (const text of [`a${char}b`, `${char}x ${char}`, `-${char}’y`]) {
        if (countWords(text) !== (text.match(word)?.length ?? 0)) missed.push(`${code.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(missed.slice(0, 5)).toEqual([]);
  });

  it("counts every Han, Hiragana and Katakana character this Node knows, rare ones included", () => {
    const ideograph = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
    const missed: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // surrogates are not characters
      const char = String.fromCodePoint(code);
      if (ideograph.test(char) && countText(`word ${char}`).characters !== 1) missed.push(code.toString(16));
    }
    expect(missed).toEqual([]);
  });
});

// One site with three pages' worth of stories, built once for the page tests below. Pages count from
// the oldest: the 20 oldest stories are /page/1/, the next 20 /page/2/, and the front page the rest.
const PAGE = site.pageSize;
const FILLERS = 3 * PAGE - 2;
const TOTAL = 4 + FILLERS; // four named stories: 3 pages (the first one PAGE + 2 long); Markets and 2025: 2 and 3
let built: Fixture;
const feature = {
  ...validFields,
  title: "Oil prices jump as talks stall",
  date: "2025-03-10T14:30:00-04:00",
  updated: "2025-03-11T08:00:00-04:00",
  dateline: "Paris, France",
  source: { name: "Reuters", url: "https://www.reuters.com" },
  author: ["Jane Doe", "John Roe"],
  description: "Brent crude rose after negotiators left without a deal.",
  tags: ["Energy", "Oil", "Markets"],
};
const filler = (i: number) => article({
  ...validFields,
  title: `Markets story ${i}`,
  // one a day from January 1, 2025: markets-1 is the oldest, all before the named 2025 stories
  date: `${new Date(Date.UTC(2025, 0, i)).toISOString().slice(0, 10)}T09:00:00-05:00`,
  dateline: "London, United Kingdom",
  tags: ["Markets"],
});

beforeAll(async () => {
  const files: Record<string, string> = {
    "articles/feature.md": article(feature, `${"Prices rose sharply on Monday. ".repeat(80)}\n\n## What next\n\nTalks resume next week.`),
    "articles/twin.md": article({ ...validFields, title: "Refiners brace for supply squeeze", date: "2025-03-01", tags: ["Oil", "Energy"] }),
    "articles/energy-new.md": article({ ...validFields, title: "Grid operator warns of winter shortfall", date: "2025-03-05", tags: ["Energy"] }),
    "articles/oil-old.md": article({ ...validFields, title: "Oil output steady in December", date: "2024-12-01", tags: ["Oil"] }),
  };
  for (let i = 1; i <= FILLERS; i++) files[`articles/markets-${i}.md`] = filler(i);
  built = makeFixture(files);
  const result = await built.run("build");
  expect(result.code, result.stderr).toBe(0);
}, 120_000);

const page = (url: string) => built.read(`_site${url}index.html`);
const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, "g"))?.length ?? 0;

describe("the front page", () => {
  it("leads with the newest story's headline and standfirst when the desk chose none, then the first page's latest stories newest first", () => {
    const home = page("/");
    const lead = home.slice(home.indexOf('<article class="lead">'), home.indexOf("</article>"));
    expect(lead).toContain('<a href="/2025/03/10/feature/">Oil prices jump as talks stall</a>');
    expect(lead).toContain("Brent crude rose after negotiators left without a deal.");
    // no _data/frontpage.yaml here: no top stories; the World desk's block, then the rest of the first
    // page: every story newer than the numbered pages, here PAGE + 2 of them, the lead included
    expect(count(home, /<li class="card">/)).toBe(0);
    const latest = home.slice(home.indexOf('<section class="latest"'));
    expect(count(latest, /<li class="brief">/)).toBe(TOTAL - 2 * PAGE - 1);
    expect(latest).toContain(`>Markets story ${2 * PAGE}<`); // the oldest story of the first page
    expect(latest).not.toContain(`>Markets story ${2 * PAGE - 1}<`); // the newest of /page/2/
    expect(latest.indexOf("Grid operator warns")).toBeLessThan(latest.indexOf("Refiners brace"));
    expect(home).toMatch(/<p class="card-meta"><span class="dateline-city">London<\/span>, United Kingdom · <time datetime="2025-02-/);
  });

  it("is paginated from the oldest with rel prev/next, the first page as Latest and the current page marked", () => {
    const first = page("/");
    const second = page("/page/2/");
    const oldest = page("/page/1/");
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('<a href="/page/2/" rel="next">Older stories</a>');
    expect(first).toContain('<a href="/" aria-current="page">Latest</a>');
    expect(first).toContain('<a href="/page/1/"><span class="visually-hidden">Page </span>1</a>');
    expect(second).toContain("<h1>Latest news, page 2</h1>");
    expect(second).toContain('<a href="/" rel="prev">Newer stories</a>');
    expect(second).toContain('<a href="/page/1/" rel="next">Older stories</a>');
    expect(second).toContain('<a href="/">Latest</a>');
    expect(second).toMatch(/<a href="\/page\/2\/" aria-current="page"><span class="visually-hidden">Page <\/span>2<\/a>/);
    expect(second).not.toContain('<article class="lead">');
    // page 2 holds the 21st to 40th stories from the oldest, newest first
    expect(count(second, /<li class="card">/)).toBe(PAGE);
    expect(second.indexOf(`>Markets story ${2 * PAGE - 1}<`)).toBeLessThan(second.indexOf(`>Markets story ${PAGE}<`));
    expect(second).not.toContain(`>Markets story ${PAGE - 1}<`);
    expect(second).not.toContain(`>Markets story ${2 * PAGE}<`);
    // page 1, the last in reading order: the oldest stories
    expect(oldest).toContain("<h1>Latest news, page 1</h1>");
    expect(oldest).toContain('<a href="/page/2/" rel="prev">Newer stories</a>');
    expect(oldest).not.toContain('rel="next"');
    expect(count(oldest, /<li class="card">/)).toBe(PAGE);
    expect(oldest).toContain(">Oil output steady in December<");
    expect(oldest).toContain(`>Markets story ${PAGE - 1}<`);
    expect(built.exists("_site/page/3/index.html")).toBe(false);
  });
});

describe("an article page", () => {
  const html = () => page("/2025/03/10/feature/");

  it("has one h1, standfirst, byline, reading time and the published and updated times in the site's zone", () => {
    expect(count(html(), /<h1[ >]/)).toBe(1);
    expect(html()).toContain("<h1>Oil prices jump as talks stall</h1>");
    expect(html()).toContain('<p class="standfirst">Brent crude rose after negotiators left without a deal.</p>');
    expect(html()).toMatch(/<p class="byline">By Jane Doe, John Roe · 2 min read<\/p>/);
    expect(html()).toContain('<time datetime="2025-03-10T14:30:00-04:00">March 10, 2025, 2:30 p.m. EDT</time>');
    expect(html()).toContain('Updated <time datetime="2025-03-11T08:00:00-04:00">March 11, 2025, 8 a.m. EDT</time>');
  });

  it("links dateline, source and tags to their pages inside the article", () => {
    const story = html().slice(html().indexOf("<article"), html().indexOf("</article>"));
    expect(story).toContain('<a href="/datelines/paris-france/"><span class="dateline-city">Paris</span>, France</a>');
    expect(story).toContain('(<a href="/sources/reuters/">Reuters</a>) —');
    expect(count(story, /<a href="\/tags\/[a-z]+\/">/)).toBe(3);
    expect(story).not.toContain("Related stories");
  });

  it("offers related stories (most shared tags first) and the older and newer story", () => {
    const after = html().slice(html().indexOf("</article>"));
    const related = after.slice(after.indexOf('<aside class="related"'), after.indexOf("</aside>"));
    const links = [...related.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect(links.length).toBeLessThanOrEqual(5);
    expect(links[0]).toBe("/2025/03/01/twin/");
    expect(links).not.toContain("/2025/03/10/feature/");
    expect(after).toMatch(/<li class="older"><span>Previous story<\/span> <a href="\/2025\/03\/05\/energy-new\/">/);
    expect(after).not.toContain('class="newer"'); // the newest story has no newer one
    expect(page("/2024/12/01/oil-old/")).not.toContain('class="older"');
  });
});

describe("tag, source, dateline and archive pages", () => {
  it("paginates a tag newest first, the oldest stories on page 1, and lists every tag with its count", () => {
    // FILLERS + 1 stories: the first page holds all but the PAGE oldest, which are /tags/markets/page/1/
    const tag = page("/tags/markets/");
    expect(tag).toContain("<h1>Markets</h1>");
    expect(tag).toContain(`<p class="listing-count">${FILLERS + 1} stories tagged “Markets”, newest first.</p>`);
    expect(tag).not.toContain("Page 1 of");
    expect(tag.indexOf("Oil prices jump")).toBeLessThan(tag.indexOf("Markets story"));
    expect(count(tag, /<li class="card">/)).toBe(FILLERS + 1 - PAGE);
    expect(tag).toContain(`>Markets story ${PAGE + 1}<`);
    expect(tag).not.toContain(`>Markets story ${PAGE}<`);
    expect(tag).toContain('<a href="/tags/markets/page/1/" rel="next">Older stories</a>');
    const oldest = page("/tags/markets/page/1/");
    expect(oldest).toContain("<h1>Markets, page 1</h1>");
    expect(oldest).toContain('<p class="listing-count">Stories tagged “Markets”, newest first.</p>'); // the count changes on the first page only
    expect(oldest).toContain('<a href="/tags/markets/" rel="prev">Newer stories</a>');
    expect(count(oldest, /<li class="card">/)).toBe(PAGE);
    expect(oldest.indexOf(`>Markets story ${PAGE}<`)).toBeLessThan(oldest.indexOf(">Markets story 1<"));
    expect(built.exists("_site/tags/markets/page/2/index.html")).toBe(false);
    expect(page("/tags/")).toContain(`<a href="/tags/markets/">Markets</a> <span class="count">(${FILLERS + 1})</span>`);
  });

  it("gives each source and dateline a listing and an index", () => {
    expect(page("/sources/reuters/")).toContain('<a href="https://www.reuters.com">Reuters website</a>');
    expect(page("/sources/reuters/")).toContain("Oil prices jump");
    expect(page("/sources/")).toContain(`<a href="/sources/afp/">AFP</a> <span class="count">(${TOTAL - 1})</span>`);
    expect(page("/datelines/paris-france/")).toContain("1 story datelined Paris, France, newest first.");
    expect(page("/datelines/")).toContain('<a href="/datelines/london-united-kingdom/">London, United Kingdom</a>');
  });

  it("reaches every month from the archive index, with year pages between", () => {
    const archive = page("/archive/");
    expect(archive.indexOf('href="/archive/2025/"')).toBeLessThan(archive.indexOf('href="/archive/2024/"'));
    for (const month of ["2025/03", "2025/02", "2025/01", "2024/12"]) expect(archive).toContain(`href="/archive/${month}/"`);
    expect(page("/archive/2024/12/")).toContain("Oil output steady in December");
    // 2025: FILLERS + 3 stories, three pages; page 2 holds the 21st to 40th from the oldest
    expect(page("/archive/2025/")).toContain("<h1>2025</h1>");
    expect(page("/archive/2025/")).toContain(`${FILLERS + 3} stories published in 2025, newest first.`);
    expect(page("/archive/2025/")).toContain('<a href="/archive/2025/page/2/" rel="next">');
    const second = page("/archive/2025/page/2/");
    expect(second).toContain("<h1>2025, page 2</h1>");
    expect(second).toContain("Stories published in 2025, newest first.");
    expect(second).toContain(`>Markets story ${2 * PAGE}<`);
    expect(second).toContain(`>Markets story ${PAGE + 1}<`);
    expect(second).not.toContain(`>Markets story ${2 * PAGE + 1}<`);
    expect(second).not.toContain(`>Markets story ${PAGE}<`);
    expect(page("/archive/2025/page/1/")).toContain(">Markets story 1<");
  });

  it("gives a 404 that leads home and to the archive", () => {
    const notFound = built.read("_site/404.html");
    expect(notFound).toContain('<a href="/">Latest news</a>');
    expect(notFound).toContain('<a href="/archive/">');
    expect(notFound).toContain('<a href="/2025/03/10/feature/">Oil prices jump as talks stall</a>');
  });
});
