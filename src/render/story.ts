// An article's story text: read from its file when its page (or a feed entry) is rendered, so
// 10,000 bodies are never held in memory at once. A production build renders the stories ahead
// in a worker thread, on the other core, while Eleventy sets up and renders the listings.
import { isMainThread, workerData, type MessagePort } from "node:worker_threads";
import type { Token } from "markdown-it";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { postInBatches, WorkerResults } from "../runtime/workers.ts";
import type { Article } from "../content/load.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { changedPages } from "../site/changes.ts";
import type { StaticPage } from "../content/pages.ts";
import { markdown, storyMarkdown } from "../content/markdown.ts";
import { countText, rememberCount, type TextCount } from "./reading-time.ts";

/**
 * The story as the article page shows it: from the worker when it has it, rendered here when not.
 * The article goes in markdown-it's env so its pictures resolve beside its file (src/render/images.ts).
 */
export function storyBody(article: Article, root: string, ahead?: StoriesAhead): string {
  return ahead?.take(article.file) ?? markdown.render(storyMarkdown(article, root), { article });
}

/**
 * The page body filters `storyBody` and `pageBody`: the story (or static page) rendered by the
 * project's Markdown, never by a template engine. A production build starts a worker that renders
 * the stories ahead.
 */
export function storiesPlugin(eleventyConfig: EleventyConfig) {
  let root = process.cwd();
  let ahead: StoriesAhead | undefined;
  eleventyConfig.on("articles.loaded", ({ articles, root: loadedFrom, runMode }: ArticlesLoaded) => {
    root = loadedFrom;
    // an incremental build renders a few stories: not worth a worker rendering them all
    if (runMode === "build" && !changedPages.signatures?.previous) ahead = new StoriesAhead(articles.map((a) => a.file), root);
  });
  eleventyConfig.on("eleventy.after", async () => {
    await ahead?.close();
    ahead = undefined;
  });
  eleventyConfig.addFilter("storyBody", (article: Article) => storyBody(article, root, ahead));
  // a static page's text (src/site/static-pages.ts): the same Markdown, pictures resolved beside its file
  eleventyConfig.addFilter("pageBody", (page: StaticPage) => markdown.render(storyMarkdown(page, root), { article: page }));
}

type Rendered = { file: string; html: string | null; count?: TextCount };

/**
 * Stories rendered by a worker thread, picked up synchronously as pages ask for them. Both sides
 * go through the files in the same order; where the pages get ahead, they render the story
 * themselves and the worker skips past them, so no story is rendered twice.
 */
export class StoriesAhead {
  #results: WorkerResults<Rendered>;
  #order: Map<string, number>;
  /** The furthest file (by index) the pages have asked for, shared with the worker. */
  #passed = new Int32Array(new SharedArrayBuffer(4)).fill(-1);

  constructor(files: string[], root: string) {
    this.#order = new Map(files.map((file, index) => [file, index]));
    this.#results = new WorkerResults(import.meta.url, { files, root, passed: this.#passed });
  }

  /** The worker's HTML for a file, or undefined (not there yet, or a story with pictures). */
  take(file: string): string | undefined {
    const index = this.#order.get(file) ?? -1;
    if (index > Atomics.load(this.#passed, 0)) Atomics.store(this.#passed, 0, index);
    const rendered = this.#results.take(file, (r) => this.#order.get(r.file)! >= index);
    if (!rendered?.html) return undefined;
    if (rendered.count) rememberCount(rendered.html, rendered.count);
    return rendered.html;
  }

  close(): Promise<number> {
    return this.#results.close();
  }
}

// Pictures need the image pipeline of the main thread (src/render/images.ts): those stories are left to it
const hasImage = (tokens: Token[]): boolean => tokens.some((t) => t.type === "image" || (t.children !== null && hasImage(t.children)));

if (!isMainThread && workerData?.module === import.meta.url) {
  const { files, root, port, passed } = workerData as { files: string[]; root: string; port: MessagePort; passed: Int32Array };
  postInBatches(port, (function* (): Generator<Rendered> {
    for (let index = 0; index < files.length; index++) {
      if (index <= Atomics.load(passed, 0)) continue; // the pages got here first
      const file = files[index]!;
      const tokens = markdown.parse(storyMarkdown({ file }, root), {});
      const html = hasImage(tokens) ? null : markdown.renderer.render(tokens, markdown.options, {});
      yield { file, html, count: html === null ? undefined : countText(html) };
    }
  })());
}
