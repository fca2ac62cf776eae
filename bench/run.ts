// `npm run bench -- --articles 1000,10000 --runs 3 [--seed 7] [--no-incremental] [--no-dev] [--snapshot] [--results bench/results.md]`
// Per N: one seeded corpus, then this project's clean production build (A) and the bare Eleventy
// baseline (B) alternating A B A B … after one warm-up each, then the project's incremental builds
// after one change (add, edit, retag an article), then the dev-server figures.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { BENCH_NOW, generateCorpus, type GeneratedArticle } from "./generate.ts";
import { measureBuild, type BuildSample } from "./measure.ts";
import { measureDevServer, type DevTarget } from "./dev-server.ts";
import { measureIncremental, newestFirst, Newsroom, parsed } from "./incremental.ts";
import { machineInfo, renderTables, type SizeResult } from "./report.ts";
import { baselineSite, buildEnv, emptyTrash, projectSite, REPO, snapshot, type BenchSite } from "./sites.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000,10000" },
    runs: { type: "string", default: "3" },
    seed: { type: "string", default: "7" },
    incremental: { type: "boolean", default: true },
    "no-incremental": { type: "boolean", default: false },
    dev: { type: "boolean", default: true },
    "no-dev": { type: "boolean", default: false },
    results: { type: "string", default: "bench/results.md" },
    snapshot: { type: "boolean", default: false },
  },
});
const sizes = values.articles.split(",").map((n) => Number(n.trim()));
const runs = Number(values.runs);
const seed = Number(values.seed);
const dev = values.dev && !values["no-dev"];
const incremental = values.incremental && !values["no-incremental"];
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error("Usage: npm run bench -- --articles 1000,10000 --runs 3 [--seed 7] [--no-incremental] [--no-dev] [--snapshot] [--results bench/results.md]");
  process.exit(2);
}

const env = buildEnv();
const started = new Date();
const loadAtStart = os.loadavg();
const log = (line: string) => console.error(`[bench] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function build(target: BenchSite, label: string): Promise<BuildSample> {
  const sample = await measureBuild(target, env);
  log(`${label} ${target.name}: ${seconds(sample.wallMs)} wall, ${seconds(sample.cpuMs)} CPU, ${(sample.peakRssKiB / 1024).toFixed(0)} MiB, ${sample.files} files`);
  return sample;
}

/** The newest article: the one an editor is most likely to be fixing while the server runs. */
function devTarget(corpus: GeneratedArticle[]): DevTarget {
  const newest = newestFirst(corpus)[0]!;
  return { file: newest.file, url: parsed(newest).url };
}

const code = values.snapshot ? snapshot() : undefined;
if (code) log(`building the project from a snapshot of commit ${code.commit}: ${code.folder}`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const results: SizeResult[] = [];
for (const articles of sizes) {
  log(`${articles} articles: generating (seed ${seed})…`);
  const corpus = generateCorpus(articles, seed);
  const base = path.join(os.tmpdir(), `newsroom-bench-${articles}`);
  const sites = [projectSite(path.join(base, "project"), corpus, code?.folder), baselineSite(path.join(base, "baseline"), corpus)] as const;
  const result: SizeResult = { articles, pairs: [] };
  results.push(result);
  try {
    for (const target of sites) await build(target, "warm-up");
    for (let run = 1; run <= runs; run++) {
      result.pairs.push([await build(sites[0], `run ${run}/${runs}`), await build(sites[1], `run ${run}/${runs}`)]);
    }
    log(`project's own summary: ${result.pairs.at(-1)![0].lastLine}`);
  } catch (error) {
    // a build that fails (e.g. out of memory) is a result too: say so and go on to the next N
    result.failure = message(error).split("\n")[0]!;
    log(`${articles} articles: a build failed, no further runs at this size:\n${message(error)}`);
  }
  if (incremental && !result.failure) {
    log(`${articles} articles: incremental builds, ${runs} of each change…`);
    result.incremental = await measureIncremental(sites[0], corpus, seed, runs, env, log);
  }
  if (dev && !result.failure) {
    log(`${articles} articles: dev server, ${runs} edits, new articles and re-tags…`);
    try {
      const figure = await measureDevServer(sites[0], devTarget(corpus), runs, env, new Newsroom(sites[0].root, corpus, seed));
      result.dev = figure;
      const ms = (samples?: number[]) => samples?.map((x) => x.toFixed(0)).join(", ");
      log(`dev server: first build ${seconds(figure.startupMs)}, save → served ${ms(figure.samples)} ms; new article ${ms(figure.added)} ms; re-tag ${ms(figure.retagged)} ms`);
    } catch (error) {
      result.dev = { error: message(error) };
      log(`dev server failed: ${result.dev.error}`);
    }
  }
  // written after every N, so a later crash keeps what was measured
  writeFileSync(path.resolve(REPO, values.results), report(renderTables(results)));
}

