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

/**
 * Results a worker thread works out ahead, one per article file, taken synchronously: Eleventy
 * renders in long stretches that leave no turn of the event loop for messages. The worker is the
 * module `module` started through src/worker.mjs; it answers with postInBatches.
 */
export class WorkerResults<T extends { file: string }> {
  #ready = new Map<string, T>();
  #port: MessagePort;
  #worker: Worker;

  constructor(module: string, data: Record<string, unknown>) {
    const { port1, port2 } = new MessageChannel();
    this.#port = port2;
    this.#worker = new Worker(new URL("../worker.mjs", import.meta.url), { workerData: { ...data, module, port: port1 }, transferList: [port1] });
    this.#worker.unref();
  }

  /** The result for `file` if the worker has posted it; `keep` drops results no longer wanted as they arrive. */
  take(file: string, keep: (result: T) => boolean = () => true): T | undefined {
    for (let message; !this.#ready.has(file) && (message = receiveMessageOnPort(this.#port)); ) {
      for (const result of message.message as T[]) if (keep(result)) this.#ready.set(result.file, result);
    }
    const result = this.#ready.get(file);
    this.#ready.delete(file);
    return result;
  }

  close(): Promise<number> {
    this.#port.close();
    return this.#worker.terminate();
  }
}

/** The worker's side: results posted ten at a time (the main thread can only take what has been posted). */
export function postInBatches<T>(port: MessagePort, results: Iterable<T>): void {
  let batch: T[] = [];
  for (const result of results) {
    batch.push(result);
    if (batch.length === 10) {
      port.postMessage(batch);
      batch = [];
    }
  }
  port.postMessage(batch);
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

// Pictures need the image pipeline of the main thread (src/images.ts): those stories are left to it
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
