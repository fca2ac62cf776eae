import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import site from "../_data/site.ts";
import boilerplateData from "../_data/boilerplate.json" with { type: "json" };
import { splitFrontMatter } from "../src/content/frontmatter.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { markdown } from "../src/content/markdown.ts";
import { readDateLine, readDateline } from "../src/import/datelines.ts";
import { compileBoilerplate, parseWire, storyMarkdown, type WireStory } from "../src/import/wire.ts";
import { runCommand } from "./commands.ts";
import { makeFixture, PINNED_ENV, PROJECT } from "./fixture.ts";

const SEED_WIRE = path.join(PROJECT, "test/fixtures/wechat-ban-wire-story.txt");
const SEED_ARTICLE = "articles/2020/wechat-ban-blocked.md";
const boilerplate = compileBoilerplate(boilerplateData);
const now = DateTime.fromISO(PINNED_ENV.BUILD_NOW);

/** A second wire story, written for these tests: inline shouted dateline with agency, a date line, site furniture. */
const VALPARAISO = `Share this article
Share on Facebook

Dockworkers’ Strike Leaves Valparaíso Cargo Stranded

Published: March 3, 2025 4:15 p.m.

VALPARAÍSO, Chile (Prensa Austral) — Container ships queued outside Chile’s second-largest port on Monday as a 48-hour strike by dockworkers entered its second day.

The union said its members were “not asking for favours, only for the contract we signed in 2023,” and accused the port operator of delaying wage talks.
Officials at the operator, Terminal Pacífico Sur, did not respond to requests for comment.

Advertisement

— Exporters count the cost —

Fruit exporters, who ship cherries to Asia at this time of year, said each day of delay cost them about $2 million. “Las cerezas no esperan,” said one grower near Rancagua – cherries do not wait.

The ministry of transport has called both sides to a meeting in Santiago on Wednesday.

Related posts
Chile’s copper exports rise for third month
Port of San Antonio expands terminal

Leave a Reply
`;

const parse = (text: string) => {
  const story = parseWire(text, boilerplate);
  if ("error" in story) throw new Error(story.error);
  return story;
};

function loaded(file: string, text: string): { article: Article; paragraphs: string[] } {
  const result = parseArticle(file, text, { timezone: site.timezone, now });
  if ("problems" in result) throw new Error(JSON.stringify(result.problems));
  const split = splitFrontMatter(text);
  if (typeof split === "string") throw new Error(split);
  return { article: result.article, paragraphs: split.body.trim().split(/\n\s*\n/) };
}

const importedFile = (stdout: string) => stdout.trim().split(" → ").pop()!;