log("deleting the outputs moved aside during the run…");
emptyTrash();
console.log(renderTables(results));
log(`wrote ${values.results}`);

function report(tables: string): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();
  const dirty = git("status", "--porcelain").length > 0;
  const command = `npm run bench -- --articles ${sizes.join(",")} --runs ${runs} --seed ${seed}${incremental ? "" : " --no-incremental"}${dev ? "" : " --no-dev"}${code ? " --snapshot" : ""}`;
  const measured = code
    ? `the project as committed at ${code.commit} (a snapshot, untouched by edits during the run)`
    : `the working tree at commit ${git("rev-parse", "--short", "HEAD")}${dirty ? " plus the uncommitted work in it, which may have changed during the run" : ""}`;
  return `# Benchmark results

Measured with \`${command}\` on ${started.toISOString().slice(0, 16).replace("T", " ")} UTC: ${measured}.
Sizes run: ${sizes.map((n) => n.toLocaleString("en-US")).join(" and ")} articles, ${runs} measured runs each after one warm-up.${sizes.includes(10000) ? "" : " **10,000 was not run** in this measurement."}

## Machine

${machineInfo().join("\n")}
- Load average when the run started: ${loadAtStart.map((l) => l.toFixed(2)).join(" / ")} (the machine may be shared; a busy neighbour slows A and B alike, which is why they alternate)

## Method

- Corpus: \`bench/generate.ts\`, seed ${seed}: 600–900-word articles with a \`##\` subheading, a blockquote and links; 60 datelines written with their UTC offsets; 8 sources; 280 tag names drawn Zipf-like, 2–6 per article; dates from December 2017 to December 2025, all before BUILD_NOW=${BENCH_NOW}. Every article passes the project's contract (\`test/bench.test.ts\`).
- Each N gets one corpus, copied into two sites in the system's temporary folder (\`newsroom-bench-<N>/\`): \`project/\` (laid out like \`test/fixture.ts\`) and \`baseline/\`.
- A: \`npm run build -- --clean\` (package.json's command, run with node directly), this project's full production build (validate, Eleventy, swap into \`_site/\`), with its build cache (\`.cache/build/\`) moved aside first as well as the output. B: \`bench/baseline/\` built with Eleventy's \`cmd.cjs --quiet\`. Both with TZ=UTC.
- Order: one warm-up each (not counted), then A B A B … Every build starts with no output folder: the runner moves the last one aside and deletes them all after the last measurement. On ext4, files created within a minute or so of thousands of deletions cost several times the kernel time (the inode allocator steps over recently freed inodes), so deleting before each build charged both builds for the runner's cleanup, in proportion to the files each writes.
- Wall time: measured by the runner around the child process. CPU: GNU time \`%U + %S\` (the build and every child it waited for). Tree CPU: the user + system CPU of every process under the build, waited for or not, as last sampled from /proc every 200 ms (never below CPU); it counts Pagefind's service process, which the build stops without waiting for, so \`%U + %S\` misses it. Peak RSS: GNU time \`%M\`, the largest resident set of a single process the build waited for (the Node process). Tree peak: the largest total resident memory of the build and every process under it, sampled from /proc every 200 ms; it counts Pagefind's service process, which \`%M\` misses. Output: files and bytes in \`_site/\` afterwards.
- Incremental: after the A/B runs, in \`project/\`: one \`npm run build\` (no \`--clean\`), so the cache matches the articles exactly (its figures are the row "nothing (the warm-up)", in no median), then ${runs} run(s) of each change, each one new change then one build on the output and cache the build before left: "add one" writes a new article made by the generator (the corpus's next index, dated after every other article, an hour after the last one added); "edit one" gives the newest article (the last one added) a new closing paragraph, replacing the last revision's; "retag one" adds the most used tag it lacks to the next of the corpus's newest articles. Measured as A is; the articles are put back afterwards.
- Dev server: \`npm start -- --port=<free port>\` in \`project/\`. Once the newest article is served, words are appended to it until the dev server logs "File changed", then one unmeasured edit; then each measured edit appends one word and polls the article's URL every 10 ms until the word is served, and waits for Eleventy's next "Watching…" before the next edit. Then as many new articles (as "add one" writes them: timed from the write until their URL is served) and re-tags (as "retag one": until the article's page links the tag among its topics), each also waiting for the rebuild to finish. The files are restored afterwards.

## Results (medians)

${tables}
`;
}
