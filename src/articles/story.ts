// An article's story text: read from its file when its page (or a feed entry) is rendered, so
// 10,000 bodies are never held in memory at once. A production build renders the stories ahead
// in a worker thread, on the other core, while Eleventy sets up and renders the listings.
import { readFileSync } from "node:fs";
import path from "node:path";
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from "node:worker_threads";
import type { Token } from "markdown-it";
import type { Article } from "./load.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { markdown } from "../markdown.ts";
import { countText, rememberCount, type TextCount } from "../reading-time.ts";

/** The Markdown after the front matter ("" if the file changed under the build and lost it). */
export function storyMarkdown(article: Pick<Article, "file">, root: string): string {
  const split = splitFrontMatter(readFileSync(path.join(root, article.file), "utf8"));
  return typeof split === "string" ? "" : split.body;
}

/**
 * The story as the article page shows it: from the worker when it has it, rendered here when not.
 * The article goes in markdown-it's env so its pictures resolve beside its file (src/images.ts).
 */
export function storyBody(article: Article, root: string, ahead?: StoriesAhead): string {
  return ahead?.take(article.file) ?? markdown.render(storyMarkdown(article, root), { article });
}

type Rendered = { file: string; html: string | null; count?: TextCount };

/**
 * Stories rendered by a worker thread, picked up synchronously as pages ask for them. Both sides
 * go through the files in the same order; where the pages get ahead, they render the story
 * themselves and the worker skips past them, so no story is rendered twice.
 */
export class StoriesAhead {
  #ready = new Map<string, Rendered>();
  #order: Map<string, number>;
  /** The furthest file (by index) the pages have asked for, shared with the worker. */
  #passed = new Int32Array(new SharedArrayBuffer(4)).fill(-1);
  #port: MessagePort;
  #worker: Worker;

  constructor(files: string[], root: string) {
    this.#order = new Map(files.map((file, index) => [file, index]));
    const { port1, port2 } = new MessageChannel();
    this.#port = port2;
    const data = { module: import.meta.url, files, root, port: port1, passed: this.#passed };
    this.#worker = new Worker(new URL("../worker.mjs", import.meta.url), { workerData: data, transferList: [port1] });
    this.#worker.unref();
  }

  /** The worker's HTML for a file, or undefined (not there yet, or a story with pictures). */
  take(file: string): string | undefined {
    const index = this.#order.get(file) ?? -1;
    if (index > Atomics.load(this.#passed, 0)) Atomics.store(this.#passed, 0, index);
    // synchronous: Eleventy renders in long stretches that leave no turn of the event loop for messages
    for (let message; !this.#ready.has(file) && (message = receiveMessageOnPort(this.#port)); ) {
      for (const rendered of message.message as Rendered[]) {
        if (this.#order.get(rendered.file)! >= index) this.#ready.set(rendered.file, rendered);
      }
    }
    const rendered = this.#ready.get(file);
    this.#ready.delete(file);
    if (!rendered?.html) return undefined;
    if (rendered.count) rememberCount(rendered.html, rendered.count);
    return rendered.html;
  }

  close(): Promise<number> {
    this.#port.close();
    return this.#worker.terminate();
  }
}

// Pictures need the image pipeline of the main thread (src/images.ts): those stories are left to it
const hasImage = (tokens: Token[]): boolean => tokens.some((t) => t.type === "image" || (t.children !== null && hasImage(t.children)));

if (!isMainThread && workerData?.module === import.meta.url) {
  const { files, root, port, passed } = workerData as { files: string[]; root: string; port: MessagePort; passed: Int32Array };
  let batch: Rendered[] = [];
  for (let index = 0; index < files.length; index++) {
    if (index <= Atomics.load(passed, 0)) continue; // the pages got here first
    const file = files[index]!;
    const tokens = markdown.parse(storyMarkdown({ file }, root), {});
    const html = hasImage(tokens) ? null : markdown.renderer.render(tokens, markdown.options, {});
    batch.push({ file, html, count: html === null ? undefined : countText(html) });
    // small batches: the pages can only take what has been posted
    if (batch.length === 10) {
      port.postMessage(batch);
      batch = [];
    }
  }
  port.postMessage(batch);
}
