import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { afterAll, describe, expect, it } from "vitest";
import site from "../_data/site.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { parseYaml, splitFrontMatter } from "../src/content/frontmatter.ts";
import { markdown } from "../src/content/markdown.ts";
import { BENCH_NOW, generateCorpus, laterArticle, laterInstant, tagsByUse, withTag } from "../bench/generate.ts";
import { measureBuild, measureCommand, treeRssKiB } from "../bench/measure.ts";
import { median, ratios } from "../bench/report.ts";
import { baselineSite, buildEnv, cleanOutput, emptyTrash, projectSite } from "../bench/sites.ts";

const now = DateTime.fromISO(BENCH_NOW);
const validate = (file: string, text: string): Article => {
  const parsed = parseArticle(file, text, { timezone: site.timezone, now });
  if ("problems" in parsed) throw new Error(parsed.problems.map((p) => `${p.field}: ${p.message}`).join("\n"));
  return parsed.article;
};
const corpus = generateCorpus(30, 7);
const articles = corpus.map(({ file, text }) => validate(file, text));
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const scratch = mkdtempSync(path.join(tmpdir(), "newsroom-bench-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the benchmark corpus generator", () => {
  it("produces the same files for the same seed, a different corpus for another seed, and a smaller N as a prefix", () => {
    expect(generateCorpus(30, 7)).toEqual(corpus);
    expect(generateCorpus(30, 8).map((a) => a.text)).not.toEqual(corpus.map((a) => a.text));
    expect(generateCorpus(12, 7)).toEqual(corpus.slice(0, 12));
  });

  it("writes articles that all pass the article contract, published before BUILD_NOW, at distinct URLs", () => {
    expect(articles).toHaveLength(30);
    for (const [i, article] of articles.entries()) {
      expect(article.status).toBe("published");
      expect(corpus[i]!.file).toBe(`articles/${corpus[i]!.file.slice(9, 13)}/${article.slug}.md`);
      expect(article.tags.length).toBeGreaterThanOrEqual(2);
      expect(article.tags.length).toBeLessThanOrEqual(6);
    }
    expect(new Set(articles.map((a) => a.url)).size).toBe(30);
  });

  it("writes 600–900-word bodies with a subheading, a blockquote and at least two links", () => {
    for (const { text } of corpus) {
      const html = markdown.render(text.slice(text.indexOf("\n---\n") + 5));
      const words = html.replace(/<[^>]+>/g, " ").split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
      expect(words.length).toBeGreaterThanOrEqual(600);
      expect(words.length).toBeLessThanOrEqual(900);
      expect(html).toMatch(/<h2 id="[^"]+">/);
      expect(html).toContain("<blockquote>");
      expect(html.match(/<a href="https:\/\/[^"]+">/g)?.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("spreads a larger corpus over ~60 offset datelines, 8 sources, a few hundred Zipf-like tags and several years", () => {
    const fields = generateCorpus(2000, 7).map(({ text }) => {
      const split = splitFrontMatter(text);
      if (typeof split === "string") throw new Error(split);
      const yaml = parseYaml(split.yaml);
      if ("error" in yaml) throw new Error(yaml.error);
      return yaml.data as { date: string; dateline: string; source: string | { name: string }; tags: string[] };
    });
    const distinct = <T>(values: T[]) => new Set(values).size;
    expect(distinct(fields.map((f) => f.dateline))).toBeGreaterThanOrEqual(55);
    expect(distinct(fields.map((f) => /[+-]\d\d:\d\d$/.exec(f.date)?.[0]).filter(Boolean))).toBeGreaterThanOrEqual(25);
    expect(distinct(fields.map((f) => (typeof f.source === "string" ? f.source : f.source.name)))).toBe(8);
    expect(distinct(fields.map((f) => f.date.slice(0, 4)))).toBeGreaterThanOrEqual(6);
    const counts = new Map<string, number>();
    for (const tag of fields.flatMap((f) => f.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(200);
    expect(counts.size).toBeLessThanOrEqual(400);
    const frequencies = [...counts.values()];
    expect(Math.max(...frequencies)).toBeGreaterThan(10 * median(frequencies));
  });
});

describe("the incremental benchmark's changes", () => {
  it("writes new stories that pass the contract, each newer than every other article, at URLs of their own", () => {
    const later = [0, 1, 2].map((n) => laterArticle(corpus, 7, corpus.length + n, laterInstant(n)));
    const added = later.map(({ file, text }) => validate(file, text));
    const newest = Math.max(...articles.map((a) => a.date.instant.toMillis()));
    for (const [n, article] of added.entries()) {
      expect(article.status).toBe("published");
      expect(article.date.hasTime).toBe(true);
      expect(article.date.instant.toMillis()).toBe(laterInstant(n));
      expect(article.date.instant.toMillis()).toBeGreaterThan(newest);
      expect(later[n]!.file).toBe(`articles/${later[n]!.file.slice(9, 13)}/${article.slug}.md`);
    }
    expect(new Set([...articles, ...added].map((a) => a.url)).size).toBe(33);
    expect(laterArticle(corpus, 7, 30, laterInstant(0))).toEqual(later[0]);
  });

  it("adds a tag the way the generator writes tags, one the article then has", () => {
    for (const [i, { file, text }] of corpus.entries()) {
      const tag = tagsByUse(7).find((t) => !articles[i]!.tags.some((has) => has.name === t))!;
      const retagged = validate(file, withTag(text, tag));
      expect(retagged.tags.map((t) => t.name)).toEqual([...articles[i]!.tags.map((t) => t.name), tag]);
    }
    expect(withTag(corpus[0]!.text, "Hong Kong, China")).toMatch(/^tags: \[.*, "Hong Kong, China"\]$/m);
  });
});

describe("the benchmark's builds", () => {
  it("builds the baseline from a tiny corpus into article, home, tag, feed and sitemap pages, and measures it", async () => {
    const baseline = baselineSite(path.join(scratch, "baseline"), corpus);
    const sample = await measureBuild(baseline, buildEnv());
    expect(sample.wallMs).toBeGreaterThan(0);
    expect(sample.cpuMs).toBeGreaterThan(0);
    expect(sample.peakRssKiB).toBeGreaterThan(20 * 1024);
    const read = (file: string) => readFileSync(path.join(baseline.root, "_site", file), "utf8");
    expect(read("index.html").match(/<li>/g)).toHaveLength(20);
    expect(read("page/2/index.html").match(/<li>/g)).toHaveLength(10);
    expect(read("feed.xml").match(/<entry>/g)).toHaveLength(20);
    const first = articles[0]!;
    const page = read(`${corpus[0]!.file.replace(/\.md$/, "")}/index.html`);
    expect(page).toContain(`<h1>${escaped(first.title)}</h1>`);
    expect(page).toContain(escaped(first.dateline!));
    expect(page).toContain(first.source.name);
    for (const tag of first.tags) expect(page).toContain(`<a href="/tags/${tag.slug}/">`);
    expect(existsSync(path.join(baseline.root, "_site/tags", first.tags[0]!.slug, "index.html"))).toBe(true);
    const sitemap = read("sitemap.xml");
    for (const { file } of corpus) expect(sitemap).toContain(`<loc>https://baseline.example/${file.replace(/\.md$/, "")}/</loc>`);
    expect(sample.files).toBeGreaterThan(30 + 2 + 3);
  }, 60_000);

  it("builds the same tiny corpus with this project's production build", async () => {
    const project = projectSite(path.join(scratch, "project"), corpus);
    const sample = await measureBuild(project, buildEnv());
    for (const article of articles) expect(existsSync(path.join(project.root, "_site", article.url, "index.html"))).toBe(true);
    // Pagefind's service is a process of the build's own: the tree's sampled peak counts it
    expect(sample.treePeakKiB).toBeGreaterThanOrEqual(sample.peakRssKiB);
    expect(sample.files).toBeGreaterThan(30);
  }, 60_000);
});

describe("the benchmark's cleanup", () => {
  it("moves a site's last output aside instead of deleting it before the next build, and deletes it when the run ends", () => {
    const root = path.join(scratch, "aside");
    mkdirSync(path.join(root, "_site.old"), { recursive: true });
    writeFileSync(path.join(root, "_site.old/page.html"), "<p>before</p>");
    const inode = statSync(path.join(root, "_site.old/page.html")).ino;
    cleanOutput({ name: "project", root, command: [], output: "_site" });
    expect(readdirSync(root)).toEqual([]);
    const trashes = () => readdirSync(tmpdir()).filter((entry) => entry.startsWith(`newsroom-bench-trash-${process.pid}-`)).map((entry) => path.join(tmpdir(), entry));
    // the same file, still on disk: nothing was deleted
    const kept = trashes().flatMap((trash) => readdirSync(trash, { recursive: true, withFileTypes: true }).filter((e) => e.name === "page.html").map((e) => path.join(e.parentPath, e.name)));
    expect(kept.map((file) => statSync(file).ino)).toEqual([inode]);
    emptyTrash();
    expect(trashes()).toEqual([]);
  });
});

describe("the benchmark's arithmetic", () => {
  it("adds up the resident memory of a process and every process below it", async () => {
    const child = spawn("sh", ["-c", "sleep 2 & sleep 2 & wait"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const own = Number(readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ")[21]) * 4;
    expect(treeRssKiB(child.pid!)).toBeGreaterThan(own); // the shell and its two sleeps
    child.kill();
  });

  it("counts the CPU of a process below the build that the build never waits for", async () => {
    // the shell leaves its busy child running and exits: GNU time never counts that child
    const busy = `${process.execPath} -e "const end = Date.now() + 1500; while (Date.now() < end);"`;
    const measured = await measureCommand(["sh", "-c", `${busy} & sleep 1.2`], tmpdir(), process.env);
    expect(measured.cpuMs).toBeLessThan(500);
    expect(measured.treeCpuMs).toBeGreaterThan(700);
  });

  it("measures the resident memory of the Node process and of Pagefind's apart", async () => {
    // a stand-in named as Pagefind's binary is (its name as /proc shows it), beside a Node process holding 200 MB
    const folder = mkdtempSync(path.join(tmpdir(), "newsroom-bench-names-"));
    copyFileSync("/bin/sleep", path.join(folder, "pagefind_extended"));
    const hold = `${process.execPath} -e "const kept = Buffer.alloc(200 * 1048576, 1); setTimeout(() => kept.length, 1200);"`;
    const measured = await measureCommand(["sh", "-c", `${path.join(folder, "pagefind_extended")} 1.2 & ${hold}; wait`], tmpdir(), process.env);
    expect(measured.nodePeakKiB / 1024).toBeGreaterThan(190);
    expect(measured.pagefindPeakKiB).toBeGreaterThan(0);
    expect(measured.pagefindPeakKiB / 1024).toBeLessThan(20);
    expect(measured.treePeakKiB).toBeGreaterThanOrEqual(measured.nodePeakKiB + measured.pagefindPeakKiB);
  });

  it("takes the median of odd and even counts and the A/B ratio of each pair", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const sample = (wallMs: number) => ({ wallMs, cpuMs: 0, treeCpuMs: 0, peakRssKiB: 0, treePeakKiB: 0, nodePeakKiB: 0, pagefindPeakKiB: 0, files: 0, bytes: 0, lastLine: "" });
    expect(ratios([[sample(1), sample(2)], [sample(3), sample(4)]], (s) => s.wallMs)).toEqual([0.5, 0.75]);
  });
});
