// `_data/*.ts` and `*.11tydata.ts` files: imported as modules (bundled with the build, or through tsx),
// a default export that is a function is called, as Eleventy does for .js data files.
// https://www.11ty.dev/docs/data-custom/
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { EleventyConfig } from "./eleventy-config.ts";
import { runningBundle } from "./main-bundle.mjs";

let typescript: Promise<void> | undefined;
/** A build started from its bundle has no TypeScript loader: registered for a data file the bundle lacks (added since). */
const loadTypeScript = () => (typescript ??= import("tsx/esm/api").then(({ register }) => void register()));

export async function importData(filePath: string): Promise<unknown> {
  const bundle = runningBundle();
  const bundled = bundle?.modules[path.resolve(filePath)];
  if (bundle && !bundled) await loadTypeScript();
  const module = (bundled ?? (await import(pathToFileURL(filePath).href))) as { default?: unknown };
  return typeof module.default === "function" ? await module.default() : module.default;
}

export function typescriptDataPlugin(eleventyConfig: EleventyConfig) {
  eleventyConfig.addDataExtension("ts", { parser: (_contents, filePath) => importData(filePath), read: false });
}
