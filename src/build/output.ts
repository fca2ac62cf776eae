// The published folder is replaced only by a complete build: the site is built into a staging
// folder beside it and swapped in, so a failed build leaves the previous _site/ untouched. The
// site it replaces stays beside it as _site.old (a rollback) until the next build replaces it.
import { spawn } from "node:child_process";
import { rename } from "node:fs/promises";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { EleventyConfig, TemplateData } from "../runtime/eleventy-config.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { changedPages } from "../site/changes.ts";
import { discardedFolder } from "./recycle.ts";

export const stagingFolder = (target: string) => `${target}.next`;
export const retiredFolder = (target: string) => `${target}.old`;

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

/**
 * The staging folder becomes `target`; the site it replaces becomes `retired`; the one `retired`
 * held (the site before last) is moved aside, and every such folder still waiting beside
 * `target` (one whose deletion was cut short, not one a running deleter has taken) is returned for `deleteDetached`.
 */
export async function swapInto(staging: string, target: string, retired: string): Promise<string[]> {
  if (existsSync(retired)) await rename(retired, discardedFolder(target));
  if (existsSync(target)) await rename(target, retired);
  await rename(staging, target);
  const { dir, base } = path.parse(path.resolve(target));
  return readdirSync(dir).filter((entry) => entry.startsWith(`${base}.deleting-`) && !takenByLiveProcess(entry)).map((entry) => path.join(dir, entry));
}

/** A folder a deleter has taken ends in `-taken-<its pid>`: left to it while it runs. */
function takenByLiveProcess(folder: string): boolean {
  const pid = Number(/-taken-(\d+)$/.exec(folder)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes folders in a process of its own that outlives the build. Deleted while a build writes,
 * they made each file it created dearer: ext4's inode allocator steps over every inode freed in
 * the last minute or so (a 10,000-article build: 24–26 s of system time instead of 11–14 s).
 */
export function deleteDetached(folders: readonly string[]): void {
  if (!folders.length) return;
  spawn(process.execPath, ["-e", DELETER, ...folders], { detached: true, stdio: "ignore" }).unref();
}

/**
 * Each folder is taken first (renamed to end in `-taken-<pid>`), so that builds in quick succession
 * do not start several deleters on the same 250,000 files, each slowing the next build; one another
 * deleter has taken is skipped (it can no longer be renamed from its old name).
 */
const DELETER = `const fs = require("node:fs");
for (const folder of process.argv.slice(1)) {
  const taken = folder.replace(/(-taken-\\d+)?$/, "-taken-" + process.pid);
  try { fs.renameSync(folder, taken); } catch { continue; }
  fs.rmSync(taken, { recursive: true, force: true });
}`;

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
  // the other core makes the pages' folders ahead; Eleventy makes any that is missing itself
  eleventyConfig.on("articles.loaded", ({ pageUrls, directories, runMode }: ArticlesLoaded) => {
    if (runMode === "build") makeFoldersInBackground(pageUrls().map((url) => path.join(directories.output, url))).catch(() => {});
  });
  eleventyConfig.addTransform("utf8-bytes", function (this: { page: TemplateData }, content: string) {
    const file = this.page.outputPath as string | false;
    // an incremental build's staging folder may hold this page as a hard link into _site/ (recycle.ts): never written through
    if (bytes && file && changedPages.signatures?.previous) rmSync(file, { force: true });
    if (!bytes || typeof content !== "string" || !file) return content;
    // Eleventy writes a page right after its transforms, so the pages before this one are on disk
    pending = releaseWritten(pending);
    const page = { file, bytes: pageBytes(content) };
    pending.push(page);
    return page.bytes;
  });
}
