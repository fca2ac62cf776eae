import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import site from "../_data/site.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { pageWindow } from "../src/site/listing-pages.ts";
import { macroGlobal, macroOnce } from "../src/render/partials.ts";
import { countText, countWords, readingMinutes } from "../src/render/reading-time.ts";
import { relatedArticles } from "../src/site/related.ts";
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
    record("newest-other", { date: "2025-06-09", tags: ["Sport"] }),
    record("one-shared-new", { date: "2025-06-08", tags: ["Energy"] }),
    record("self", { date: "2025-06-07", tags: ["Energy", "Oil", "Markets"] }),
    record("two-shared-old", { date: "2025-01-01", tags: ["oil", "energy"] }),
    record("one-shared-old", { date: "2024-01-01", tags: ["Markets"] }),
  ];
  const titles = (articles: Article[]) => articles.map((a) => a.title);

  it("puts the most shared tags first, then the newest, never the article itself", () => {
    expect(titles(relatedArticles(list)[2]!)).toEqual(["two-shared-old", "one-shared-new", "one-shared-old"]);
  });

  it("stops at the maximum and tops up to the minimum with the latest stories", () => {
    expect(titles(relatedArticles(list, { max: 2 })[2]!)).toEqual(["two-shared-old", "one-shared-new"]);
    // "newest-other" shares no tag: it appears only to reach the minimum of 3
    expect(titles(relatedArticles(list)[0]!)).toEqual(["one-shared-new", "self", "two-shared-old"]);
    expect(relatedArticles(list.slice(0, 2))[0]).toHaveLength(1);
  });
});

describe("pagination links", () => {
  const listing = (pageNumber: number, totalPages: number) => ({
    pageNumber, totalPages, pageUrls: Array.from({ length: totalPages }, (_, i) => (i ? `/page/${i + 1}/` : "/")),
  });
  const show = (links: ReturnType<typeof pageWindow>) => links.map((l) => ("gap" in l ? "…" : l.current ? `[${l.number}]` : String(l.number))).join(" ");

  it("shows the first, last and nearby pages with gaps, so 500 pages do not mean 500 links", () => {
    expect(show(pageWindow(listing(6, 50)))).toBe("1 … 4 5 [6] 7 8 … 50");
    expect(show(pageWindow(listing(1, 500)))).toBe("[1] 2 3 … 500");
    expect(show(pageWindow(listing(500, 500)))).toBe("1 … 498 499 [500]");
  });

  it("shows a single skipped page instead of a gap, and every page of a short listing", () => {
    expect(show(pageWindow(listing(4, 7)))).toBe("1 2 3 [4] 5 6 7");
    expect(show(pageWindow(listing(1, 1)))).toBe("[1]");
    expect(pageWindow(listing(2, 3))[0]).toEqual({ number: 1, url: "/", current: false });
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

// One site with more stories than a page holds, built once for the page tests below
const PAGE = site.pageSize;
const TOTAL = 4 + PAGE + 2; // four named stories and enough fillers for a second page
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
  date: `2025-0${i <= 14 ? 1 : 2}-${String(10 + (i % 14)).padStart(2, "0")}T09:00:00-05:00`,
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
  for (let i = 1; i <= PAGE + 2; i++) files[`articles/markets-${i}.md`] = filler(i);
  built = makeFixture(files);
  const result = await built.run("build");
  expect(result.code, result.stderr).toBe(0);
}, 120_000);

const page = (url: string) => built.read(`_site${url}index.html`);
const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, "g"))?.length ?? 0;

describe("the front page", () => {
  it("leads with the newest story's headline and standfirst when the desk chose none, then the latest stories newest first", () => {
    const home = page("/");
    const lead = home.slice(home.indexOf('<article class="lead">'), home.indexOf("</article>"));
    expect(lead).toContain('<a href="/2025/03/10/feature/">Oil prices jump as talks stall</a>');
    expect(lead).toContain("Brent crude rose after negotiators left without a deal.");
    // no _data/frontpage.yaml here: no top stories; the World desk's block, then the rest of page 1
    expect(count(home, /<li class="card">/)).toBe(0);
    const latest = home.slice(home.indexOf('<section class="latest"'));
    expect(count(latest, /<li class="brief">/)).toBe(PAGE - 1);
    expect(latest.indexOf("Grid operator warns")).toBeLessThan(latest.indexOf("Refiners brace"));
    expect(home).toMatch(/<p class="card-meta"><span class="dateline-city">London<\/span>, United Kingdom · <time datetime="2025-02-/);
  });

  it("is paginated with rel prev/next and the current page marked", () => {
    const first = page("/");
    const second = page("/page/2/");
    expect(first).toContain('<a href="/page/2/" rel="next">');
    expect(first).toMatch(/<a href="\/" aria-current="page"><span class="visually-hidden">Page <\/span>1<\/a>/);
    expect(second).toContain('<a href="/" rel="prev">');
    expect(second).toMatch(/<a href="\/page\/2\/" aria-current="page">/);
    expect(second).not.toContain('<article class="lead">');
    expect(count(second, /<li class="card">/)).toBe(TOTAL - PAGE);
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
  it("paginates a tag newest first and lists every tag with its count", () => {
    const tag = page("/tags/markets/");
    expect(tag).toContain("<h1>Markets</h1>");
    expect(tag).toContain(`${PAGE + 3} stories tagged “Markets”, newest first. Page 1 of 2.`);
    expect(tag.indexOf("Oil prices jump")).toBeLessThan(tag.indexOf("Markets story"));
    expect(page("/tags/markets/page/2/")).toContain("<h1>Markets, page 2</h1>");
    expect(page("/tags/")).toContain(`<a href="/tags/markets/">Markets</a> <span class="count">(${PAGE + 3})</span>`);
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
    expect(page("/archive/2025/")).toContain("<h1>2025</h1>");
    expect(page("/archive/2025/page/2/")).toContain("Markets story");
  });

  it("gives a 404 that leads home and to the archive", () => {
    const notFound = built.read("_site/404.html");
    expect(notFound).toContain('<a href="/">Latest news</a>');
    expect(notFound).toContain('<a href="/archive/">');
    expect(notFound).toContain('<a href="/2025/03/10/feature/">Oil prices jump as talks stall</a>');
  });
});
