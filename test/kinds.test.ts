// Kinds of story: `kind: news | analysis | opinion` (news by default), a label on the article and its
// cards, the matching schema.org type, and opinion pieces that need no dateline.
import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { article, makeFixture, validFields, type Fixture } from "./fixture.ts";

const now = DateTime.fromISO("2026-01-01T12:00:00Z");
const parse = (fields: Record<string, unknown>) => parseArticle("articles/x.md", article(fields), { timezone: "America/New_York", now });
const problems = (fields: Record<string, unknown>) => {
  const result = parse(fields);
  return "problems" in result ? result.problems.map(formatProblem) : [];
};
const { dateline: _, ...undated } = validFields;

describe("the kind of a story", () => {
  it("is news unless the article says analysis or opinion", () => {
    const kind = (fields: Record<string, unknown>) => {
      const result = parse(fields);
      return "article" in result ? result.article.kind : "invalid";
    };
    expect(kind(validFields)).toBe("news");
    expect(kind({ ...validFields, kind: "analysis" })).toBe("analysis");
    expect(kind({ ...validFields, kind: "opinion" })).toBe("opinion");
  });

  it("is a one-line error naming the kinds when it is anything else", () => {
    expect(problems({ ...validFields, kind: "editorial" })).toEqual(['articles/x.md: kind: is "editorial" (expected news, analysis or opinion)']);
    expect(problems({ ...validFields, kind: ["opinion"] })).toEqual(["articles/x.md: kind: is a list (expected news, analysis or opinion)"]);
  });

  it("lets an opinion piece leave out the dateline, as a draft may, but not news or analysis", () => {
    expect(problems({ ...undated, kind: "opinion" })).toEqual([]);
    const missing = 'articles/x.md: dateline: is missing (expected "City, Country", e.g. "New York, United States")';
    expect(problems(undated)).toEqual([missing]);
    expect(problems({ ...undated, kind: "analysis" })).toEqual([missing]);
    expect(problems({ ...undated, draft: true })).toEqual([]);
  });
});

describe("kinds on a fixture site", () => {
  let site: Fixture;
  const page = (url: string) => site.read(`_site${url}index.html`);
  const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));

  beforeAll(async () => {
    site = makeFixture({
      "articles/column.md": article({ ...undated, title: "Cities must plan for the rain", date: "2025-06-03", kind: "opinion", author: "Priya Raman", tags: ["Climate"] }),
      "articles/explainer.md": article({ ...validFields, title: "Why the bridge vote matters", date: "2025-06-02", kind: "analysis", tags: ["Climate"] }),
      "articles/report.md": article({ ...validFields, title: "Council approves new bridge", date: "2025-06-01", tags: ["Climate"] }),
    });
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 60_000);

  it("labels analysis and opinion on the article page, above the headline, and leaves news unlabelled", () => {
    expect(page("/2025/06/03/column/")).toMatch(/<p class="kind kind-opinion">Opinion<\/p>\s*<h1>Cities must plan for the rain<\/h1>/);
    expect(page("/2025/06/02/explainer/")).toMatch(/<p class="kind kind-analysis">Analysis<\/p>\s*<h1>/);
    expect(page("/2025/06/01/report/")).not.toContain('class="kind');
  });

  it("labels them on every card and on the front page", () => {
    const tag = page("/tags/climate/");
    expect(tag).toMatch(/<li class="card">\s*<p class="kind kind-opinion">Opinion<\/p>\s*<h2><a href="\/2025\/06\/03\/column\/">/);
    expect(tag).toMatch(/<li class="card">\s*<p class="kind kind-analysis">Analysis<\/p>\s*<h2><a href="\/2025\/06\/02\/explainer\/">/);
    expect(tag.match(/class="kind /g)).toHaveLength(2);
    expect(page("/")).toMatch(/<article class="lead">\s*<p class="kind kind-opinion">Opinion<\/p>/);
  });

  it("gives an opinion piece without a dateline no dateline line", () => {
    const column = page("/2025/06/03/column/");
    expect(column).not.toContain('class="dateline"');
    expect(column).toMatch(/<p class="byline">By (<a [^>]+>)?Priya Raman/); // a column is credited to its writer
    expect(page("/2025/06/01/report/")).toContain('<p class="dateline">');
  });

  it("uses OpinionNewsArticle and AnalysisNewsArticle in JSON-LD where they apply, NewsArticle otherwise", () => {
    const type = (url: string) => jsonLd(page(url))[0]!["@type"];
    expect(type("/2025/06/03/column/")).toBe("OpinionNewsArticle");
    expect(type("/2025/06/02/explainer/")).toBe("AnalysisNewsArticle");
    expect(type("/2025/06/01/report/")).toBe("NewsArticle");
    const column = jsonLd(page("/2025/06/03/column/"))[0]!;
    expect(column.dateline).toBeUndefined();
    expect(column.locationCreated).toBeUndefined();
  });

  it("offers the kind as a search filter", () => {
    const folder = path.join(site.root, "_site/pagefind/filter");
    const filters = readdirSync(folder).map((file) => gunzipSync(readFileSync(path.join(folder, file))).toString("utf8")).join("");
    for (const label of ["kind", "Opinion", "Analysis", "News"]) expect(filters).toContain(label);
  });
});
