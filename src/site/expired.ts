// Expired agency copy (`expires:`, src/content/expiry.ts): out of every page, list, feed, sitemap and
// search index of a production build, but its address (and its old ones) keeps a small page saying
// the story is no longer available, `noindex`: a static host cannot send 410 Gone, and a bare 404
// would look like a broken link. The dev server shows the story itself, with an "Expired" banner.
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { aliasPath } from "../content/aliases.ts";
import type { Article } from "../content/load.ts";
import type { ArticlesLoaded } from "./articles.ts";

export interface Options {
  layout: string;
  title: string;
}

export const defaults: Options = { layout: "layouts/expired.njk", title: "Story no longer available" };

/** A "no longer available" page: where it goes, and the story it stands in for. */
export interface GonePage {
  url: string;
  article: Pick<Article, "date" | "expires" | "source" | "file">;
}

/** One page at each expired story's address and at each of its old ones. */
export function gonePages(expired: readonly Article[]): GonePage[] {
  return expired.flatMap(({ url, aliases, date, expires, source, file }) => {
    const article = { date, expires, source, file }; // not its headline or text: the licence covered those
    return [url, ...aliases.map(aliasPath)].map((at) => ({ url: at, article }));
  });
}

export function expiredPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const { layout, title }: Options = { ...defaults, ...userOptions };
  let pages: GonePage[] = [];
  eleventyConfig.on("articles.loaded", ({ expired }: ArticlesLoaded) => void (pages = gonePages(expired)));
  // not named "…Pages": the sitemap lists every collection so named (src/syndication/sitemaps.ts)
  eleventyConfig.addCollection("expiredStories", () => pages);
  eleventyConfig.addTemplate("expired/expired.njk", "", {
    layout, title, noindex: true,
    description: "This story is no longer available on this site.",
    pagination: { data: "collections.expiredStories", size: 1, alias: "gone" },
    permalink: (data: { gone: GonePage }) => data.gone.url,
    eleventyImport: { collections: ["expiredStories"] },
    eleventyExcludeFromCollections: true,
  });
}