describe("reading wire copy", () => {
  it("finds the seed's headline, standfirst, dateline line, one subheading and 22 paragraphs, without the comment form", () => {
    const story: WireStory = parse(readFileSync(SEED_WIRE, "utf8"));
    expect(story.title).toBe("Judge Ends WeChat Download Ban in US-China Tech Battle");
    expect(story.standfirst).toBe("A U.S. judge on Sunday blocked the government’s ban on WeChat downloads.");
    expect(story.dateline).toEqual({ place: "New York, United States", hasCountry: true, agency: undefined, rest: "" });
    expect(story.date).toBeUndefined();
    expect(story.blocks.filter((b) => b.kind === "subheading")).toEqual([{ kind: "subheading", text: "A threat to national security?" }]);
    expect(story.blocks.filter((b) => b.kind === "paragraph")).toHaveLength(22);
    expect(story.blocks.at(-1)!.text).toMatch(/approved by a federal national security committee\.$/);
    expect(JSON.stringify(story)).not.toMatch(/Please enter|New York, United States:/);
  });

  it.each([
    ["New York, United States:", "New York, United States", undefined, ""],
    ["PARIS, France — The minister said", "Paris, France", undefined, "The minister said"],
    ["GENEVA (Reuters) - The WHO said", "Geneva", "Reuters", "The WHO said"],
    ["RIO DE JANEIRO, Brazil (AFP) — Rain fell", "Rio de Janeiro, Brazil", "AFP", "Rain fell"],
    ["N’DJAMENA, Chad: Officials said", "N’Djamena, Chad", undefined, "Officials said"],
    ["北京, China:", "北京, China", undefined, ""],
  ])("reads the dateline %s", (line, place, agency, rest) => {
    expect(readDateline(line)).toMatchObject({ place, agency, rest });
  });

  it.each(["However, he said: the vote stands", "He said:", "In Washington, officials said:", "Prices rose – again – on Monday", "UPDATE: The toll rose to 12"])(
    "does not take the sentence %s for a dateline",
    (line) => expect(readDateline(line)).toBeUndefined(),
  );

  it("takes a shouted label in the first line as part of the headline, but a dateline or date there as a missing headline", () => {
    expect(parse("BREAKING: Quake Hits Lima\n\nLIMA, Peru — The ground shook.").title).toBe("BREAKING: Quake Hits Lima");
    expect(parseWire("PARIS, France:\n\nThe minister resigned.", boilerplate)).toEqual({
      error: 'has no headline line: the first line "PARIS, France:" is a dateline or date (expected the headline first)',
    });
    expect(parseWire("Sept. 20, 2020\n\nThe minister resigned.", boilerplate)).toHaveProperty("error", expect.stringContaining("is a dateline or date"));
  });

  it.each([
    ["Published: Sept. 20, 2020, 3:45 p.m. EDT", "2020-09-20T15:45:00-04:00"],
    ["Monday, March 3, 2025", "2025-03-03"],
    ["20 September 2020 14:05", "2020-09-20T14:05:00"],
    ["2020-09-20T14:30", "2020-09-20T14:30:00"],
    ["December 1, 2024 12:10 a.m.", "2024-12-01T00:10:00"],
  ])("reads the date line %s as %s", (line, date) => expect(readDateLine(line)).toBe(date));

  it("keeps Markdown characters in wire text as text when rendered", () => {
    const paragraphs = ["# Not a heading", "- not a list", "1. Not a list either", "> not a quote", "Stars *a* b*, snake_case, _x_, `tick`, [a](b), a|b, ~~s~~, &amp; 5 < 6 #"];
    const html = markdown.render(storyMarkdown(paragraphs.map((text) => ({ kind: "paragraph", text }))));
    const escaped = paragraphs.map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</p>`);
    expect(html.trim().split("\n")).toEqual(escaped);
  });

  it("drops the lines the newsroom lists and reports a broken pattern by name", () => {
    const custom = compileBoilerplate({ endOfStory: ["más noticias"], anywhere: ["sponsored content"] });
    const story = parseWire("Headline\n\nLede.\n\nSponsored Content\n\nSecond.\n\nMás noticias\n\nOther story", custom);
    expect("blocks" in story && story.blocks.map((b) => b.text)).toEqual(["Lede.", "Second."]);
    expect(() => compileBoilerplate({ endOfStory: ["("], anywhere: [] })).toThrow(/endOfStory\[0\] "\(" is not a valid regular expression/);
  });
});

// each test runs the real command one to three times; a loaded 2-core machine needs more than 5 s
describe("npm run import", { timeout: 30_000 }, () => {
  it("turns the seed wire story into an article equivalent to the hand-made seed, which then passes check", async () => {
    const fixture = makeFixture();
    const result = await runCommand(fixture.root, "import", [SEED_WIRE, "--date", "2020-09-20", "--source", "Agencies", "--tags", "WeChat,TikTok,US-China,Technology,Courts"]);
    expect(result.code, result.stderr).toBe(0);
    const file = importedFile(result.stdout);
    expect(file).toBe("articles/2020/judge-ends-wechat-download-ban-in-us-china-tech-battle.md");
    const imported = loaded(file, fixture.read(file));
    const seed = loaded(SEED_ARTICLE, readFileSync(path.join(PROJECT, SEED_ARTICLE), "utf8"));
    for (const key of ["title", "dateline", "description", "source", "tags", "place"] as const) {
      expect(imported.article[key], key).toEqual(seed.article[key]);
    }
    expect([imported.article.date.instant.toISO(), imported.article.date.hasTime]).toEqual([seed.article.date.instant.toISO(), seed.article.date.hasTime]);
    expect(imported.paragraphs).toEqual(seed.paragraphs);
    expect(imported.paragraphs).toContain("## A threat to national security?");
    const check = await runCommand(fixture.root, "check");
    expect(check.code, check.stderr).toBe(0);
  });

  it("imports a story with an inline dateline and agency, a date line and site furniture, keeping every paragraph exactly", async () => {
    const fixture = makeFixture({ "wire/valparaiso.txt": VALPARAISO });
    const result = await runCommand(fixture.root, "import", ["wire/valparaiso.txt"]);
    expect(result.code, result.stderr).toBe(0);
    const file = importedFile(result.stdout);
    expect(file).toBe("articles/2025/dockworkers-strike-leaves-valparaiso-cargo-stranded.md");
    const { article, paragraphs } = loaded(file, fixture.read(file));
    expect(article).toMatchObject({
      title: "Dockworkers’ Strike Leaves Valparaíso Cargo Stranded",
      dateline: "Valparaíso, Chile",
      source: { name: "Prensa Austral" },
      description: "Container ships queued outside Chile’s second-largest port on Monday as a 48-hour strike by dockworkers entered its second day.",
    });
    expect(article.date.instant.toISO()).toBe("2025-03-03T16:15:00.000-05:00");
    const wire = VALPARAISO.split(/\n\s*\n/);
    const body = wire.slice(wire.findIndex((p) => p.startsWith("VALPARAÍSO")), wire.findIndex((p) => p.startsWith("Related posts"))).filter((p) => p !== "Advertisement");
    expect(paragraphs).toEqual([body[0]!.replace("VALPARAÍSO, Chile (Prensa Austral) — ", ""), body[1], "## Exporters count the cost", body[3], body[4]]);
    expect(fixture.read(file)).not.toMatch(/Share|Advertisement|Related posts|copper exports|Leave a Reply/);
    expect((await runCommand(fixture.root, "check")).code).toBe(0);
  });

  it("names every file it cannot import and why, still imports the others, and exits 1", async () => {
    const good = "Council Approves New Bridge\n\nThe council approved a bridge.\n\nALBANY, United States — The vote was 7 to 2.\n";
    const fixture = makeFixture({
      "wire/empty.txt": " \n\n",
      "wire/no-title.txt": `${"A very long opening paragraph with no headline above it. ".repeat(5)}\n\nSecond paragraph.\n`,
      "wire/no-body.txt": "Headline Only\n\nPARIS, France:\n\nPlease enter your comment!\n",
      "wire/good.txt": good,
    });
    // the start of a PNG file, saved with a .txt name
    writeFileSync(path.join(fixture.root, "wire/photo.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const inputs = ["empty", "photo", "no-title", "no-body", "good", "missing"].map((name) => `wire/${name}.txt`);
    const result = await runCommand(fixture.root, "import", [...inputs, "--date", "2025-06-01", "--source", "AFP"]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim()).toBe("wire/good.txt → articles/2025/council-approves-new-bridge.md");
    expect(fixture.exists("articles/2025/council-approves-new-bridge.md")).toBe(true);
    const errors = result.stderr.trim().split("\n");
    expect(errors).toEqual([
      "wire/empty.txt: is empty (expected a headline line, then the story)",
      "wire/photo.txt: is not a text file (binary or not UTF-8; expected plain-text wire copy)",
      expect.stringMatching(/^wire\/no-title\.txt: has no headline line: the first line is \d+ characters of story text/),
      "wire/no-body.txt: has no story text after the headline (expected paragraphs separated by blank lines)",
      "wire/missing.txt: cannot be read (no such file)",
      "5 of 6 file(s) not imported.",
    ]);
  });

  it("never guesses a date or dateline the copy lacks: it asks for --date or --dateline", async () => {
    const fixture = makeFixture({
      "wire/undated.txt": "Quake Shakes Coast\n\nLIMA, Peru (Andina) — A quake shook the coast.\n",
      "wire/nowhere.txt": "Quake Shakes Coast\n\nSeptember 2, 2025\n\nA quake shook the coast, officials said.\n",
      "wire/no-country.txt": "Quake Shakes Coast\n\n2025-09-02\n\nLIMA (Andina) — A quake shook the coast.\n",
    });
    const result = await runCommand(fixture.root, "import", ["wire/undated.txt", "wire/nowhere.txt", "wire/no-country.txt"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("wire/undated.txt: has no date line (expected e.g. \"September 20, 2020\" under the headline; or pass --date 2020-09-20)");
    expect(result.stderr).toContain("wire/nowhere.txt: has no dateline (expected a line such as \"Paris, France:\" or \"PARIS, France —\"; or pass --dateline \"Paris, France\")");
    expect(result.stderr).toContain('wire/no-country.txt: has a dateline with no country, "Lima" (pass --dateline "Lima, Country")');
    expect(result.stdout).toBe("");
    const fixed = await runCommand(fixture.root, "import", ["wire/no-country.txt", "--dateline", "Lima, Peru"]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixture.read("articles/2025/quake-shakes-coast.md")).toMatch(/^dateline: Lima, Peru$/m);
  });

  it("refuses to overwrite an article, leaving the edited file alone, and --dry-run writes nothing", async () => {
    const fixture = makeFixture({ "wire/valparaiso.txt": VALPARAISO });
    const dry = await runCommand(fixture.root, "import", ["wire/valparaiso.txt", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    const file = "articles/2025/dockworkers-strike-leaves-valparaiso-cargo-stranded.md";
    expect(dry.stdout).toContain(`==> ${file} (dry run, not written) <==\n---\ntitle: Dockworkers’ Strike Leaves Valparaíso Cargo Stranded\n`);
    expect(fixture.exists(file)).toBe(false);

    expect((await runCommand(fixture.root, "import", ["wire/valparaiso.txt"])).code).toBe(0);
    const edited = fixture.read(file).replace("Santiago", "Santiago de Chile");
    fixture.write(file, edited);
    const again = await runCommand(fixture.root, "import", ["wire/valparaiso.txt"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`wire/valparaiso.txt: ${file} already exists; it was not overwritten`);
    expect(fixture.read(file)).toBe(edited);
  });

  it("rejects a call without files or with an impossible --date as a usage error (exit 2)", async () => {
    const fixture = makeFixture();
    const none = await runCommand(fixture.root, "import", []);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("No wire-copy files given.\nusage: npm run import --");
    const badDate = await runCommand(fixture.root, "import", ["x.txt", "--date", "2020-02-30"]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--date "2020-02-30" is not a real calendar date');
  });
});
