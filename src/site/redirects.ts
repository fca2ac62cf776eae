// Old addresses (`aliases:` of an article or static page): each gets a small page at that path
// (layouts/redirect.njk) that sends readers and search engines on to the current URL. They are in
// no collection the sitemaps, feeds or search read. Collisions are load-time problems (content/aliases.ts).
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { aliasPath } from "../content/aliases.ts";
import type { ArticlesLoaded } from "./articles.ts";

export interface Redirect {
  /** Where the redirect page is written: the alias decoded, as static hosts look it up. */
  url: string;
  /** The current page's site-relative URL. */
  to: string;
  title: string;
  file: string;
}

export interface Options {
  layout: string;
}

export const defaults: Options = { layout: "layouts/redirect.njk" };

/** One redirect per distinct old address of the built articles and pages. */
export function redirectsOf(owners: { file: string; url: string; title: string; aliases: string[] }[]): Redirect[] {
  const redirects = new Map<string, Redirect>();
  for (const { file, url: to, title, aliases } of owners) {
    for (const alias of aliases) {
      const url = aliasPath(alias);
      if (!redirects.has(url)) redirects.set(url, { url, to, title, file });
    }
  }
  return [...redirects.values()];
}

export function redirectsPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const { layout }: Options = { ...defaults, ...userOptions };
  let redirects: Redirect[] = [];
  eleventyConfig.on("articles.loaded", ({ articles, pages }: ArticlesLoaded) => void (redirects = redirectsOf([...articles, ...pages])));
  eleventyConfig.addCollection("redirects", () => redirects);
  eleventyConfig.addTemplate("redirects/redirects.njk", "", {
    layout,
    pagination: { data: "collections.redirects", size: 1, alias: "redirect" },
    permalink: (data: { redirect: Redirect }) => data.redirect.url,
    eleventyComputed: {
      title: (data: { redirect: Redirect }) => `Moved: ${data.redirect.title}`,
      description: (data: { redirect: Redirect }) => `“${data.redirect.title}” has moved to a new address.`,
    },
    eleventyImport: { collections: ["redirects"] },
    eleventyExcludeFromCollections: true,
  });
}
