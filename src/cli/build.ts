// `npm run build [-- --clean]`: validate every article, build into a staging folder, swap it into
// _site/. Nothing in _site/ changes unless the whole build succeeds. It renders only the pages that
// changed since the last build and reuses the others' files (src/build/incremental.ts); --clean
// renders everything.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import Eleventy from "@11ty/eleventy";
import site from "../../_data/site.ts";
import { pinBuildNow } from "../content/clock.ts";
import { loadArticles, pinLoad } from "../content/load.ts";
import { picturesDigest, sourceDigest } from "../content/digests.ts";
import { formatProblem } from "../content/problems.ts";
import { fileStatsInBackground } from "../content/record-cache.ts";
import { mergeTagSpellings } from "../site/collections.ts";
import { changedPages } from "../site/changes.ts";
import { PageSignatures } from "../site/signatures.ts";
import { filesUnder, linkFiles } from "../runtime/link-files.ts";
import { useWorkerBundles } from "../runtime/worker-bundles.ts";
import { runningBundle } from "../runtime/main-bundle.mjs";
import { backgroundWorkDone } from "../build/output.ts";
import { deleteDetached, renderingFolder, retiredFolder, stagingFolder, swapInto } from "../build/swap.ts";
import { BuildCache } from "../build/incremental.ts";
import { fromPairs, toPairs } from "../build/manifest.ts";
import { dropGone, placeParts, recycleAround } from "../build/recycle.ts";
import { surveyAhead, surveyInBackground } from "../build/survey-ahead.ts";
import type { Written } from "../build/survey.mjs";
import { indexJob, lastIndex, reuseIndexParts, shareKeptRecords } from "../search/search.ts";
import { indexAhead, prepareIndexWorker, stopIndexing } from "../search/worker.ts";

const OUTPUT = "_site";

// V8 lets the heap grow severalfold between full collections: a 10,000-article build then held
// 800 MB of spent template strings (peak RSS 1.1 GB). Growing by half keeps it near its live data
// (0.7 GB). An incremental build renders few pages: there it would only collect more often.
// https://nodejs.org/api/v8.html#v8setflagsfromstringflags
const boundHeap = () => v8.setFlagsFromString("--heap-growing-percent=50");

