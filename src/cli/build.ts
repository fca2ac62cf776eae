// `npm run build`: validate every article, build into a staging folder, swap it into _site/.
// Nothing in _site/ changes unless the whole build succeeds.
import { rm } from "node:fs/promises";
import v8 from "node:v8";
import Eleventy from "@11ty/eleventy";
import site from "../../_data/site.ts";
import { pinBuildNow } from "../content/clock.ts";
import { loadArticles } from "../content/load.ts";
import { formatProblem } from "../content/problems.ts";
import { mergeTagSpellings } from "../site/collections.ts";
import { backgroundWorkDone, deleteDetached, folderSize, retiredFolder, stagingFolder, swapInto } from "../build/output.ts";
import { indexJob, lastIndex } from "../search/search.ts";
import { indexAhead, prepareIndexWorker, stopIndexing } from "../search/worker.ts";

const OUTPUT = "_site";

// V8 lets the heap grow severalfold between full collections: a 10,000-article build then held
// 800 MB of spent template strings (peak RSS 1.1 GB). Growing by half keeps it near its live data
// (0.7 GB). https://nodejs.org/api/v8.html#v8setflagsfromstringflags
v8.setFlagsFromString("--heap-growing-percent=50");

async function main(): Promise<number> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(2);
  // the search index's worker thread loads (seconds) while the main thread validates
  prepareIndexWorker();
  // pinned for the process: Eleventy's plugins then load the same articles from the loader's cache
  const now = pinBuildNow();
  const { articles, problems, warnings } = await loadArticles({ root: process.cwd(), timezone: site.timezone, now });
  // "warning: " first, as `npm run check` writes them: never mistaken for a problem line
  for (const warning of warnings) console.error(`warning: ${formatProblem(warning)}`);
  if (problems.length) {
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(`Build stopped: ${problems.length} problem(s) in articles; ${OUTPUT}/ was not changed.`);
    await stopIndexing();
    return 1;
  }
  const published = articles.filter((a) => a.status === "published");
  console.log(`Validated ${articles.length} articles (${published.length} published) in ${seconds()} s; writing pages, feeds and the search index…`);

  const staging = stagingFolder(OUTPUT);
  await rm(staging, { recursive: true, force: true });
  // the search plugin asks for this same index once Eleventy has started: it begins now, with the
  // tag spellings the collections will merge. It goes first: Pagefind is the build's longest chain
  // of work and ends by compressing its files on one core, so the pages wait for it, not it for them.
  mergeTagSpellings(published);
  indexAhead(indexJob(published, process.cwd(), staging, site), "first");
  try {
    const eleventy = new Eleventy(".", staging, { configPath: ".eleventy.ts", quietMode: true });
    // the search index is written into the staging folder too (src/search/search.ts), so a failed
    // index never replaces the live site
    await eleventy.write();
  } catch (error) {
    // nothing may still be writing into the staging folder when it goes
    await Promise.all([stopIndexing(), backgroundWorkDone()]);
    await rm(staging, { recursive: true, force: true });
    console.error(error instanceof Error ? error.message : error);
    console.error(`Build failed; ${OUTPUT}/ was not changed.`);
    return 1;
  }
  await stopIndexing(); // only an index started ahead that nothing took over is still running
  // the last site stays as a rollback; the one before it is deleted once this build is done with the disk
  deleteDetached(await swapInto(staging, OUTPUT, retiredFolder(OUTPUT)));
  const { files, bytes } = folderSize(OUTPUT);
  const { pages = 0, parts = 1 } = lastIndex ?? {};
  const index = `${pages} in the search index${parts > 1 ? ` in ${parts} parts` : ""}`;
  console.log(`Built ${published.length} articles into ${OUTPUT}/ (${files} files, ${(bytes / 1048576).toFixed(1)} MiB; ${index}) in ${seconds()} s`);
  return 0;
}

process.exitCode = await main();
