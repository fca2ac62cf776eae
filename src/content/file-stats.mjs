// @ts-check
// The time and size of every article file, taken while the main thread reads the kept records
// (src/content/record-cache.ts): 10,000 stats cost a thread 0.1–0.2 s. A large build's first process
// takes them while its second loads the build (src/cli/build-entry.mjs) and hands them over on a
// pipe (src/runtime/huge-pages.mjs); otherwise a worker thread takes them. Plain JavaScript, so it
// runs before any TypeScript can load.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { handedOver } from "../runtime/huge-pages.mjs";

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

/** What the first process writes on the pipe: the folder the stats were taken of, then the stats. */
export const statsText = (/** @type {string} */ root, /** @type {string} */ dir) => JSON.stringify({ root, dir, stats: [...fileStats(root, dir)] });

/**
 * The stats of `root`/`dir` handed over by the first process (src/runtime/huge-pages.mjs), if this
 * is the build it started again; undefined otherwise, or if they are not there.
 * @param {string} root
 * @param {string} dir
 * @returns {Promise<Map<string, string> | undefined> | undefined}
 */
export function handedStats(root, dir) {
  return handedOver()?.then((json) => {
    try {
      const handed = JSON.parse(json);
      return handed.root === root && handed.dir === dir ? new Map(handed.stats) : undefined;
    } catch {
      return undefined;
    }
  });
}

if (!isMainThread && parentPort && workerData?.fileStats) {
  const [root, dir] = workerData.fileStats;
  parentPort.postMessage(fileStats(root, dir));
}
