// `npm start` watches the article folders itself (src/cli/serve.ts), one fs.watch per folder.
// Eleventy's watcher (chokidar) reads a whole folder again, a stat per file, on every event in it:
// a new story was reported 75–155 ms after it was written in a folder of 1,235 stories, 380–470 ms
// in one of 11,000 (a year of a large archive), and writing, saving and deleting a story took 0.25 s
// and 1.3 s of CPU. Here: 41–42 ms either way, under 0.02 s of CPU.
// https://nodejs.org/api/fs.html#fswatchfilename-options-listener
import { readdirSync, statSync, watch, type Dirent, type FSWatcher } from "node:fs";
import path from "node:path";

export interface Options {
  /** The articles' folder, relative to root (with its subfolders, made later too). */
  dir: string;
  /** A file is reported once it has been quiet this long: an editor may write it in several steps. */
  settleMs: number;
}

export const defaults: Options = { dir: "articles", settleMs: 40 };

/** What a folder's event names: an article file (hidden files such as an editor's swap files are not), a folder, or neither. */
export function eventTarget(name: string, isFolder: boolean): "article" | "folder" | undefined {
  if (isFolder) return "folder";
  return name.endsWith(".md") && !path.basename(name).startsWith(".") ? "article" : undefined;
}

const isFolder = (file: string) => statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;

/**
 * Calls `changed` with the root-relative path (forward slashes) of each article file written, added
 * or deleted under `options.dir`, once it has settled. A folder that comes or goes is reported as
 * itself (its files may be reported too): the caller then reads every article again.
 */
export function watchArticleFolders(root: string, changed: (file: string) => void, userOptions: Partial<Options> = {}): { close(): void } {
  const options: Options = { ...defaults, ...userOptions };
  const watchers = new Map<string, FSWatcher>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settle = (file: string) => {
    clearTimeout(timers.get(file));
    timers.set(file, setTimeout(() => (timers.delete(file), changed(file)), options.settleMs));
  };
  const unwatch = (folder: string) => {
    for (const [name, watcher] of watchers) if (name === folder || name.startsWith(`${folder}/`)) (watcher.close(), watchers.delete(name));
  };
  const add = (folder: string, announce: boolean) => {
    if (watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(path.join(root, folder), (_event, name) => {
        if (!name) return;
        const child = `${folder}/${name.toString()}`;
        const target = eventTarget(child, isFolder(path.join(root, child)));
        if (target === "article") settle(child);
        else if (target === "folder") add(child, true);
        else if (watchers.has(child)) (unwatch(child), settle(child)); // a folder deleted or moved away
      });
    } catch {
      return; // gone already
    }
    watcher.on("error", () => unwatch(folder));
    watchers.set(folder, watcher);
    if (announce) settle(folder);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch {
      // gone again before it was read: its watcher reports that
    }
    for (const entry of entries) if (entry.isDirectory()) add(`${folder}/${entry.name}`, announce);
  };
  add(options.dir, false);
  return {
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      unwatch(options.dir);
    },
  };
}
