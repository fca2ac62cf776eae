import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { parseArticle } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { article, validFields } from "./fixture.ts";

const options = { timezone: "America/New_York", now: DateTime.fromISO("2026-01-01T12:00:00Z") };
const parse = (fields: Record<string, unknown>, body?: string) => parseArticle("articles/x.md", article(fields, body), options);
const problems = (fields: Record<string, unknown>, body?: string) => {
  const result = parse(fields, body);
  return "problems" in result ? result.problems.map(formatProblem) : [];
};
const without = (key: string) => Object.fromEntries(Object.entries(validFields).filter(([k]) => k !== key));

describe("the article contract", () => {
  it("accepts a complete article and derives its URL in the site's zone", () => {
    const result = parse({ ...validFields, date: "2025-06-01T01:30:00Z" });
    expect("article" in result && result.article.url).toBe("/2025/05/31/x/");
  });

  it.each(["title", "date", "dateline", "source"])("names the missing required field %s", (field) => {
    expect(problems(without(field))).toEqual([expect.stringMatching(new RegExp(`^articles/x\\.md: ${field}: is missing \\(expected .+\\)$`))]);
  });

  it("rejects an empty title with what was expected", () => {
    expect(problems({ ...validFields, title: "" })).toEqual(["articles/x.md: title: is empty (expected the headline as text)"]);
  });

  it.each([
    ["2020-13-45", "not a real calendar date"],
    ["2021-02-30", "not a real calendar date"],
    ["2020-09-20 14:30", "expected 2020-09-20"],
    ["2020-09-20T25:00:00", "not a real time of day"],
    ["yesterday", "expected 2020-09-20"],
  ])("rejects the impossible or malformed date %s", (date, message) => {
    expect(problems({ ...validFields, date })).toEqual([expect.stringContaining(`articles/x.md: date: `)]);
    expect(problems({ ...validFields, date })[0]).toContain(message);
  });

  it("rejects a wall-clock time that a DST jump skips in the site's zone", () => {
    expect(problems({ ...validFields, date: "2021-03-14T02:30:00" })[0]).toMatch(/date: .*does not exist in America\/New_York/);
  });

  it("rejects an updated time before the publication time", () => {
    expect(problems({ ...validFields, updated: "2025-05-01" })).toEqual([expect.stringMatching(/^articles\/x\.md: updated: .*before date/)]);
  });

  it("suggests the right name for a misspelt field", () => {
    expect(problems({ ...validFields, tag: ["a"], descripton: "x" })).toEqual([
      'articles/x.md: tag: is not a known field (did you mean "tags"?)',
      'articles/x.md: descripton: is not a known field (did you mean "description"?)',
    ]);
  });

  it("explains a dateline without a country", () => {
    expect(problems({ ...validFields, dateline: "Paris" })[0]).toMatch(/^articles\/x\.md: dateline: is "Paris", with no country \(expected "City, Country"/);
  });

  it("accepts a source as a name or as { name, url }, and rejects a non-http URL", () => {
    expect(problems({ ...validFields, source: { name: "Reuters", url: "https://www.reuters.com" } })).toEqual([]);
    expect(problems({ ...validFields, source: { name: "Reuters", url: "javascript:alert(1)" } })).toEqual([
      expect.stringMatching(/^articles\/x\.md: source\.url: is not an http\(s\) URL/),
    ]);
  });

  it("requires alt text on an image", () => {
    expect(problems({ ...validFields, image: { src: "a.jpg" } })).toEqual([expect.stringMatching(/^articles\/x\.md: image\.alt: is missing \(expected alt text/)]);
  });

  it("wants tags as a list, draft as a boolean and slug in slug form", () => {
    expect(problems({ ...validFields, tags: "China", draft: "yes", slug: "../../etc" })).toEqual([
      expect.stringMatching(/tags: is "China" \(expected a list/),
      expect.stringMatching(/draft: is "yes" \(expected true or false\)/),
      expect.stringMatching(/slug: is "\.\.\/\.\.\/etc", not a slug/),
    ]);
  });

  it("reports YAML syntax errors with line and column", () => {
    const result = parseArticle("articles/x.md", "---\ntitle: x\ntags: [a\ndate: 2020-01-01\n---\nbody\n", options);
    expect("problems" in result && result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^articles\/x\.md: front matter: YAML syntax error at line \d+, column \d+: .+ \(expected valid YAML\)$/),
    ]);
  });

  it("rejects a file without front matter or without a body", () => {
    expect("problems" in parseArticle("articles/x.md", "Just text\n", options)).toBe(true);
    expect(problems(validFields, "")).toEqual(["articles/x.md: body: is empty (expected the story text after the front matter)"]);
  });

  it("normalises source and author and defaults the description to the first paragraph", () => {
    const result = parse({ ...validFields, author: "Jane Doe" }, '## Heading\n\nFirst "paragraph" with **bold**.\n\nSecond.');
    if (!("article" in result)) throw new Error("expected a valid article");
    expect(result.article.source).toEqual({ name: "AFP", url: undefined });
    expect(result.article.author).toEqual(["Jane Doe"]);
    expect(result.article.description).toBe("First “paragraph” with bold.");
  });

  it("gives every article the same fields in the same order, whichever optional ones its front matter sets", () => {
    // one shape for the JavaScript engine: passes over 10,000 articles of many shapes ran far slower
    const keys = (fields: Record<string, unknown>) => {
      const result = parse(fields);
      if (!("article" in result)) throw new Error("expected a valid article");
      return Object.keys(result.article);
    };
    const full = { ...validFields, updated: "2025-06-02T10:00:00-04:00", description: "Set by hand.", slug: "own-slug", author: "Jane Doe", aliases: ["/old/"], image: { src: "/img/a.jpg", alt: "A bridge" }, draft: true };
    expect(keys({ updated: full.updated, ...validFields, slug: full.slug })).toEqual(keys(validFields));
    expect(keys(full)).toEqual(keys(validFields));
  });

  it("marks drafts and future-dated articles", () => {
    const status = (fields: Record<string, unknown>) => {
      const result = parse(fields);
      return "article" in result ? result.article.status : "invalid";
    };
    expect(status(validFields)).toBe("published");
    expect(status({ ...validFields, draft: true })).toBe("draft");
    expect(status({ ...validFields, date: "2026-01-02" })).toBe("embargoed");
  });
});
