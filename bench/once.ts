// `node --import tsx bench/once.ts --articles 100000 [--seed 7] [--incremental [--runs 1]] [--snapshot]`: one
// clean production build of the project at a size too large to repeat (no baseline, no warm-up),
// measured as `npm run bench` measures its builds; with --incremental, then the incremental
// scenarios of `npm run bench` (add, edit, retag one article, each --runs times). For the
// 100,000-article check; the figures go into bench/results.md by hand.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "./generate.ts";
import { measureIncremental } from "./incremental.ts";
import { measureBuild, type BuildSample } from "./measure.ts";
import { buildEnv, emptyTrash, projectSite, snapshot } from "./sites.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "100000" },
    seed: { type: "string", default: "7" },
    incremental: { type: "boolean", default: false },
    runs: { type: "string", default: "1" },
    snapshot: { type: "boolean", default: false },
  },
});
const articles = Number(values.articles);
const seed = Number(values.seed);
const runs = Number(values.runs);
if (!Number.isInteger(articles) || articles < 1 || !Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) {
  console.error("Usage: node --import tsx bench/once.ts --articles 100000 [--seed 7] [--incremental [--runs 1]] [--snapshot]");
  process.exit(2);
}
const log = (line: string) => console.error(`[bench] ${line}`);
const mib = (kib: number) => (kib / 1024).toFixed(0);
const describe = (sample: BuildSample) =>
  `wall ${(sample.wallMs / 1000).toFixed(1)} s, CPU ${(sample.cpuMs / 1000).toFixed(1)} s, peak RSS ${mib(sample.peakRssKiB)} MiB, tree peak ${mib(sample.treePeakKiB)} MiB (Node ${mib(sample.nodePeakKiB)}, Pagefind ${mib(sample.pagefindPeakKiB)}), ${sample.files} files, ${(sample.bytes / 1048576).toFixed(0)} MiB`;

log(`${articles} articles: generating (seed ${seed})…`);
const corpus = generateCorpus(articles, seed);
// --snapshot: the committed code, so edits to the working tree during an hour-long run change nothing
const code = values.snapshot ? snapshot() : undefined;
if (code) log(`building the project from a snapshot of commit ${code.commit}: ${code.folder}`);
const site = projectSite(path.join(os.tmpdir(), `newsroom-bench-${articles}`, "project"), corpus, code?.folder);
const env = buildEnv();
log(`building (load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")})…`);
let built = false;
try {
  const sample = await measureBuild(site, env);
  console.log(`${articles} articles: ${describe(sample)}`);
  console.log(`project's own summary: ${sample.lastLine}`);
  built = true;
} catch (error) {
  console.log(`${articles} articles: the build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
if (built && values.incremental) {
  log(`incremental builds, ${runs} of each change (load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")})…`);
  const figure = await measureIncremental(site, corpus, seed, runs, env, log);
  if (figure.warm) console.log(`nothing changed (the warm-up): ${describe(figure.warm)}\n  ${figure.warm.lastLine}`);
  for (const { scenario, samples } of figure.scenarios) {
    samples.forEach((sample, i) => console.log(`${scenario}${runs > 1 ? ` ${i + 1}/${runs}` : ""}: ${describe(sample)}\n  ${sample.lastLine}`));
  }
  if (figure.failure) {
    console.log(`an incremental build failed: ${figure.failure}`);
    process.exitCode = 1;
  }
}
// the outputs moved aside between builds: left behind, the next `npm test` deleted them (test/bench.test.ts
// empties a stopped run's trash), and after a 100,000-article run that test went past its 2-minute limit
log("deleting the outputs moved aside during the run…");
emptyTrash();
