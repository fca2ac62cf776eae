// Static pages (pages/: About, Contact, Corrections policy) as pages at /<slug>/ in layouts/page.njk.
// Their files are data, not templates: the loader validates them with the articles
// (src/content/pages.ts), and their text is rendered by the project's Markdown (the `pageBody`
// filter, src/render/story.ts), never by a template engine.
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import type { StaticPage } from "../content/pages.ts";
import type { ArticlesLoaded } from "./articles.ts";

export interface Options {
  /** The pages' folder; the articles plugin's `pagesDir` loads the same one. */
  dir: string;
  layout: string;
}

export const defaults: Options = { dir: "pages", layout: "layouts/page.njk" };

export function staticPagesPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const { dir, layout }: Options = { ...defaults, ...userOptions };
  let pages: StaticPage[] = [];
  eleventyConfig.ignores.add(`${dir}/**/*.md`);
  eleventyConfig.addWatchTarget(`${dir}/**/*.md`);
  eleventyConfig.on("articles.loaded", (loaded: ArticlesLoaded) => void (pages = loaded.pages));
  // `collections.pages`: the footer links them, the sitemap lists them (src/syndication/sitemaps.ts)
  eleventyConfig.addCollection("pages", () => pages);
  eleventyConfig.addTemplate(`${dir}/static-pages.njk`, "", {
    layout,
    pagination: { data: "collections.pages", size: 1, alias: "staticPage" },
    permalink: (data: { staticPage: StaticPage }) => data.staticPage.url,
    eleventyComputed: {
      title: (data: { staticPage: StaticPage }) => data.staticPage.title,
      description: (data: { staticPage: StaticPage }) => data.staticPage.description,
    },
    eleventyImport: { collections: ["pages"] },
    eleventyExcludeFromCollections: true,
  });
}
