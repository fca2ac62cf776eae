// Full-text search with Pagefind: the built HTML is indexed after Eleventy (by `npm run build`
// into the staging folder, by the dev server into its output), and /search/ runs Pagefind's UI
// in the browser: no server. https://pagefind.app/docs/node-api/
import { readFileSync } from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import type { Site } from "../_data/site.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

export interface Options {
  site: Pick<Site, "pathPrefix" | "language">;
  layout: string;
  /** The enhancement script: search box on every page, Pagefind UI on /search/. */
  client: { from: string; to: string };
}

export const defaults: Omit<Options, "site"> = {
  layout: "layouts/search.njk",
  client: { from: "src/search-client.js", to: "search/search.js" },
};

/**
 * Indexes the HTML under `folder` into `folder/pagefind/`; throws if Pagefind reports a problem.
 * `pages` is what the index holds (pages with data-pagefind-body), `files` the HTML files read.
 */
export async function indexSearch(folder: string): Promise<{ pages: number; files: number }> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(errors.join("; "));
    const added = await index.addDirectory({ path: folder });
    const written = await index.writeFiles({ outputPath: path.join(folder, "pagefind") });
    const problems = [...added.errors, ...written.errors];
    if (problems.length) throw new Error(problems.join("; "));
    const entry = JSON.parse(readFileSync(path.join(folder, "pagefind/pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    if (pages === 0) throw new Error(`no pages with content found in ${folder}`);
    return { pages, files: added.page_count };
  } catch (error) {
    throw new Error(`Search index (Pagefind) failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await pagefind.close();
  }
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
  const { site, layout, client }: Options = { ...defaults, ...userOptions };
  eleventyConfig.addTemplate("search/index.njk", "", {
    layout, permalink: "/search/", title: "Search", eleventyExcludeFromCollections: true,
    search: { baseUrl: site.pathPrefix, script: `/${client.to}` },
  });
  eleventyConfig.addPassthroughCopy({ [client.from]: client.to });

  // `eleventy --serve` knows nothing of Pagefind: index its output after each build there
  let output = "_site";
  const reindex = serialised(async () => {
    const started = performance.now();
    const { pages, files } = await indexSearch(output);
    console.log(`[search] indexed ${pages} pages (of ${files} HTML files) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    if (runMode !== "serve" && runMode !== "watch") return; // `npm run build` indexes the staging folder itself
    output = directories.output;
    await reindex().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
  });
}
