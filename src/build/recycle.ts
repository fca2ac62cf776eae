// An incremental build starts from the site before last (_site.old) instead of an empty staging
// folder: the page files it shares with _site/ (the same inode: a hard link one build made of the
// other's) stay where they are, everything else in it goes. Linking 25,000 reused files into a new
// tree and deleting the old one cost seconds of kernel time at 10,000 articles; this costs a walk,
// made on a worker thread while the articles are validated (this module imports no other, so the worker loads little). Nothing is ever written through a kept
// link: a page Eleventy renders is unlinked first (output.ts).
import { randomBytes } from "node:crypto";
import { lstatSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

export interface Options {
  /** Top-level folders with no kept files (the search index, whose parts are placed by src/search/): moved aside whole, not walked. */
  setAside: string[];
}

export const defaults: Options = { setAside: ["pagefind"] };

/** Where a folder to be deleted goes, beside `target`: the site before last, or a set-aside part of it (output.ts deletes them after the swap). */
export const discardedFolder = (target: string) => `${target}.deleting-${randomBytes(4).toString("hex")}`;

/** What recycling a folder as the staging folder takes: which files stay, which go, which folders are left empty. */
export interface Survey {
  /** The folder recycled: the staging folder a killed build left, else the site before last. */
  folder: string;
  kept: string[];
  drop: string[];
  /** Deepest first. */
  empty: string[];
}

/** The same file, not merely the same bytes: a hard link of one into the other. */
function sameFile(a: string, b: string): boolean {
  const x = lstatSync(a, { throwIfNoEntry: false });
  const y = lstatSync(b, { throwIfNoEntry: false });
  return !!x && !!y && x.isFile() && x.ino === y.ino && x.dev === y.dev;
}

/**
 * Read only, so it may run before the build knows it will write: which files of `staging` (or,
 * without one, `retired`) to keep, being one of the `pages` (output-relative) that `live` holds as
 * the very same file. Undefined when there is neither folder.
 */
export function survey(staging: string, retired: string, live: string, pages: ReadonlySet<string>, setAside: readonly string[] = defaults.setAside): Survey | undefined {
  const folder = lstatSync(staging, { throwIfNoEntry: false })?.isDirectory() ? staging : retired;
  if (!lstatSync(folder, { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const plan: Survey = { folder, kept: [], drop: [], empty: [] };
  // returns whether `relative` would be left empty
  const walk = (relative: string): boolean => {
    let left = 0;
    for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (setAside.includes(name) || !walk(name)) left++;
      } else if (pages.has(name) && sameFile(path.join(folder, name), path.join(live, name))) {
        plan.kept.push(name);
        left++;
      } else plan.drop.push(name);
    }
    if (!left && relative) plan.empty.push(relative);
    return !left;
  };
  walk("");
  return plan;
}

/** Carries out a survey: `staging` is then the recycled folder, holding only the kept files, which are returned. */
export function recycle(plan: Survey | undefined, staging: string, live: string, setAside: readonly string[] = defaults.setAside): Set<string> {
  if (!plan) return new Set();
  if (plan.folder !== staging) {
    rmSync(staging, { force: true }); // a file in its place
    renameSync(plan.folder, staging);
  }
  // the search index writes its folder afresh while the pages are made
  for (const folder of setAside) {
    try {
      renameSync(path.join(staging, folder), discardedFolder(live));
    } catch {
      // not there
    }
  }
  for (const file of plan.drop) rmSync(path.join(staging, file), { force: true });
  for (const folder of plan.empty) rmSync(path.join(staging, folder), { recursive: true, force: true });
  return new Set(plan.kept);
}

/** `survey` on a worker thread; undefined if it fails (the build then starts from an empty folder). */
export function surveyInBackground(staging: string, retired: string, live: string, pages: readonly string[]): Promise<Survey | undefined> {
  const worker = new Worker(new URL("../runtime/worker.mjs", import.meta.url), { workerData: { module: import.meta.url, args: [staging, retired, live, pages] } });
  worker.unref(); // a build stopped by invalid articles does not wait for it
  return new Promise((resolve) => {
    worker.once("message", (plan: Survey | undefined) => resolve(plan));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
}

if (!isMainThread && parentPort && workerData?.module === import.meta.url) {
  const [staging, retired, live, pages] = workerData.args as [string, string, string, string[]];
  parentPort.postMessage(survey(staging, retired, live, new Set(pages)));
}

/** After the build: kept files of pages this build no longer has (`current`) go, with folders left empty. */
export function dropGone(staging: string, kept: ReadonlySet<string>, current: ReadonlyMap<string, unknown>): void {
  for (const file of kept) {
    if (current.has(file)) continue;
    rmSync(path.join(staging, file), { force: true });
    for (let folder = path.dirname(file); folder !== "."; folder = path.dirname(folder)) {
      try {
        rmdirSync(path.join(staging, folder));
      } catch {
        break; // not empty
      }
    }
  }
}
