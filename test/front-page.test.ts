// The front page editors arrange (_data/frontpage.yaml): a chosen lead and top stories, checked
// against the articles, a block per desk, then the latest news; the newest story leads otherwise.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { findChosen, frontPageWarnings, loadFrontPage, noChoice } from "../src/content/frontpage.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { closest } from "../src/content/suggest.ts";
import { projectDesks } from "../src/content/sections.ts";
import { ChangedPages } from "../src/site/changes.ts";
import { buildCollections } from "../src/site/collections.ts";
import { patchCollections } from "../src/site/patch-collections.ts";
import { frontPage } from "../src/site/front-page.ts";
import { article, makeFixture, PINNED_ENV, validFields, type Fixture } from "./fixture.ts";

const now = DateTime.fromISO(PINNED_ENV.BUILD_NOW);
const load = (name: string, fields: Record<string, unknown>): Article => {
  const parsed = parseArticle(`articles/${name}.md`, article({ ...validFields, title: name, ...fields }), { timezone: "America/New_York", now });
  if (!("article" in parsed)) throw new Error(JSON.stringify(parsed.problems));
  return parsed.article;
};
const day = (n: number) => `2025-06-${String(n).padStart(2, "0")}T09:00:00-04:00`;
const titles = (articles: (Article | undefined)[]) => articles.map((a) => a?.title);

/** A front page file in a site folder of its own, checked against `articles`. */
function check(yaml: string, articles: Article[], files = articles.map((a) => a.file)) {
  const root = mkdtempSync(path.join(tmpdir(), "frontpage-"));
  mkdirSync(path.join(root, "_data"));
  writeFileSync(path.join(root, "_data/frontpage.yaml"), yaml);
  return loadFrontPage(root, articles, files);
}

