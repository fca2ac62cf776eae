// @ts-check
// `npm run build`, once build-entry.mjs goes on in its own process: the npm packages the build
// imports are loaded first, natively, then tsx's loader is registered for the project's TypeScript
// (src/cli/build.ts and what it imports).
// Through tsx's loader every module costs a round trip to the loader's own thread, and Eleventy
// alone is some 250 modules; the TypeScript modules' imports then find these already loaded.
// A no-change build at 10,000 articles: 2.76 s instead of 3.00 s (medians of 7, alternating).
// https://tsx.is/dev-api/register-esm
import "@11ty/eleventy";
import "@11ty/eleventy-fetch";
import "esbuild";
import "js-yaml";
import "luxon";
import "markdown-it";
import "markdown-it-anchor";
import "pagefind";
import "yaml";
import "zod";
import { register } from "tsx/esm/api";

register();
await import("./build.ts");
