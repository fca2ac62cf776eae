// @11ty/eleventy-img 6 ships JavaScript without declarations; this covers the part the site uses.
declare module "@11ty/eleventy-img" {
  /** Turns every local <img> in built HTML into responsive <picture> markup. https://www.11ty.dev/docs/plugins/image/#html-transform */
  export const eleventyImageTransformPlugin: (eleventyConfig: unknown, options?: Record<string, unknown>) => void;
}
