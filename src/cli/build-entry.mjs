// @ts-check
// `npm run build` starts here. A large site's build starts again with huge pages for its memory
// (src/runtime/huge-pages.mjs); then build-preload.mjs loads the packages and the build itself.
import { statSync } from "node:fs";
import path from "node:path";
import { CACHE_DIR, RECORDS_FILE } from "../build/cache-files.mjs";
import { statsText } from "../content/file-stats.mjs";
import { LARGE_RECORDS, startAgainWithHugePages, wantsHugePages } from "../runtime/huge-pages.mjs";

const kept = statSync(path.join(CACHE_DIR, RECORDS_FILE), { throwIfNoEntry: false });
// while the second process loads the build, this one takes the article files' stats it will compare
// with the kept records (src/content/file-stats.mjs); their worker thread had the build wait for them:
// an edit's build at 10,000 articles took a median 0.12 s less (10 pairs)
if (wantsHugePages((kept?.size ?? 0) >= LARGE_RECORDS)) process.exit(await startAgainWithHugePages(() => statsText(process.cwd(), "articles")));
// Eleventy sends every import after its own through a hook on a loader thread, so that `--serve`
// can import a changed config dependency again (https://github.com/11ty/eleventy/issues/3270); a
// build imports each file once. Without the hook the build's packages loaded in a median 0.59 s
// instead of 0.75 s (8 runs each).
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
await import("./build-preload.mjs");