describe("the front page's file", () => {
  const stories = [
    load("budget-vote", { date: day(3), section: "Business" }),
    load("river-bridge", { date: day(2) }),
    load("storm-warning", { date: day(1), section: "Science" }),
  ];

  it("names stories by file, slug or address", () => {
    expect(findChosen("articles/river-bridge.md", stories)).toBe(stories[1]);
    expect(findChosen("./articles/river-bridge.md", stories)).toBe(stories[1]);
    expect(findChosen("river-bridge", stories)).toBe(stories[1]);
    expect(findChosen("/2025/06/02/river-bridge/", stories)).toBe(stories[1]);
    expect(findChosen("2025/06/02/river-bridge", stories)).toBe(stories[1]);
    expect(findChosen("bridge", stories)).toBeUndefined();
  });

  it("suggests the same nearest slug as a full edit-distance table would, though it stops early on the far ones", () => {
    // the plain dynamic programme, every cell worked out
    const distance = (a: string, b: string) => {
      let row = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        row = next;
      }
      return row[b.length]!;
    };
    const nearest = (word: string, candidates: string[]) => {
      const [best] = candidates.map((c) => ({ c, d: distance(word, c) })).filter(({ d }) => d <= Math.max(2, Math.floor(word.length / 3))).sort((x, y) => x.d - y.d);
      return best?.c;
    };
    // seeded: slugs of 2–6 words from a small vocabulary, misspelt entries made from them
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor((seed / 2147483648) * n));
    const words = ["port", "river", "bridge", "vote", "budget", "storm", "rail", "monsoon", "tax", "rates", "court", "plan"];
    const slugs = [...new Set(Array.from({ length: 600 }, () => Array.from({ length: 2 + random(5) }, () => words[random(words.length)]).join("-")))];
    for (let k = 0; k < 200; k++) {
      const source = slugs[random(slugs.length)]!.split("");
      for (let edits = 1 + random(8); edits > 0; edits--) source.splice(random(source.length), random(2), ...(random(3) ? ["z"] : []));
      const entry = source.join("");
      const suggested = closest(entry, slugs);
      const expected = nearest(entry, slugs);
      // on a tie either is as near: compare distances
      expect(suggested === undefined ? undefined : distance(entry, suggested)).toBe(expected === undefined ? undefined : distance(entry, expected));
    }
  });

  it("resolves the lead and the top stories, in the order given, and the desks' block size", () => {
    const { choice, problems } = check("lead: storm-warning\ntop: [articles/budget-vote.md, river-bridge]\nsectionStories: 2\n", stories);
    expect(problems).toEqual([]);
    expect(choice).toEqual({
      lead: { entry: "storm-warning", file: "articles/storm-warning.md" },
      top: [{ entry: "articles/budget-vote.md", file: "articles/budget-vote.md" }, { entry: "river-bridge", file: "articles/river-bridge.md" }],
      sectionStories: 2,
    });
  });

  it("reports an entry naming no article, with a did-you-mean, and every other mistake, one line each", () => {
    const { problems } = check("lead: river-bridj\ntop: [budget-vote, articles/2019/gone.md, 7]\nsectionStorys: 2\n", stories);
    expect(problems.map(formatProblem)).toEqual([
      '_data/frontpage.yaml: sectionStorys: is not a known field (did you mean "sectionStories"?)',
      '_data/frontpage.yaml: lead: "river-bridj" names no article (did you mean "river-bridge"?)',
      '_data/frontpage.yaml: top: "articles/2019/gone.md" names no article (expected an article\'s file, e.g. articles/2020/wechat-ban-blocked.md, or its slug)',
      "_data/frontpage.yaml: top: is 7 (expected an article's file, e.g. articles/2020/wechat-ban-blocked.md, or its slug)",
    ]);
    expect(check("top: river-bridge\nsectionStories: -1\n", stories).problems.map(formatProblem)).toEqual([
      '_data/frontpage.yaml: top: is "river-bridge" (expected a list, e.g. top: [tiktok-deal-lawmakers, articles/2023/kumamoto-chip-plant.md])',
      "_data/frontpage.yaml: sectionStories: is -1 (expected a whole number from 0 to 12: the stories in each desk's block)",
    ]);
    expect(check("lead: [x\n", stories).problems.map(formatProblem)).toEqual([expect.stringMatching(/^_data\/frontpage\.yaml: YAML: syntax error at line 2, column 1: .+ \(expected valid YAML\)$/)]);
  });

  it("asks for the file when a slug is ambiguous, and stays quiet about a file with problems of its own", () => {
    const twin = load("river-bridge", { date: day(9) });
    const ambiguous = check("lead: river-bridge\n", [...stories, { ...twin, file: "articles/2024/river-bridge.md" }]);
    expect(ambiguous.problems.map(formatProblem)).toEqual([
      '_data/frontpage.yaml: lead: "river-bridge" is the slug of more than one article (expected the article\'s file, e.g. articles/2020/river-bridge.md)',
    ]);
    expect(check("lead: articles/broken.md\n", stories, [...stories.map((a) => a.file), "articles/broken.md"]).problems).toEqual([]);
  });

  it("is optional: without it the newest story leads, with three stories per desk", () => {
    expect(loadFrontPage(mkdtempSync(path.join(tmpdir(), "frontpage-")), stories, [])).toEqual({ choice: noChoice(), problems: [] });
    expect(noChoice()).toEqual({ lead: undefined, top: [], sectionStories: 3 });
  });

  it("warns about a chosen story that is a draft, embargoed or expired: it is left off the page", () => {
    const draft = load("leak", { date: day(4), draft: true });
    const later = load("launch", { date: "2026-02-01T09:00:00-05:00" });
    const gone = load("wire-copy", { date: day(5), expires: "2025-07-01" });
    const all = [...stories, draft, later, gone];
    const { choice } = check("lead: leak\ntop: [launch, river-bridge, wire-copy]\n", all);
    expect(frontPageWarnings(choice, all).map(formatProblem)).toEqual([
      '_data/frontpage.yaml: lead: "leak" (articles/leak.md) is a draft: left off the front page until it is published; the newest story leads instead',
      '_data/frontpage.yaml: top: "launch" (articles/launch.md) is embargoed until 2026-02-01T09:00:00-05:00: left off the front page until then',
      '_data/frontpage.yaml: top: "wire-copy" (articles/wire-copy.md) is expired: left off the front page',
    ]);
  });
});

