import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { parseArticle, type Article } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { articleWarnings, defaults } from "../src/content/warnings.ts";
import { runCommand } from "./commands.ts";
import { article, makeFixture, PROJECT, validFields, type Fixture } from "./fixture.ts";

const options = { timezone: "America/New_York", now: DateTime.fromISO("2026-01-01T12:00:00Z") };
const image = { src: "images/bridge.jpg", alt: "The new bridge at dusk" };

function record(file: string, fields: Record<string, unknown>, body?: string): Article {
  const result = parseArticle(file, article({ ...validFields, ...fields }, body), options);
  if ("problems" in result) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.article;
}

/** The build checks that image files exist: give the fixture a real one at articles/images/bridge.jpg. */
function withImageFile(site: Fixture): Fixture {
  mkdirSync(path.join(site.root, "articles/images"), { recursive: true });
  copyFileSync(path.join(PROJECT, "articles/2019/images/amazon-smoke.jpg"), path.join(site.root, "articles", image.src));
  return site;
}

const warnings = (...articles: Article[]) => articleWarnings(articles).map(formatProblem);
/** A pair of articles sharing every tag, so no tag warning gets in the way of the others. */
const withTwin = (fields: Record<string, unknown>, body?: string) => [record("articles/a.md", fields, body), record("articles/twin.md", { tags: fields.tags ?? validFields.tags })];

describe("editorial warnings", () => {
  it("warns about a headline over the JSON-LD limit, counting characters rather than bytes", () => {
    expect(warnings(...withTwin({ title: "x".repeat(defaults.maxTitle) }))).toEqual([]);
    expect(warnings(...withTwin({ title: "新".repeat(defaults.maxTitle) }))).toEqual([]);
    expect(warnings(...withTwin({ title: "x".repeat(defaults.maxTitle + 1) }))).toEqual([
      `articles/a.md: title: is ${defaults.maxTitle + 1} characters (search engines use at most ${defaults.maxTitle}; shorten the headline)`,
    ]);
  });

  it("warns about a standfirst over 300 characters, whether written or taken from the first paragraph", () => {
    expect(warnings(...withTwin({ description: "d".repeat(defaults.maxDescription) }))).toEqual([]);
    expect(warnings(...withTwin({ description: "d".repeat(defaults.maxDescription + 1) }))).toEqual([
      expect.stringMatching(/^articles\/a\.md: description: is 301 characters \(search results and link previews cut it after 300/),
    ]);
    expect(warnings(...withTwin({}, "word ".repeat(80)))).toEqual([expect.stringMatching(/^articles\/a\.md: description: is 399 characters/)]);
  });

  it("warns about an image without a caption, not one with", () => {
    expect(warnings(...withTwin({ image: { ...image, caption: "The bridge opened on Monday." } }))).toEqual([]);
    expect(warnings(...withTwin({ image }))).toEqual(["articles/a.md: image: has no caption (expected caption: saying who, what, where and when)"]);
  });

  it("warns about a tag only one article uses, suggesting a shared tag it may be a misspelling of", () => {
    const articles = [
      record("articles/a.md", { tags: ["Technology", "Courts"] }),
      record("articles/b.md", { tags: ["technology"] }),
      record("articles/c.md", { tags: ["Technolgy"] }),
    ];
    expect(warnings(...articles)).toEqual([
      'articles/a.md: tags: "Courts" is used by no other article (a tag page with one story; check the spelling or drop it)',
      'articles/c.md: tags: "Technolgy" is used by no other article (did you mean "Technology"?)',
    ]);
  });
});

// each test runs the real command; a loaded 2-core machine needs more than 5 s
describe("npm run check", { timeout: 30_000 }, () => {
  it("prints each warning after a 'warning:' prefix, still says N articles OK and exits 0", async () => {
    const site = withImageFile(makeFixture({
      "articles/long.md": article({ ...validFields, title: "Long ".repeat(30).trim(), tags: ["Bridges"] }),
      "articles/photo.md": article({ ...validFields, title: "Photo", image, tags: ["Bridges", "Albany"] }),
    }));
    const result = await runCommand(site.root, "check");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("2 articles OK\n");
    expect(result.stderr.trim().split("\n")).toEqual([
      "warning: articles/long.md: title: is 149 characters (search engines use at most 110; shorten the headline)",
      "warning: articles/photo.md: image: has no caption (expected caption: saying who, what, where and when)",
      'warning: articles/photo.md: tags: "Albany" is used by no other article (a tag page with one story; check the spelling or drop it)',
      "3 warning(s); warnings do not stop the build.",
    ]);
  });

  it("prints nothing but the count for articles that need no warning", async () => {
    const site = withImageFile(makeFixture({
      "articles/one.md": article(validFields),
      "articles/two.md": article({ ...validFields, title: "Second bridge", image: { ...image, caption: "At dusk." } }),
    }));
    const result = await runCommand(site.root, "check");
    expect([result.code, result.stdout, result.stderr]).toEqual([0, "2 articles OK\n", ""]);
  });

  it("exits 1 on problems, listing them apart from the warnings of the valid articles", async () => {
    const site = makeFixture({
      "articles/good.md": article({ ...validFields, tags: ["Lonely"] }),
      "articles/bad.md": article({ ...validFields, dateline: "Albany" }),
    });
    const result = await runCommand(site.root, "check");
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("articles/"))).toEqual([
      'articles/bad.md: dateline: is "Albany", with no country (expected "City, Country", e.g. "New York, United States")',
    ]);
    expect(lines).toContain('warning: articles/good.md: tags: "Lonely" is used by no other article (a tag page with one story; check the spelling or drop it)');
    expect(lines.at(-1)).toBe("1 problem(s) found; 1 articles OK");
  });
});
