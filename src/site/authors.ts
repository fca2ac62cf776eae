// Author pages: /authors/<slug>/ for every profile of _data/authors.ts with a story in this build
// (its profile, then its stories, newest first, paginated: author-listings.ts), the /authors/ index,
// and bylines that link there. Bylines are matched to profiles by name (src/content/authors.ts); others stay text.
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { authorIndex, nameKey, type Author } from "../content/authors.ts";
import type { ArticlesLoaded } from "./articles.ts";
import { listing } from "./listing-pages.ts";

export interface Options {
  layouts: { listing: string; index: string };
  index: { title: string; intro: string };
}

export const defaults: Options = {
  layouts: { listing: "layouts/listing.njk", index: "layouts/group-index.njk" },
  index: { title: "Authors", intro: "Our reporters, and every story each of them wrote." },
};

/** A byline, name by name: a profile's page URL where there is one. */
export type BylineName = { name: string; url: string | undefined };

export function byline(names: readonly string[], profiles: ReadonlyMap<string, Author>): BylineName[] {
  return names.map((name) => ({ name, url: profiles.get(nameKey(name))?.url }));
}

export function authorsPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const { layouts, index }: Options = { ...defaults, ...userOptions };
  let profiles = new Map<string, Author>();
  // a byline links only to a page this build has: a profile whose stories are all unpublished has none
  eleventyConfig.on("articles.loaded", ({ authors, articles }: ArticlesLoaded) => {
    const listed = new Set(articles.flatMap((a) => a.author.map(nameKey)));
    profiles = new Map([...authorIndex(authors)].filter(([key]) => listed.has(key)));
  });
  eleventyConfig.addFilter("bylineNames", (names: string[]) => byline(names, profiles));
  eleventyConfig.addTemplate("pages/author.njk", "", listing("authorPages", layouts.listing));
  eleventyConfig.addTemplate("pages/authors.njk", "", {
    layout: layouts.index, permalink: "/authors/", title: index.title, groups: "authors", intro: index.intro, description: index.intro,
    eleventyImport: { collections: ["authors"] }, eleventyExcludeFromCollections: true,
  });
}
