// Full-text search with Pagefind: the published articles are indexed from their records and
// Markdown (by `npm run build` into the staging folder, by the dev server into its output), and
// /search/ runs Pagefind's UI in the browser: no server. https://pagefind.app/docs/node-api/
import path from "node:path";
import type { Site } from "../../_data/site.ts";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { archivePart, partCount, searchInput, type SearchInputs } from "./records.ts";
import type { IndexResult, IndexReuse } from "./indexing.ts";
import { indexInWorker, type IndexJob } from "./worker.ts";
import type { Article } from "../content/load.ts";
import { textOnlyDigest } from "../content/digests.ts";
import type { RecordCache } from "../content/record-cache.ts";
import { mergedSpellings } from "../site/collections.ts";
import { sameList } from "../site/listings.ts";

export interface Options {
  site: Pick<Site, "pathPrefix" | "language" | "searchPartSize">;
  layout: string;
  /** The enhancement script: search box on every page, Pagefind UI on /search/. */
  client: { from: string; to: string };
  /** Pagefind's API as the search page uses it (src/search/bridge.js): its folder is the UI's bundlePath. */
  bridge: { from: string; to: string };
  /** The dev server re-indexes once saves have paused this long (ms): indexing 10,000 articles takes a core for half a minute. */
  reindexAfter: number;
}

export const defaults: Omit<Options, "site"> = {
  layout: "layouts/search.njk",
  client: { from: "src/search/client.js", to: "search/search.js" },
  bridge: { from: "src/search/bridge.js", to: "search/pagefind.js" },
  reindexAfter: 5000,
};

/** What the last production build indexed, for its closing line. */
export let lastIndex: IndexResult | undefined;

/** The URLs of the older parts' Pagefind bundles, for an archive of `articles` articles. */
export function archiveBundles(articles: number, site: Options["site"]): string[] {
  return Array.from({ length: partCount(articles, site.searchPartSize) - 1 }, (_, i) => `${site.pathPrefix}${archivePart(i + 1)}`);
}

/** The last build's index parts a production build may reuse (`npm run build` sets it: src/build/incremental.ts). */
let reuse: IndexReuse | undefined;
export const reuseIndexParts = (parts: IndexReuse | undefined) => void (reuse = parts);

/** The records `npm run build` kept from the last build (src/content/record-cache.ts): the index's thread reads those it needs itself. */
let kept: Pick<RecordCache, "shared" | "lineOf"> | undefined;
export const shareKeptRecords = (records: typeof kept) => void (kept = records);

/** Each article's search input, or where its kept record is when it was loaded from one and its tags' spellings are known. */
function inputsOf(articles: Article[], root: string): SearchInputs {
  const names = mergedSpellings(articles);
  const bytes = kept?.shared;
  const given = (a: Article) => searchInput(a, textOnlyDigest(root, a.file));
  if (!names || !bytes) return { list: articles.map(given) };
  const spans: number[] = [];
  const list = articles.map((a) => {
    const line = kept!.lineOf(a.file);
    if (!line) return given(a);
    spans.push(line.start, line.end);
    return spans.length / 2 - 1;
  });
  return { list, kept: { bytes, spans: Float64Array.from(spans), names: [...names] } };
}

let lastJob: { articles: Article[]; job: IndexJob } | undefined;

/** The index of `articles` written into `folder`: what the build starts ahead and the plugin asks for (the same job object, asked twice). */
export function indexJob(articles: Article[], root: string, folder: string, site: Options["site"]): IndexJob {
  const [, lastRoot, lastFolder, language, partSize, lastReuse] = lastJob?.job ?? [];
  // Eleventy names the output folder its own way ("./_site.next/"): the same folder, resolved
  const same = lastJob && path.resolve(lastRoot!) === path.resolve(root) && path.resolve(lastFolder!) === path.resolve(folder) && language === site.language && partSize === site.searchPartSize && lastReuse === reuse &&
    sameList(lastJob.articles, articles);
  if (!same) lastJob = { articles: [...articles], job: [inputsOf(articles, root), root, folder, site.language, site.searchPartSize, reuse] };
  return lastJob!.job;
}

/** Runs `task` now, or once more after the current run if asked while one is running. */
function serialised(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = task().finally(() => (running = undefined));
    await running;
    if (again) {
      again = false;
      await run();
    }
  };
  return run;
}

export function searchPlugin(eleventyConfig: EleventyConfig, userOptions: Pick<Options, "site"> & Partial<Options>) {
  const { site, layout, client, bridge, reindexAfter }: Options = { ...defaults, ...userOptions };
  let latest: ArticlesLoaded | undefined;
  eleventyConfig.addTemplate("search/index.njk", "", {
    layout, permalink: "/search/", title: "Search", eleventyExcludeFromCollections: true,
    search: { baseUrl: site.pathPrefix, script: `/${client.to}`, bundlePath: `${site.pathPrefix}${path.posix.dirname(bridge.to)}/` },
    // the page lists the archive parts (if any) the script merges into the main index's searches
    eleventyComputed: { archiveBundles: () => archiveBundles(latest?.articles.length ?? 0, site) },
  });
  eleventyConfig.addPassthroughCopy({ [client.from]: client.to, [bridge.from]: bridge.to });

  // The index is built from the articles as soon as they are loaded: a production build waits for
  // it at the end, the dev server lets it finish in the background after each rebuild.
  let building: Promise<IndexResult> | undefined;
  const reindex = serialised(async () => {
    const started = performance.now();
    const { articles, root, directories } = latest!;
    const { pages } = await indexInWorker(indexJob(articles, root, directories.output, site), "background");
    console.log(`[search] indexed ${pages} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
  let pause: NodeJS.Timeout | undefined;
  let indexed = false;
  eleventyConfig.on("articles.loaded", (loaded: ArticlesLoaded) => {
    latest = loaded;
    clearTimeout(pause);
    if (loaded.runMode !== "build") return;
    building = indexInWorker(indexJob(loaded.articles, loaded.root, loaded.directories.output, site));
    building.catch(() => {}); // awaited (and reported) after the build; a failed build exits first
  });
  eleventyConfig.on("eleventy.after", async ({ runMode }: { runMode: string }) => {
    if (building) {
      const done = building;
      building = undefined;
      lastIndex = await done;
    } else if ((runMode === "serve" || runMode === "watch") && latest) {
      // not awaited: the rebuilt pages are served (and the browser reloaded) without waiting for it;
      // the first build is indexed at once, later ones when the editor stops saving for a moment
      const run = () => void reindex().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
      if (indexed) pause = setTimeout(run, reindexAfter);
      else run();
      indexed = true;
    }
  });
}
