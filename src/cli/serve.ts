// `npm start [-- --port=8081]`: Eleventy's dev server into _site.dev/, started as `eleventy --serve`
// starts it, plus what that command leaves out: Eleventy 3's watcher only logs a deleted file, so a
// story deleted while the preview ran stayed in it until the next save. Here a deletion rebuilds
// as a save does (src/site/changes.ts then drops the story from every list and feed).
// https://www.11ty.dev/docs/programmatic/
import Eleventy from "@11ty/eleventy";

const eleventy = new Eleventy(".", "_site.dev", { source: "cli", configPath: ".eleventy.ts", runMode: "serve" });
await eleventy.init();
// the project's modules read ELEVENTY_RUN_MODE as they load, and init() is what sets it
const { portArgument } = await import("../serve/dev-server.ts");
// the first build, then the watcher; `rebuild` is what its "change" and "add" events call
const rebuild = await eleventy.watch();
eleventy.watcher.on("unlink", (file) => void rebuild(file));
await eleventy.serve(portArgument(process.argv.slice(2)));
process.on("SIGINT", () => void eleventy.stopWatch());