async function main(): Promise<number> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(2);
  const root = process.cwd();
  // the article files' times and sizes, taken on another thread while the kept records are read
  const stats = fileStatsInBackground(root);
  // .cache/build/: articles whose text is unchanged are not parsed again, pages not rendered again
  const cache = new BuildCache(root, OUTPUT, site.timezone, process.argv.includes("--clean"));
  // worker threads start from bundles of their code, kept there under its fingerprint (src/runtime/worker-bundles.ts)
  useWorkerBundles(path.join(root, cache.options.cacheDir, "workers"), cache.fingerprint);
  // the search index's worker thread loads while the main thread validates
  prepareIndexWorker();
  // pinned for the process: Eleventy's plugins then load the same articles from the loader's cache
  const now = pinBuildNow();
  const staging = stagingFolder(OUTPUT);
  // an incremental build starts from the site before last, surveyed after the last build or meanwhile: the files it shares with _site/ stay (src/build/recycle.ts)
  const surveyed = cache.clean ? undefined : surveyInBackground(staging, retiredFolder(OUTPUT), OUTPUT, cache.manifest);
  const usable = cache.usable();
  const previous = "manifest" in usable ? usable.manifest : undefined;
  const survey = previous && surveyed;
  const loadOptions = { root, timezone: site.timezone, now, records: cache.records, stats };
  const loaded = await loadArticles(loadOptions);
  const { articles, problems, warnings } = loaded;
  // "warning: " first, as `npm run check` writes them: never mistaken for a problem line
  for (const warning of warnings) console.error(`warning: ${formatProblem(warning)}`);
  if (problems.length) {
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(`Build stopped: ${problems.length} problem(s) in articles; ${OUTPUT}/ was not changed.`);
    await stopIndexing();
    return 1;
  }
  // the articles plugin (src/site/articles.ts) loads the same files at the same "now": no second reading
  pinLoad(loadOptions, loaded);
  const published = articles.filter((a) => a.status === "published");
  console.log(`Validated ${articles.length} articles (${published.length} published) in ${seconds()} s; writing pages, feeds and the search index…`);

  if ("reason" in usable) {
    console.log(`Rendering every page (${usable.reason}).`);
    boundHeap();
  }
  // the pages ask it whether to render (src/site/changes.ts); the search index which parts to reuse
  const signatures = new PageSignatures(previous && { pages: fromPairs(previous.pages), needs: new Map(Object.entries(previous.needs)), shown: fromPairs(previous.shown), lists: previous.lists, counts: fromPairs(previous.counts) }, (a) => sourceDigest(root, a.file), (a) => picturesDigest(root, a.file));
  changedPages.persist(signatures);
  reuseIndexParts(previous && { from: OUTPUT, parts: previous.search });
  shareKeptRecords(cache.records);

  // the search plugin asks for this same index once Eleventy has started: it begins now, in the
  // folder the pages are rendered into, with the tag spellings the collections will merge. It goes first:
  // Pagefind is the build's longest chain of work and ends by compressing its files on one core,
  // so the pages wait for it, not it for them.
  mergeTagSpellings(published);
  // an incremental build renders into a folder of its own while the last site is surveyed (src/build/recycle.ts)
  const rendering = survey ? renderingFolder(OUTPUT) : staging;
  await rm(rendering, { recursive: true, force: true });
  const index = indexJob(published, process.cwd(), rendering, site);
  indexAhead(index, "first");
  let kept = new Set<string>();
  // what an incremental build wrote itself, for the survey it leaves for the next (src/build/survey.mjs)
  let written: Written | undefined;
  let rendered = 0;
  let reused = 0;
  let unusable: unknown;
  try {
    // started from a bundle (src/cli/build-preload.mjs), the plugins are its modules too: one copy of their state
    const eleventy = new Eleventy(".", rendering, { configPath: runningBundle()?.config ?? ".eleventy.ts", quietMode: true });
    // the search index is written beside the pages (src/search/search.ts), so a failed index never
    // replaces the live site
    const [, templates] = (await eleventy.write()) as [unknown, { outputPath?: string | false }[]];
    rendered = templates.filter((t) => t.outputPath).length;
    // the pages' folders are made ahead on another thread (src/build/output.ts)
    await backgroundWorkDone();
    // the search index's parts reused from the last build (the index is written by now)
    const placed = lastIndex?.placed ?? [];
    if (survey) {
      written = { rendered: filesUnder(rendering), inPlace: placed.filter(({ from, at }) => from === at).map(({ at }) => at) };
      kept = await recycleAround(survey, staging, rendering, OUTPUT, placed);
    }
    try {
      // the reused pages the staging folder does not hold already
      linkFiles(OUTPUT, staging, signatures.reused.filter((file) => !kept.has(file)));
      reused = signatures.reused.length;
      // their pictures, unless a rendered page brought the same ones
      reused += linkFiles(OUTPUT, staging, signatures.reusedNeeds().filter((file) => !existsSync(path.join(staging, file))));
      reused += placeParts(OUTPUT, staging, placed, kept);
      dropGone(staging, kept, signatures.current);
    } catch (error) {
      unusable = error;
      throw error;
    }
    // a page's needs are the files it names that the build wrote (a story may name /img/… as text)
    signatures.keepNeedsIn(staging);
  } catch (error) {
    // nothing may still be writing into the staging folder when it goes
    await Promise.all([stopIndexing(), backgroundWorkDone()]);
    await Promise.all([rm(staging, { recursive: true, force: true }), rm(rendering, { recursive: true, force: true })]);
    console.error(error instanceof Error ? error.message : error);
    if (unusable !== undefined) {
      // a file of the last build is missing (someone tidied _site/ by hand): start again from nothing
      await cache.forget();
      console.error(`The last build's pages could not all be reused; building every page again.`);
      return spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--clean"], { stdio: "inherit" }).status ?? 1;
    }
    console.error(`Build failed; ${OUTPUT}/ was not changed.`);
    return 1;
  }
  await stopIndexing(); // only an index started ahead that nothing took over is still running
  // a build killed between the swap and the new manifest must not trust the old one
  await cache.forget();
  // the last site stays as a rollback; the one before it is deleted once this build is done with the disk
  deleteDetached(await swapInto(staging, OUTPUT, retiredFolder(OUTPUT)));
  const { parts = 1, reindexed = parts, superseded = 0, ledgers: search = "[]" } = lastIndex ?? {};
  const id = await cache.save(new Set(articles.map((a) => a.file)), { pages: toPairs(signatures.current), needs: Object.fromEntries(signatures.needs), shown: toPairs(signatures.shown), search, lists: signatures.lists, counts: toPairs(signatures.counts) });
  surveyAhead(staging, retiredFolder(OUTPUT), OUTPUT, cache.manifest, id, written);
  const overlay = superseded ? `, ${superseded} superseded records left out` : "";
  const counts = `rendered ${rendered} pages, reused ${reused} files; search: ${reindexed} of ${parts} parts re-indexed${overlay}`;
  console.log(`Built ${published.length} articles (${counts}) in ${seconds()} s`);
  return 0;
}

const code = await main();
// Node's own teardown frees the heap page by page before exiting: 0.25–0.30 s after an edit at
// 10,000 articles, 0.13–0.17 s through process.exit. Output is flushed first (a pipe may be asynchronous).
// https://nodejs.org/api/process.html#a-note-on-process-io
const flushed = (stream: NodeJS.WriteStream) => new Promise((resolve) => stream.write("", resolve));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
