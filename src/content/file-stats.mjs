// @ts-check
// The time and size of every article file, taken on a worker thread while the main thread reads the
// kept records (src/content/record-cache.ts): 10,000 stats cost the main thread a tenth of a second.
// Plain JavaScript importing only Node's modules, so its thread starts without the TypeScript loader.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isMainThread, parentPort, workerData } from "node:worker_threads";

/**
 * "mtimeMs:size" of each Markdown file under `root`/`dir`, by project-relative path ("articles/2020/a.md").
 * @param {string} root
 * @param {string} dir
 * @returns {Map<string, string>}
 */
export function fileStats(root, dir) {
  const stats = new Map();
  for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".md")) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    const info = statSync(absolute, { throwIfNoEntry: false });
    if (info) stats.set(path.relative(root, absolute).split(path.sep).join("/"), `${info.mtimeMs}:${info.size}`);
  }
  return stats;
}

if (!isMainThread && parentPort && workerData?.fileStats) {
  const [root, dir] = workerData.fileStats;
  parentPort.postMessage(fileStats(root, dir));
}