describe("what the front page shows", () => {
  // newest first: two World stories, three Business, one Science
  const articles = [
    load("w1", { date: day(9) }), load("b1", { date: day(8), section: "Business" }), load("b2", { date: day(7), section: "Business" }),
    load("w2", { date: day(6) }), load("b3", { date: day(5), section: "Business" }), load("s1", { date: day(4), section: "Science" }),
  ];
  const [w1, b1, b2, w2, b3, s1] = articles as [Article, Article, Article, Article, Article, Article];
  const choose = (lead: Article | undefined, top: Article[], sectionStories = 2) => ({
    lead: lead && { entry: lead.slug, file: lead.file }, top: top.map((a) => ({ entry: a.slug, file: a.file })), sectionStories,
  });

  it("leads with the chosen story, then the top stories in order, then each desk's newest stories not already shown", () => {
    const front = frontPage(articles, articles, choose(s1, [b2, w1]), projectDesks.desks);
    expect(titles([front.lead])).toEqual(["s1"]);
    expect(titles(front.top)).toEqual(["b2", "w1"]);
    expect(front.desks.map((d) => `${d.section.name}: ${titles(d.items).join(" ")}`)).toEqual(["World: w2", "Business: b1 b3"]);
    expect(titles(front.latest)).toEqual(["b1", "w2", "b3"]);
  });

  it("leads with the newest story when nothing is chosen, or the chosen one is not in this build", () => {
    expect(frontPage(articles, articles, noChoice(), projectDesks.desks).lead).toBe(w1);
    const dropped = frontPage(articles.slice(1), articles.slice(1), choose(w1, [w1, b3]), projectDesks.desks);
    expect(titles([dropped.lead, ...dropped.top])).toEqual(["b1", "b3"]);
  });

  it("takes the desks' block size from the file; 0 shows no desk blocks", () => {
    expect(frontPage(articles, articles, choose(undefined, [], 1), projectDesks.desks).desks.map((d) => titles(d.items))).toEqual([["w2"], ["b1"], ["s1"]]);
    expect(frontPage(articles, articles, choose(undefined, [], 0), projectDesks.desks).desks).toEqual([]);
  });

  it("re-renders the front page in the dev server when a story it shows from further back is edited", () => {
    // 46 stories: the front page's listing holds the newest 26, /page/1/ the 20 oldest, old-24 among them
    const may = (n: number) => new Date(Date.UTC(2025, 4, n)).toISOString().slice(0, 10);
    const corpus = [...articles, ...Array.from({ length: 40 }, (_, i) => load(`old-${i}`, { date: may(28 - i) }))];
    const arrangement = { desks: projectDesks.desks, frontPage: choose(corpus[30], []) };
    const pages = Object.assign(new ChangedPages(), { enabled: true });
    const collections = buildCollections(corpus, "America/New_York", 20, "Home", arrangement);
    expect(collections.homePages[0]!.items).not.toContain(corpus[30]);
    expect(collections.homePages[1]!.url).toBe("/page/1/");
    expect(collections.homePages[1]!.items).toContain(corpus[30]);
    pages.listingPages(collections.homePages);
    pages.finishBuild();
    const edited = [...corpus];
    edited[30] = load("old-24", { title: "Old story, corrected", date: "2025-05-04" });
    const patched = patchCollections(collections, edited)!;
    expect(patched.collections.homePages[0]!.front!.lead).toBe(edited[30]);
    pages.limitTo(patched.touched);
    expect(pages.listingPages(patched.collections.homePages).map((p) => p.url)).toEqual(["/", "/page/1/"]);
  });
});

