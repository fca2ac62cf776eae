// @ts-check
// `npm run build`, once build-entry.mjs goes on in its own process: the npm packages the build
// imports are loaded first, natively, then the build itself, from a bundle of its TypeScript
// (src/runtime/main-bundle.mjs), or through tsx's loader if esbuild cannot make one.
// Through tsx's loader every module costs a round trip to the loader's own thread, and Eleventy
// alone is some 250 modules; the TypeScript modules' imports then find these already loaded.
// A no-change build at 10,000 articles: 2.76 s instead of 3.00 s (medians of 7, alternating).
// esbuild, yaml and eleventy-fetch are not among them: a build imports them only to make a bundle,
// the editor's files or a remote picture's copy, and loading them cost about 75 ms.
// https://tsx.is/dev-api/register-esm
import "@11ty/eleventy";
import "js-yaml";
import "luxon";
import "markdown-it";
import "markdown-it-anchor";
import "pagefind";
import "zod";
import path from "node:path";
import { CACHE_DIR } from "../build/cache-files.mjs";
import { bundleBuild } from "../runtime/main-bundle.mjs";

const bundle = await bundleBuild(process.cwd(), path.join(process.cwd(), CACHE_DIR, "main"), !process.argv.includes("--clean"));
if (bundle) await import(bundle.start);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./build.ts");
}
