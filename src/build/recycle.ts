// An incremental build starts from the site before last (_site.old) instead of an empty staging
// folder: the page and search index files it shares with _site/ (the same inode: a hard link one
// build made of the other's) stay where they are, everything else in it goes. Linking 25,000 reused
// files into a new tree and deleting the old one cost seconds of kernel time at 10,000 articles;
// this costs a walk (src/build/survey.mjs), made once the last build was done or on a worker thread
// while the articles are validated and the pages rendered (src/build/survey-ahead.ts).
// Nothing is ever written through a kept link: the pages are rendered into a folder of their own
// and moved in (recycleAround).
import { randomBytes } from "node:crypto";
import { lstatSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { linkFiles } from "../runtime/link-files.ts";
import { partFiles, partOf, type PlacedPart } from "../search/parts.ts";
import { survey as surveyFolder, type Survey, type Written } from "./survey.mjs";

export interface Options {
  /**
   * Top-level folders whose every file is kept when it is the very file _site/ holds, page or not:
   * the search index's, whose reused parts are then placed with few links (placeParts). Linking the
   * 10,347 files of a 10,000-article part anew took 0.15 s of every build, deleting the old 0.2 s.
   */
  shared: string[];
  /**
   * A folder with more files to drop than to keep, and more than this many, is moved aside whole
   * (deleted after the build, swap.ts) and the build starts from an empty one: after a full build
   * the site before last shares nothing with _site/, and deleting its 250,000 files one by one at
   * 100,000 articles made the next build take 60.9 s instead of about 11 s.
   */
  dropAtMost: number;
}

export const defaults: Options = { shared: ["pagefind"], dropAtMost: 1000 };

/** Where a folder to be deleted goes, beside `target` (swap.ts deletes such folders after the swap). */
export const discardedFolder = (target: string) => `${target}.deleting-${randomBytes(4).toString("hex")}`;

export type { Survey };

/** Which files of the folder to recycle stay (src/build/survey.mjs); `shared` defaults to the search index. */
export const survey = (staging: string, retired: string, live: string, pages: ReadonlySet<string>, shared: readonly string[] = defaults.shared, written?: Written) =>
  surveyFolder(staging, retired, live, pages, shared, written);

/** Carries out a survey: `staging` is then the recycled folder, holding only the kept files, which are returned (or no folder, and none). */
export function recycle(plan: Survey | undefined, staging: string, live: string, { dropAtMost }: Pick<Options, "dropAtMost"> = defaults): Set<string> {
  if (!plan) return new Set();
  if (plan.drop.length > dropAtMost && plan.drop.length > plan.kept.length) {
    renameSync(plan.folder, discardedFolder(live));
    return new Set();
  }
  if (plan.folder !== staging) {
    rmSync(staging, { force: true }); // a file in its place
    renameSync(plan.folder, staging);
  }
  for (const file of plan.drop) rmSync(path.join(staging, file), { force: true });
  for (const folder of plan.empty) rmSync(path.join(staging, folder), { recursive: true, force: true });
  return new Set(plan.kept);
}

const isShared = (file: string) => defaults.shared.some((folder) => file.startsWith(`${folder}/`));

/** After the build: kept files of pages this build no longer has (`current`) go, with folders left empty. */
export function dropGone(staging: string, kept: ReadonlySet<string>, current: ReadonlyMap<string, unknown>): void {
  dropFiles(staging, [...kept].filter((file) => !current.has(file) && !isShared(file)));
}

/** `files` deleted from `staging`, and the folders they leave empty. */
function dropFiles(staging: string, files: Iterable<string>): void {
  for (const file of files) {
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

/**
 * An incremental build renders into a folder of its own (`rendering`) while the survey runs: at
 * 100,000 articles the survey took 15–18 s beside the validation's 8–10 s, and the pages waited
 * for it. Then the survey is carried out on `staging` and the rendered files moved in. Returns the
 * kept files.
 */
export async function recycleAround(surveyed: Promise<Survey | undefined>, staging: string, rendering: string, live: string, placed: readonly PlacedPart[]): Promise<Set<string>> {
  let kept = new Set<string>();
  try {
    kept = recycle(await surveyed, staging, live);
  } catch {
    // the folders changed under the survey: start from an empty one
  }
  // kept search files of a part indexed again, moved or gone go first: a new part has files of the same names
  const inPlace = new Set(placed.filter(({ from, at }) => from === at).map(({ at }) => at));
  const stale = [...kept].filter((file) => isShared(file) && !inPlace.has(partOf(file)));
  dropFiles(staging, stale);
  for (const file of stale) kept.delete(file);
  if (!kept.size) await rm(staging, { recursive: true, force: true });
  moveInto(rendering, staging);
  return kept;
}

/**
 * The search index's reused parts in the staging folder, after the rendered files: the files of a
 * part kept where it was stay, the others are linked from `live`. Returns how many files the parts hold.
 */
export function placeParts(live: string, staging: string, placed: readonly PlacedPart[], kept: ReadonlySet<string>): number {
  let files = 0;
  for (const { from, at } of placed) {
    const all = partFiles(live, from);
    files += all.length;
    linkFiles(path.join(live, from), path.join(staging, at), from === at ? all.filter((file) => !kept.has(`${at}${file}`)) : all);
  }
  return files;
}

/**
 * What was rendered (`from`) moved into the recycled folder (`into`): a file over the one there (a
 * kept link's other name keeps its content), a folder whole where `into` has none. `from` is gone afterwards.
 */
export function moveInto(from: string, into: string): void {
  if (!lstatSync(into, { throwIfNoEntry: false })?.isDirectory()) {
    rmSync(into, { recursive: true, force: true });
    renameSync(from, into);
    return;
  }
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [path.join(from, entry.name), path.join(into, entry.name)];
    const there = lstatSync(target, { throwIfNoEntry: false });
    if (entry.isDirectory() && there?.isDirectory()) {
      moveInto(source, target);
      continue;
    }
    if (there?.isDirectory()) rmSync(target, { recursive: true, force: true });
    renameSync(source, target);
  }
  rmdirSync(from);
}