// A chosen lead from further back, top stories including a draft, an embargoed and an expired story; one story per desk block
describe("the front page of a fixture site", () => {
  let site: Fixture;
  let stderr: string;
  const home = () => site.read("_site/index.html");
  const section = (html: string, start: string) => html.slice(html.indexOf(start), html.indexOf("</section>", html.indexOf(start)));

  beforeAll(async () => {
    site = makeFixture({
      "articles/newest.md": article({ ...validFields, title: "Markets close higher", date: "2025-06-09", section: "Business" }),
      "articles/rates.md": article({ ...validFields, title: "Central bank holds rates", date: "2025-06-08", section: "Business" }),
      "articles/chips.md": article({ ...validFields, title: "Chip plant opens", date: "2025-06-07", section: "Technology" }),
      "articles/vote.md": article({ ...validFields, title: "Parliament passes budget", date: "2025-06-06" }),
      "articles/glacier.md": article({ ...validFields, title: "Glacier survey published", date: "2025-06-05", section: "Science", description: "Half its area is gone." }),
      "articles/storm.md": article({ ...validFields, title: "Storm warning issued", date: "2025-06-03" }),
      "articles/leak.md": article({ ...validFields, title: "Secret draft", date: "2025-06-04", draft: true }),
      "articles/launch.md": article({ ...validFields, title: "Embargoed launch", date: "2026-03-01" }),
      "articles/old-wire.md": article({ ...validFields, title: "Licence ran out", date: "2025-05-01", expires: "2025-06-01" }),
      "_data/frontpage.yaml": "lead: articles/glacier.md\ntop: [chips, leak, launch, old-wire, /2025/06/06/vote/]\nsectionStories: 1\n",
    });
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
    stderr = result.stderr;
  }, 60_000);

  it("leads with the chosen story, headline, standfirst and all", () => {
    const lead = home().slice(home().indexOf('<article class="lead">'), home().indexOf("</article>"));
    expect(lead).toContain('<a href="/2025/06/05/glacier/">Glacier survey published</a>');
    expect(lead).toContain("Half its area is gone.");
  });

  it("shows the chosen top stories in order, leaving out the draft, the embargoed and the expired story, with a warning for each", () => {
    const top = home().slice(home().indexOf('<ol class="cards top-stories">'), home().indexOf("</ol>", home().indexOf("top-stories")));
    expect([...top.matchAll(/<h2><a href="([^"]+)">/g)].map((m) => m[1])).toEqual(["/2025/06/07/chips/", "/2025/06/06/vote/"]);
    expect(home()).not.toContain("Secret draft");
    expect(home()).not.toContain("Embargoed launch");
    expect(home()).not.toContain("Licence ran out");
    expect(stderr).toContain('warning: _data/frontpage.yaml: top: "leak" (articles/leak.md) is a draft: left off the front page until it is published');
    expect(stderr).toContain('warning: _data/frontpage.yaml: top: "launch" (articles/launch.md) is embargoed until 2026-03-01T00:00:00-05:00: left off the front page until then');
    expect(stderr).toContain('warning: _data/frontpage.yaml: top: "old-wire" (articles/old-wire.md) is expired: left off the front page');
  });

  it("follows with one block per desk holding its newest stories not shown above, as many as the file says", () => {
    const html = home();
    const desks = [...html.matchAll(/<section class="desk" aria-labelledby="desk-([a-z]+)">/g)].map((m) => m[1]);
    expect(desks).toEqual(["world", "business"]); // Technology's and Science's stories are already above
    const business = section(html, 'aria-labelledby="desk-business"');
    expect(business).toContain('<h2 id="desk-business"><a href="/business/">Business</a></h2>');
    expect(business.match(/<li class="brief">/g)).toHaveLength(1);
    expect(business).toContain("Markets close higher");
    expect(section(html, 'aria-labelledby="desk-world"')).toContain("Storm warning issued");
  });

  it("ends with the latest news not already shown, and keeps older pages as plain listings", () => {
    const latest = section(home(), 'aria-labelledby="latest-heading"');
    expect(latest).toContain('<h2 id="latest-heading">Latest news</h2>');
    expect([...latest.matchAll(/<h3><a href="([^"]+)">/g)].map((m) => m[1])).toEqual(["/2025/06/09/newest/", "/2025/06/08/rates/", "/2025/06/03/storm/"]);
    expect(home()).not.toContain("<script>");
  });

  it("stops the build on an entry naming no article, reported with the articles' problems", async () => {
    const broken = makeFixture({
      "articles/rates.md": article({ ...validFields, title: "Central bank holds rates", date: "2025-06-08" }),
      "articles/bad.md": article({ ...validFields, title: "Bad", tags: "Markets" }),
      "_data/frontpage.yaml": "lead: ratez\n",
    });
    const result = await broken.run("build");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('_data/frontpage.yaml: lead: "ratez" names no article (did you mean "rates"?)');
    expect(result.stderr).toContain('articles/bad.md: tags: is "Markets" (expected a list');
    expect(result.stderr).toContain("Build stopped: 2 problem(s)");
  }, 60_000);
});
