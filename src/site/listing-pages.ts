// The site's listing pages, declared here as virtual templates so the project root holds only
// content and layouts. https://www.11ty.dev/docs/virtual-templates/
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { datelineUrl, sourceUrl, type ListingPage } from "./collections.ts";
import { MONTHS } from "./listings.ts";
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

/** One numbered link of a pagination bar; `gap` stands for the skipped pages between two links. */
export type PageLink = { number: number; url: string; current: boolean } | { gap: true };

/**
 * The first, last and nearby pages, with gaps between: 1 … 4 5 [6] 7 8 … 500. A bar listing
 * every page would make each of 500 home pages carry 500 links.
 */
export function pageWindow(listing: Pick<ListingPage, "pageNumber" | "totalPages" | "pageUrls">, radius = 2): PageLink[] {
  const { pageNumber, totalPages, pageUrls } = listing;
  const shown = new Set([1, totalPages]);
  for (let n = Math.max(1, pageNumber - radius); n <= Math.min(totalPages, pageNumber + radius); n++) shown.add(n);
  const link = (number: number): PageLink => ({ number, url: pageUrls[number - 1]!, current: number === pageNumber });
  const links: PageLink[] = [];
  let previous = 0;
  for (const number of [...shown].sort((a, b) => a - b)) {
    // a gap of exactly one page shows that page: "1 2 3", never "1 … 3"
    if (number - previous === 2) links.push(link(previous + 1));
    else if (number - previous > 2) links.push({ gap: true });
    links.push(link(number));
    previous = number;
  }
  return links;
}

/** The meta description of a listing page; the home page keeps the site's own. */
export function describeListing(listing: Pick<ListingPage, "group">): string | undefined {
  const group = listing.group;
  if (!group) return undefined;
  const stories = `${group.count} ${group.count === 1 ? "story" : "stories"}`;
  switch (group.kind) {
    case "tag": return `${stories} tagged “${group.tag.name}”, newest first.`;
    case "section": return `${group.section.description ?? `The ${group.section.name} desk.`} ${group.count ? `${stories}, newest first.` : "No stories yet."}`;
    case "source": return `${stories} from ${group.name}, newest first.`;
    case "dateline": return `${stories} datelined ${group.name}, newest first.`;
    case "year": return `${stories} published in ${group.year}, newest first.`;
    case "month": return `${stories} published in ${MONTHS[group.month - 1]} ${group.year}, newest first.`;
    case "author": return `${stories} by ${group.author.name}, newest first.`;
    case "corrections": return `${group.count} ${group.count === 1 ? "correction" : "corrections"} to our stories, newest first.`;
  }
}

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
