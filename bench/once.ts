// `node --import tsx bench/once.ts --articles 100000 [--seed 7]`: one production build of the
// project at a size too large to repeat (no baseline, no warm-up), measured as `npm run bench`
// measures its builds. For the 100,000-article check; the figures go into bench/results.md by hand.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "./generate.ts";
import { measureBuild } from "./measure.ts";
import { buildEnv, projectSite } from "./sites.ts";

const { values } = parseArgs({ options: { articles: { type: "string", default: "100000" }, seed: { type: "string", default: "7" } } });
const articles = Number(values.articles);
const log = (line: string) => console.error(`[bench] ${line}`);
log(`${articles} articles: generating (seed ${values.seed})…`);
const site = projectSite(path.join(os.tmpdir(), `newsroom-bench-${articles}`, "project"), generateCorpus(articles, Number(values.seed)));
log(`building (load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")})…`);
try {
  const sample = await measureBuild(site, buildEnv());
  const mib = (kib: number) => (kib / 1024).toFixed(0);
  console.log(`${articles} articles: wall ${(sample.wallMs / 1000).toFixed(1)} s, CPU ${(sample.cpuMs / 1000).toFixed(1)} s, peak RSS ${mib(sample.peakRssKiB)} MiB, tree peak ${mib(sample.treePeakKiB)} MiB, ${sample.files} files, ${(sample.bytes / 1048576).toFixed(0)} MiB`);
  console.log(`project's own summary: ${sample.lastLine}`);
} catch (error) {
  console.log(`${articles} articles: the build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
