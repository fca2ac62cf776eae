// The site's listing pages, declared here as virtual templates so the project root holds only
// content and layouts. https://www.11ty.dev/docs/virtual-templates/
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { datelineUrl, sourceUrl, type ListingPage } from "./collections.ts";
import { describeListing, pageWindow } from "./listings.ts";

export { describeListing, pageWindow, type PageLink } from "./listings.ts";
import { changedPages } from "./changes.ts";

export interface Options {
  /** Where each listing lives; the layouts under _includes/layouts render them. */
  layouts: { listing: string; groupIndex: string; archiveIndex: string; notFound: string };
}

export const defaults: Options = {
  layouts: {
    listing: "layouts/listing.njk",
    groupIndex: "layouts/group-index.njk",
    archiveIndex: "layouts/archive-index.njk",
    notFound: "layouts/not-found.njk",
  },
};

/** A paginated listing: one output page per ListingPage of a collection. */
export function listing(collection: string, layout: string) {
  return {
    layout,
    // the dev server renders only the pages an edit changed (src/site/changes.ts)
    pagination: { data: `collections.${collection}`, size: 1, alias: "listing", before: (pages: ListingPage[]) => changedPages.listingPages(pages) },
    permalink: (data: { listing: { url: string } }) => data.listing.url, // a function: no template compiled per page
    // https://www.11ty.dev/docs/data-computed/ — head metadata reads title and description
    eleventyComputed: {
      title: (data: { listing: ListingPage }) => data.listing.title,
      description: (data: { listing: ListingPage }) => describeListing(data.listing),
    },
    // the collection this page reads: https://www.11ty.dev/docs/collections-api/#declare-your-collections-for-incremental-builds
    eleventyImport: { collections: [collection] },
    eleventyExcludeFromCollections: true,
  };
}

export function pagesPlugin(eleventyConfig: EleventyConfig, options: Partial<Options> = {}) {
  const { layouts } = { ...defaults, ...options };
  eleventyConfig.addFilter("pageWindow", (page: ListingPage) => pageWindow(page));
  eleventyConfig.addFilter("sourceUrl", sourceUrl);
  eleventyConfig.addFilter("datelineUrl", datelineUrl);
  for (const name of ["home", "section", "tag", "source", "dateline", "year", "month"]) {
    eleventyConfig.addTemplate(`pages/${name}.njk`, "", listing(`${name}Pages`, layouts.listing));
  }
  const single = (permalink: string, layout: string, title: string, imports: string[], data: Record<string, unknown> = {}) => ({
    layout, permalink, title, eleventyImport: { collections: imports }, eleventyExcludeFromCollections: true, ...data,
  });
  const index = (name: string, title: string, intro: string) =>
    single(`/${name}/`, layouts.groupIndex, title, [name], { groups: name, intro, description: intro });
  eleventyConfig.addTemplate("pages/tags.njk", "", index("tags", "Tags", "Every topic we cover, with the number of stories on each."));
  eleventyConfig.addTemplate("pages/sources.njk", "", index("sources", "Sources", "The agencies and outlets our stories come from."));
  eleventyConfig.addTemplate("pages/datelines.njk", "", index("datelines", "Datelines", "Every place we have reported from."));
  eleventyConfig.addTemplate("pages/archive.njk", "", single("/archive/", layouts.archiveIndex, "Archive", ["years"], {
    description: "Every story we have published, by year and month.",
  }));
  eleventyConfig.addTemplate("pages/404.njk", "", single("/404.html", layouts.notFound, "Page not found", ["homePages"]));
}
