// `npm start [-- --port=8081]`: Eleventy's dev server into _site.dev/, started as `eleventy --serve`
// starts it, plus what that command leaves out: Eleventy 3's watcher only logs a deleted file, so a
// story deleted while the preview ran stayed in it until the next save. Here a deletion rebuilds
// as a save does (src/site/changes.ts then drops the story from every list and feed).
// Each run starts from an empty _site.dev/: the page of a story deleted while no preview ran would
// still be served, since the first build has no earlier one to compare with. The article folders are
// watched by src/serve/article-watch.ts, not by Eleventy's watcher, which reads a folder again on every save.
// https://www.11ty.dev/docs/programmatic/
import { existsSync } from "node:fs";
import { rename } from "node:fs/promises";
import Eleventy from "@11ty/eleventy";
import { discardedFolder } from "../build/recycle.ts";
import { deleteDetached } from "../build/swap.ts";

const OUTPUT = "_site.dev";
// the article folders are watched here (src/serve/article-watch.ts), not by Eleventy's watcher
process.env.ARTICLE_FOLDERS_WATCHED = "1";
if (existsSync(OUTPUT)) {
  // moved aside at once and deleted by a process of its own, not in the way of the first build
  const old = discardedFolder(OUTPUT);
  await rename(OUTPUT, old);
  deleteDetached([old]);
}
const eleventy = new Eleventy(".", OUTPUT, { source: "cli", configPath: ".eleventy.ts", runMode: "serve" });
await eleventy.init();
// the project's modules read ELEVENTY_RUN_MODE as they load, and init() is what sets it
const { portArgument } = await import("../serve/dev-server.ts");
const { watchArticleFolders } = await import("../serve/article-watch.ts");
// watching from before the first build: a story saved while it runs waits, and is built once it is done
const saved = new Set<string>();
let rebuild = (file: string) => void saved.add(file);
const articles = watchArticleFolders(process.cwd(), (file) => {
  console.log(`[articles] File ${existsSync(file) ? "changed" : "deleted"}: ${file}`);
  rebuild(file);
});
// the first build, then Eleventy's watcher; `run` is what its "change" and "add" events call
const run = await eleventy.watch();
rebuild = (file) => void run(file);
// The first build leaves over a gigabyte of garbage at 10,000 articles that V8 keeps for many saves,
// and saves are slower beside it: collected once here (`npm start` passes --expose-gc), a new
// article was mostly served in about 1.0 s instead of 1.2–1.5 s (A/B series in bench/results.md).
globalThis.gc?.();
eleventy.watcher.on("unlink", rebuild);
for (const file of saved) rebuild(file);
await eleventy.serve(portArgument(process.argv.slice(2)));
process.on("SIGINT", () => {
  articles.close();
  void eleventy.stopWatch();
});
