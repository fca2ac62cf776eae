// `_data/*.ts` and `*.11tydata.ts` files: imported as modules (tsx is loaded before Eleventy),
// a default export that is a function is called, as Eleventy does for .js data files.
// https://www.11ty.dev/docs/data-custom/
import { pathToFileURL } from "node:url";
import type { EleventyConfig } from "./eleventy-config.ts";

export async function importData(filePath: string): Promise<unknown> {
  const module = (await import(pathToFileURL(filePath).href)) as { default?: unknown };
  return typeof module.default === "function" ? await module.default() : module.default;
}

export function typescriptDataPlugin(eleventyConfig: EleventyConfig) {
  eleventyConfig.addDataExtension("ts", { parser: (_contents, filePath) => importData(filePath), read: false });
}
