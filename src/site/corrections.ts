// /corrections/ (and /corrections/page/2/…): every correction across the site, newest first, each
// linking to the story it corrects, with the corrections policy (a static page) named when there is one.
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import type { StaticPage } from "../content/pages.ts";
import { changedPages } from "./changes.ts";
import { describeListing } from "./listing-pages.ts";
import type { ListingPage } from "./listings.ts";
import type { CorrectionItem } from "./correction-listings.ts";

export interface Options {
  layout: string;
  /** The slug of the static page (pages/) that says how the newsroom corrects; linked when it exists. */
  policySlug: string;
}

export const defaults: Options = { layout: "layouts/corrections.njk", policySlug: "corrections-policy" };

type Data = { listing: ListingPage<CorrectionItem>; collections: { pages?: StaticPage[] } };

export function correctionsPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const { layout, policySlug }: Options = { ...defaults, ...userOptions };
  eleventyConfig.addTemplate("pages/corrections.njk", "", {
    layout,
    // the dev server renders only the pages an edit changed (src/site/changes.ts)
    pagination: { data: "collections.correctionPages", size: 1, alias: "listing", before: (pages: ListingPage<CorrectionItem>[]) => changedPages.correctionPages(pages) },
    permalink: (data: Data) => data.listing.url,
    eleventyComputed: {
      title: (data: Data) => data.listing.title,
      description: (data: Data) => describeListing(data.listing),
      policy: (data: Data) => data.collections.pages?.find((page) => page.slug === policySlug),
    },
    eleventyImport: { collections: ["correctionPages", "pages"] },
    eleventyExcludeFromCollections: true,
  });
}
