// @ts-check
// `npm run build`, once build-entry.mjs goes on in its own process: the build runs from a bundle of
// its TypeScript and of the npm packages it imports (src/runtime/main-bundle.mjs), or through tsx's
// loader if esbuild cannot make one. Through tsx, the packages are loaded natively before the
// loader is registered: through it every module costs a round trip to the loader's own thread, and
// Eleventy alone is some 250 modules; the TypeScript modules' imports then find these already loaded.
// https://tsx.is/dev-api/register-esm
import path from "node:path";
import { CACHE_DIR } from "../build/cache-files.mjs";
import { bundleBuild } from "../runtime/main-bundle.mjs";

// what the build's modules import
const PACKAGES = ["@11ty/eleventy", "js-yaml", "luxon", "markdown-it", "markdown-it-anchor", "pagefind", "zod"];

const bundle = await bundleBuild(process.cwd(), path.join(process.cwd(), CACHE_DIR, "main"), !process.argv.includes("--clean"));
if (bundle) await import(bundle.start);
else {
  await Promise.all(PACKAGES.map((name) => import(name)));
  const { register } = await import("tsx/esm/api");
  register();
  await import("./build.ts");
}
