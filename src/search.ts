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

export interface IndexResult {
  /** Pages the index holds (those with data-pagefind-body). */
  pages: number;
  /** HTML files Pagefind read. */
  files: number;
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>["index"]>;

async function openIndex(): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(errors.join("; "));
  return index;
}

/** Writes the index to `folder/pagefind/`; throws if Pagefind reports a problem or indexed nothing. */
async function finish(index: PagefindIndex, folder: string, files: number, errors: string[]): Promise<IndexResult> {
  const written = await index.writeFiles({ outputPath: path.join(folder, "pagefind") });
  const problems = [...errors, ...written.errors];
  if (problems.length) throw new Error(problems.join("; "));
  const entry = JSON.parse(readFileSync(path.join(folder, "pagefind/pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
  const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  if (pages === 0) throw new Error(`no pages with content found in ${folder}`);
  return { pages, files };
}

const failed = (error: unknown) => new Error(`Search index (Pagefind) failed: ${error instanceof Error ? error.message : String(error)}`);

/** Indexes the HTML under `folder` into `folder/pagefind/` (the dev server, after each rebuild). */
export async function indexSearch(folder: string): Promise<IndexResult> {
  try {
    const index = await openIndex();
    const added = await index.addDirectory({ path: folder });
    return await finish(index, folder, added.page_count, added.errors);
  } catch (error) {
    throw failed(error);
  } finally {
    await pagefind.close();
  }
}

/** What the last production build indexed, for its closing line. */
export let lastIndex: IndexResult | undefined;

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
  // A production build hands each article page to Pagefind as Eleventy writes it: the Pagefind
  // service is a process of its own, so indexing runs beside the build instead of after it.
  let streaming: { index: Promise<PagefindIndex>; added: Promise<{ errors: string[] }>[] } | undefined;
  eleventyConfig.on("eleventy.before", ({ runMode }: { runMode: string }) => {
    streaming = runMode === "build" ? { index: openIndex(), added: [] } : undefined;
  });
  // transforms run after Eleventy's own HTML transforms (path prefix), as a built file reads
  eleventyConfig.addTransform("search-index", function (content) {
    if (streaming && this.page.outputPath?.endsWith(".html") && content.includes("data-pagefind-body")) {
      const url = String(this.page.url);
      streaming.added.push(streaming.index.then((index) => index.addHTMLFile({ url, content })));
    }
    return content;
  });
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    if (streaming) {
      const { index, added } = streaming;
      streaming = undefined;
      try {
        const results = await Promise.all(added);
        lastIndex = await finish(await index, directories.output, results.length, results.flatMap((r) => r.errors));
      } catch (error) {
        throw failed(error);
      } finally {
        await pagefind.close();
      }
      return;
    }
    if (runMode !== "serve" && runMode !== "watch") return;
    output = directories.output;
    await reindex().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
  });
}
