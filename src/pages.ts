// The site's listing pages, declared here as virtual templates so the project root holds only
// content and layouts. https://www.11ty.dev/docs/virtual-templates/
import type { EleventyConfig } from "./eleventy-config.ts";

export interface Options {
  /** Where each listing lives; the layouts under _includes/layouts render them. */
  layouts: { listing: string; tagIndex: string; archiveIndex: string; notFound: string };
}

export const defaults: Options = {
  layouts: {
    listing: "layouts/listing.njk",
    tagIndex: "layouts/tag-index.njk",
    archiveIndex: "layouts/archive-index.njk",
    notFound: "layouts/not-found.njk",
  },
};

/** A paginated listing: one output page per ListingPage of a collection. */
function listing(collection: string, layout: string) {
  return {
    layout,
    pagination: { data: `collections.${collection}`, size: 1, alias: "listing" },
    permalink: "{{ listing.url }}",
    // incremental dev builds re-render this page when the collection changes
    eleventyImport: { collections: [collection] },
    eleventyExcludeFromCollections: true,
  };
}

export function pagesPlugin(eleventyConfig: EleventyConfig, options: Partial<Options> = {}) {
  const { layouts } = { ...defaults, ...options };
  eleventyConfig.addTemplate("pages/home.njk", "", listing("homePages", layouts.listing));
  eleventyConfig.addTemplate("pages/tag.njk", "", listing("tagPages", layouts.listing));
  eleventyConfig.addTemplate("pages/month.njk", "", listing("monthPages", layouts.listing));
  const single = (permalink: string, layout: string, title: string, imports: string[]) => ({
    layout, permalink, title, eleventyImport: { collections: imports }, eleventyExcludeFromCollections: true,
  });
  eleventyConfig.addTemplate("pages/tags.njk", "", single("/tags/", layouts.tagIndex, "Tags", ["tags"]));
  eleventyConfig.addTemplate("pages/archive.njk", "", single("/archive/", layouts.archiveIndex, "Archive", ["months"]));
  eleventyConfig.addTemplate("pages/404.njk", "", single("/404.html", layouts.notFound, "Page not found", []));
}
