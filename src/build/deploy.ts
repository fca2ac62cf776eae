// What a static host needs beside the pages. GitHub Pages runs Jekyll over an uploaded folder
// unless it holds a `.nojekyll` file; Jekyll would hide any file or folder starting with "_".
// The folder is otherwise complete: 404.html at its root, no server rewrites needed.
import type { EleventyConfig } from "../runtime/eleventy-config.ts";

export interface Options {
  /** Empty marker files written at the root of the output. */
  markers: string[];
}

export const defaults: Options = { markers: [".nojekyll"] };

export function deployPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const { markers } = { ...defaults, ...userOptions };
  for (const marker of markers) {
    // an empty virtual template: written like a page, so staging and swapping need nothing extra;
    // a marker has no extension on purpose. https://www.11ty.dev/docs/virtual-templates/
    eleventyConfig.addTemplate(`deploy/${marker}.njk`, "", {
      permalink: `/${marker}`, layout: false, eleventyExcludeFromCollections: true, eleventyAllowMissingExtension: true,
    });
  }
}
