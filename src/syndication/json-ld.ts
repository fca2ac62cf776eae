// schema.org JSON-LD for article and listing pages: plain data, which `scriptJson` (src/syndication/seo.ts)
// writes into a <script> in <head>. https://schema.org/NewsArticle
import type { Site } from "../../_data/site.ts";
import type { Article } from "../content/load.ts";
import type { ListingPage } from "../site/collections.ts";
import { isoInstant } from "../content/dates.ts";
import { lastChange } from "../content/corrections.ts";
import { nameKey, type Author } from "../content/authors.ts";
import { absoluteUrl } from "./urls.ts";

/** What the head metadata shows of the site. `logo` (an absolute URL or a site path) is optional: the publisher gets one when it is set. */
export type MetadataSite = Pick<Site, "url" | "pathPrefix" | "title" | "description" | "locale" | "publisher" | "timezone"> & { logo?: string };
export type Settings = MetadataSite & { base: string };

export interface ShareImage {
  url: string;
  /** Unknown for a remote picture the build could not fetch (its address is used as it is). */
  width?: number;
  height?: number;
  alt: string;
}

/** Google shows at most 110 characters of a headline: cut at a word, mark the cut. */
export function headline(title: string, max = 110): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : cut.length).trimEnd()}…`;
}

function publisher(settings: Settings) {
  const logo = settings.logo && { "@type": "ImageObject", url: absoluteUrl(settings.logo, settings.base) };
  return { "@type": "Organization", name: settings.publisher, url: `${settings.base}/`, ...(logo ? { logo } : {}) };
}

/** schema.org's type for each kind of story (https://schema.org/NewsArticle lists the subtypes). */
export const ARTICLE_TYPES = { news: "NewsArticle", analysis: "AnalysisNewsArticle", opinion: "OpinionNewsArticle" } as const;

/** A byline as schema.org's Person: with a profile, its page and the reporter's links elsewhere. */
export function person(name: string, settings: Settings, profile?: Author) {
  if (!profile) return { "@type": "Person", name };
  return { "@type": "Person", name, url: absoluteUrl(profile.url, settings.base), ...(profile.links.length ? { sameAs: profile.links.map((l) => l.url) } : {}) };
}

export function newsArticle(article: Article, settings: Settings, image?: ShareImage, profiles: ReadonlyMap<string, Author> = new Map()) {
  const url = absoluteUrl(article.url, settings.base);
  return {
    "@context": "https://schema.org",
    "@type": ARTICLE_TYPES[article.kind],
    headline: headline(article.title),
    description: article.description,
    url,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    datePublished: isoInstant(article.date, settings.timezone),
    dateModified: isoInstant(lastChange(article), settings.timezone),
    // wire copy without a byline is credited to the agency that filed it
    author: article.author.length
      ? article.author.map((name) => person(name, settings, profiles.get(nameKey(name))))
      : [{ "@type": "Organization", name: article.source.name, ...(article.source.url ? { url: article.source.url } : {}) }],
    publisher: publisher(settings),
    ...(image ? { image: [image.url] } : {}),
    // a draft may have no dateline yet (drafts are built only by the dev server)
    ...(article.place ? {
      dateline: article.dateline,
      locationCreated: { "@type": "Place", name: article.dateline, address: { "@type": "PostalAddress", addressLocality: article.place.city, addressCountry: article.place.country } },
    } : {}),
    keywords: article.tags.map((t) => t.name),
    articleSection: article.section.name,
    isAccessibleForFree: true,
    // https://schema.org/correction: each public correction, newest first
    ...(article.corrections.length ? {
      correction: article.corrections.map((c) => ({ "@type": "CorrectionComment", text: c.text, datePublished: isoInstant(c.date, settings.timezone), url: `${url}#correction-${c.number}` })),
    } : {}),
  };
}

/** Home › desk › headline, as the article page's breadcrumbs show it. */
export function breadcrumbList(article: Article, settings: Settings) {
  const trail = [[settings.title, "/"], [article.section.name, article.section.url], [headline(article.title), article.url]];
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map(([name, url], i) => ({ "@type": "ListItem", position: i + 1, name, item: absoluteUrl(url!, settings.base) })),
  };
}

/** The home page is the WebSite; an author's page a ProfilePage; every other listing is a CollectionPage of its articles (or corrections). */
export function listingData(listing: ListingPage<{ url: string }>, settings: Settings) {
  const website = { "@type": "WebSite", name: settings.title, url: `${settings.base}/`, description: settings.description, publisher: publisher(settings) };
  const url = absoluteUrl(listing.url, settings.base);
  if (listing.url === "/") return { "@context": "https://schema.org", ...website };
  if (listing.group?.kind === "author") {
    const { author } = listing.group;
    const about = { ...person(author.name, settings, author), description: author.bio };
    return { "@context": "https://schema.org", "@type": "ProfilePage", name: listing.title, url, isPartOf: website, mainEntity: about };
  }
  return {
    "@context": "https://schema.org", "@type": "CollectionPage", name: listing.title, url, isPartOf: website,
    mainEntity: { "@type": "ItemList", itemListElement: listing.items.map((a, i) => ({ "@type": "ListItem", position: i + 1, url: absoluteUrl(a.url, settings.base) })) },
  };
}
