// An incremental build starts from the site before last (_site.old) instead of an empty staging
// folder: the page files it shares with _site/ (the same inode: a hard link one build made of the
// other's) stay where they are, everything else in it goes. Linking 25,000 reused files into a new
// tree and deleting the old one cost seconds of kernel time at 10,000 articles; this costs a walk.
// Nothing is ever written through a kept link: a page Eleventy renders is unlinked first (output.ts).
import { lstatSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import path from "node:path";
import { discardedFolder } from "./output.ts";

export interface Options {
  /** Top-level folders with no kept files (the search index, whose parts are placed by src/search/): moved aside whole, not walked. */
  setAside: string[];
}

export const defaults: Options = { setAside: ["pagefind"] };

/** The same file, not merely the same bytes: a hard link of one into the other. */
function sameFile(a: string, b: string): boolean {
  const x = lstatSync(a, { throwIfNoEntry: false });
  const y = lstatSync(b, { throwIfNoEntry: false });
  return !!x && !!y && x.isFile() && x.ino === y.ino && x.dev === y.dev;
}

/**
 * Makes `staging` from the folder left by a killed build, else from `retired`; keeps the files named
 * in `pages` (output-relative) that are the very files `live` holds, and returns them. Without
 * either folder the staging folder is left to be made and nothing is kept.
 */
export function recycleStaging(staging: string, retired: string, live: string, pages: ReadonlySet<string>, options: Partial<Options> = {}): Set<string> {
  const { setAside } = { ...defaults, ...options };
  const kept = new Set<string>();
  try {
    if (!lstatSync(staging, { throwIfNoEntry: false })?.isDirectory()) {
      rmSync(staging, { force: true });
      renameSync(retired, staging);
    }
  } catch {
    return kept; // no site before last: the build starts from an empty folder
  }
  for (const folder of setAside) {
    try {
      renameSync(path.join(staging, folder), discardedFolder(live));
    } catch {
      // not there
    }
  }
  // returns whether `relative` is left empty (then removed, unless it is the staging folder itself)
  const sweep = (relative: string): boolean => {
    let left = 0;
    for (const entry of readdirSync(path.join(staging, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        // the search index writes its folder afresh while the pages are made
        if (setAside.includes(name) || !sweep(name)) left++;
      } else if (pages.has(name) && sameFile(path.join(staging, name), path.join(live, name))) {
        kept.add(name);
        left++;
      } else unlinkSync(path.join(staging, name));
    }
    if (left || !relative) return false;
    rmdirSync(path.join(staging, relative));
    return true;
  };
  sweep("");
  return kept;
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
