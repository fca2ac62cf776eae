// Reusing the last build's files: hard links where the file system allows them (no bytes copied,
// the old file untouched), copies where it does not. Synchronous: thousands of small calls through
// the thread pool's promises cost several times more (src/content/load.ts says the same of reads).
import { copyFileSync, linkSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/** Files under `folder`, relative to it, in `/` form; sub-folders named in `skip` (relative) are left out. */
export function filesUnder(folder: string, skip: readonly string[] = []): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skip.includes(name)) walk(name);
      } else files.push(name);
    }
  };
  walk("");
  return files;
}

/** `files` (relative) of `from` placed at the same paths under `to`; folders made as needed. Returns how many. */
export function linkFiles(from: string, to: string, files: readonly string[]): number {
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(to, file);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      linkSync(path.join(from, file), target);
    } catch (error) {
      // another device, or a file system without hard links; an existing target is a bug
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw error;
      copyFileSync(path.join(from, file), target);
    }
  }
  return files.length;
}
