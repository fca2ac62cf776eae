// The published folder is replaced only by a complete build: the site is built into a staging
// folder beside it and swapped in, so a failed build leaves the previous _site/ untouched.
import { rename, rm } from "node:fs/promises";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const stagingFolder = (target: string) => `${target}.next`;

export async function swapInto(staging: string, target: string): Promise<void> {
  const retired = `${target}.old`;
  await rm(retired, { recursive: true, force: true });
  if (existsSync(target)) await rename(target, retired);
  await rename(staging, target);
  await rm(retired, { recursive: true, force: true });
}

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
