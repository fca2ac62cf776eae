import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import site from "../_data/site.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { runCommand, runInTerminal } from "./commands.ts";
import { article, makeFixture, PINNED_ENV, validFields, type Fixture } from "./fixture.ts";

const now = DateTime.fromISO(PINNED_ENV.BUILD_NOW).setZone(site.timezone);
const year = String(now.year);

function parsed(fixture: Fixture, file: string): Article {
  const result = parseArticle(file, fixture.read(file), { timezone: site.timezone, now });
  if ("problems" in result) throw new Error(JSON.stringify(result.problems));
  return result.article;
}

const files = (fixture: Fixture) => readdirSync(path.join(fixture.root, "articles"), { recursive: true }).map(String).filter((f) => f.endsWith(".md")).sort();

// each test runs the real command one to three times; a loaded 2-core machine needs more than 5 s
describe("npm run new", { timeout: 30_000 }, () => {
  it("writes articles/<yyyy>/<slug>.md dated now in the site's zone with its offset, prints the path, and passes check as is", async () => {
    const site = makeFixture();
    const result = await runCommand(site.root, "new", ["Council approves new bridge", "--dateline", "Albany, United States", "--source", "AFP", "--tags", "Infrastructure, New York"]);
    expect(result.code, result.stderr).toBe(0);
    const file = `articles/${year}/council-approves-new-bridge.md`;
    expect(result.stdout.trim()).toBe(file);
    expect(site.read(file)).toMatch(/^---\ntitle: Council approves new bridge\ndate: 2026-01-01T07:00:00-05:00\n/);
    const written = parsed(site, file);
    expect(written.date.instant.toMillis()).toBe(now.toMillis());
    expect(written.tags.map((t) => t.name)).toEqual(["Infrastructure", "New York"]);
    expect(written).toMatchObject({ title: "Council approves new bridge", dateline: "Albany, United States", source: { name: "AFP" }, status: "published" });

    const check = await runCommand(site.root, "check");
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout.trim()).toBe("1 articles OK");
  });

  it("round-trips a headline full of YAML and Markdown specials and marks --draft", async () => {
    const site = makeFixture();
    const title = `Breaking: "Quotes", #hashtags & 'apostrophes' — über 50%: [yes] {no} | null`;
    const result = await runCommand(site.root, "new", [title, "--dateline", "São Paulo, Brazil", "--source", "Reuters", "--draft"]);
    expect(result.code, result.stderr).toBe(0);
    const written = parsed(site, result.stdout.trim());
    expect(written).toMatchObject({ title, dateline: "São Paulo, Brazil", status: "draft", draft: true });
    expect(result.stdout.trim()).toBe(`articles/${year}/breaking-quotes-hashtags-apostrophes-uber-50-yes-no-null.md`);
  });

  it("refuses to overwrite an existing article and leaves it as the editor left it", async () => {
    const site = makeFixture();
    const args = ["Storm closes ports", "--dateline", "Lisbon, Portugal", "--source", "Lusa"];
    const first = await runCommand(site.root, "new", args);
    expect(first.code, first.stderr).toBe(0);
    const file = first.stdout.trim();
    const edited = site.read(file).replace(/Write the story here.*/, "The editor's finished story.");
    site.write(file, edited);
    const second = await runCommand(site.root, "new", args);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${file} already exists; it was not overwritten`);
    expect(site.read(file)).toBe(edited);
  });

  it("refuses a headline whose URL another article already uses, naming that article", async () => {
    const site = makeFixture({ "articles/desk/storm-closes-ports.md": article({ ...validFields, title: "Earlier", date: "2026-01-01T05:00:00-05:00" }) });
    const result = await runCommand(site.root, "new", ["Storm closes ports", "--dateline", "Lisbon, Portugal", "--source", "Lusa"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`gives URL /2026/01/01/storm-closes-ports/, already used by articles/desk/storm-closes-ports.md`);
    expect(files(site)).toEqual(["desk/storm-closes-ports.md"]);
  });

  it("without a terminal, lists every missing value, writes nothing and exits 1", async () => {
    const site = makeFixture();
    const result = await runCommand(site.root, "new", []);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Missing the headline, --dateline, --source (no terminal to ask on); nothing was written.");
    expect(result.stderr).toContain("usage: npm run new --");
    const partly = await runCommand(site.root, "new", ["A headline", "--source", "AFP"]);
    expect(partly.code).toBe(1);
    expect(partly.stderr).toContain("Missing --dateline (no terminal");
    expect(files(site)).toEqual([]);
  });

  it("reports an invalid value with the contract's own message and writes nothing", async () => {
    const site = makeFixture();
    const result = await runCommand(site.root, "new", ["Ministers meet", "--dateline", "Paris", "--source", "AFP"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`articles/${year}/ministers-meet.md: dateline: is "Paris", with no country (expected "City, Country"`);
    const usage = await runCommand(site.root, "new", ["Ministers meet", "--city", "Paris"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Unknown option '--city'");
    expect(files(site)).toEqual([]);
  });

  it("on a terminal, asks for each missing value and asks again until the contract accepts it", async () => {
    const site = makeFixture();
    const result = await runInTerminal(site.root, "new", ["--source", "AFP"], [
      ["Headline: ", "Floods hit Valencia"],
      ["Dateline (City, Country): ", "Valencia"],
      ["Dateline (City, Country): ", "Valencia, Spain"],
    ]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('dateline: is "Valencia", with no country');
    expect(result.stdout).not.toContain("Source (agency or outlet)"); // given as a flag, not asked
    const file = `articles/${year}/floods-hit-valencia.md`;
    expect(result.stdout).toContain(file);
    expect(parsed(site, file)).toMatchObject({ title: "Floods hit Valencia", dateline: "Valencia, Spain", source: { name: "AFP" } });
  });
});
