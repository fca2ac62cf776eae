// The published folder is replaced only by a complete build: the site is built into a staging
// folder beside it and swapped in, so a failed build leaves the previous _site/ untouched. The
// site it replaces stays beside it as _site.old (a rollback) until the next build replaces it.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { rename } from "node:fs/promises";
import path from "node:path";
import { discardedFolder } from "./recycle.ts";

export const stagingFolder = (target: string) => `${target}.next`;
export const retiredFolder = (target: string) => `${target}.old`;
/** Where an incremental build renders while the site before last is surveyed (src/build/recycle.ts). */
export const renderingFolder = (target: string) => `${target}.rendered`;

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
