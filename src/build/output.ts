// How a production build's pages reach the disk: handed over as bytes and released once written,
// their folders made ahead on another thread (the swap into _site/ is src/build/swap.ts).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { EleventyConfig, TemplateData } from "../runtime/eleventy-config.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { changedPages } from "../site/changes.ts";

const running = new Set<Promise<void>>();

/** Synchronous file-system work (`data` in `code`) on a worker thread, beside the main thread's. */
function onWorkerThread(code: string, data: unknown): Promise<void> {
  const worker = new Worker(`const fs = require("node:fs"); const data = require("node:worker_threads").workerData; ${code}`, { eval: true, workerData: data });
  const done = new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("exit", () => resolve());
  });
  running.add(done);
  void done.finally(() => running.delete(done)).catch(() => {});
  return done;
}

/** Waits for the file-system workers, e.g. before a failed build removes the folder they write in. */
export async function backgroundWorkDone(): Promise<void> {
  await Promise.allSettled(running);
}

/**
 * Creates the pages' folders on a worker thread ahead of Eleventy, which otherwise makes each one
 * on the main thread as it writes the page (15,000 at 10,000 articles); it skips those that exist.
 */
export const makeFoldersInBackground = (folders: string[]) => onWorkerThread("for (const folder of data) fs.mkdirSync(folder, { recursive: true })", folders);

/** File count and bytes of a built folder, for the build's closing line and the benchmark. */
export function folderSize(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

export interface Options {
  /** Only a production build: the dev server and `--to=json` read the content back as text. */
  enabled: (runMode: string, outputMode: string) => boolean;
}

export const defaults: Options = { enabled: (runMode, outputMode) => runMode === "build" && outputMode === "fs" };

/** A page's UTF-8 bytes in an ArrayBuffer of their own, so they can be released alone. */
export function pageBytes(html: string): Buffer {
  const bytes = encoder.encode(html);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
const encoder = new TextEncoder();

export interface PendingPage {
  file: string;
  bytes: Buffer;
}

/**
 * Releases the bytes of every page whose file is on disk in full (its size says so), and returns
 * the pages still waiting to be written. A released Buffer is detached: empty, its memory freed.
 */
export function releaseWritten(pending: readonly PendingPage[]): PendingPage[] {
  return pending.filter(({ file, bytes }) => {
    if (statSync(file, { throwIfNoEntry: false })?.size !== bytes.byteLength) return true;
    // transferring the ArrayBuffer to a clone that is dropped detaches it
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    return false;
  });
}

/**
 * Pages leave Eleventy as UTF-8 bytes, released once written. Eleventy keeps every page's final
 * content until the build ends (its render cache and its results: 250 MB of bytes at 10,000
 * articles, twice that as strings with a curly quote); each page's bytes are released as soon as
 * its file is on disk. Register it last: it is the last transform. It also makes the pages'
 * folders ahead of a production build.
 * https://www.11ty.dev/docs/transforms/
 */
export function outputPlugin(eleventyConfig: EleventyConfig, options: Partial<Options> = {}) {
  const { enabled } = { ...defaults, ...options };
  let bytes = false;
  let pending: PendingPage[] = [];
  eleventyConfig.on("eleventy.before", ({ runMode, outputMode }: { runMode: string; outputMode: string }) => void (bytes = enabled(runMode, outputMode)));
  eleventyConfig.on("eleventy.after", () => void (pending = []));
  // in a full build the other core makes the pages' folders ahead; Eleventy makes any that is missing
  // itself (an incremental build renders a few pages into a folder of their own: src/build/recycle.ts)
  eleventyConfig.on("articles.loaded", ({ pageUrls, directories, runMode }: ArticlesLoaded) => {
    if (runMode === "build" && !changedPages.signatures?.previous) makeFoldersInBackground(pageUrls().map((url) => path.join(directories.output, url))).catch(() => {});
  });
  eleventyConfig.addTransform("utf8-bytes", function (this: { page: TemplateData }, content: string) {
    const file = this.page.outputPath as string | false;
    if (!bytes || typeof content !== "string" || !file) return content;
    // Eleventy writes a page right after its transforms, so the pages before this one are on disk
    pending = releaseWritten(pending);
    const page = { file, bytes: pageBytes(content) };
    pending.push(page);
    return page.bytes;
  });
}
