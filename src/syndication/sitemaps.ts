// sitemap.xml (every published page and static page; past 50,000 an index of files of them:
// sitemap-files.ts), news-sitemap.xml (Google News: the last 48 hours) and a robots.txt that points
// at both. Only published articles count, even in the dev server.
import type { DateTime } from "luxon";
import type { Site } from "../../_data/site.ts";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { buildNow } from "../content/clock.ts";
import type { Article } from "../content/load.ts";
import type { StaticPage } from "../content/pages.ts";
import type { ListingPage } from "../site/collections.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { changedPages } from "../site/changes.ts";
import { isoInstant } from "../content/dates.ts";
import { lastChange as articleChange } from "../content/corrections.ts";
import type { CorrectionItem } from "../site/correction-listings.ts";
import { absoluteUrl, siteBase } from "./urls.ts";
import { sitemapFiles, sitemapText, urlElements, type SitemapFile, type SitemapUrl } from "./sitemap-files.ts";

export interface Options {
  site: Pick<Site, "url" | "pathPrefix" | "timezone" | "publisher" | "language" | "sitemapSize">;
  now: () => DateTime;
  /** Google News takes articles from the last two days, at most 1,000 per sitemap. */
  newsWindowHours: number;
  newsLimit: number;
  /** Index pages listed with the newest change of all (the listing pages are found by name). */
  indexes: string[];
  layouts: { sitemap: string; news: string; robots: string };
}

export const defaults: Omit<Options, "site"> = {
  now: () => buildNow(),
  newsWindowHours: 48,
  newsLimit: 1000,
  indexes: ["/tags/", "/sources/", "/datelines/", "/archive/", "/authors/"],
  layouts: { sitemap: "layouts/sitemap.njk", news: "layouts/news-sitemap.njk", robots: "layouts/robots.njk" },
};

export interface NewsUrl {
  loc: string;
  title: string;
  publicationDate: string;
}

const published = (articles: Article[]) => articles.filter((a) => a.status === "published");
/** What a listing page shows: articles, or (on /corrections/) corrections of them, each changed when it was made. */
type Listed = Article | CorrectionItem;
const lastChange = (item: Listed) => ("article" in item ? item.date : articleChange(item));
const statusOf = (item: Listed) => ("article" in item ? item.article.status : item.status);
// an article's last change as a number, worked out once per article object (the loader reuses
// unchanged ones between dev-server builds)
const changes = new WeakMap<Listed, number>();
function publishedChange(a: Listed): number {
  let ms = changes.get(a);
  if (ms === undefined) changes.set(a, (ms = statusOf(a) === "published" ? lastChange(a).instant.toMillis() : -Infinity));
  return ms;
}

/** Every paginated collection (homePages, tagPages, …): its name ends in "Pages". */
export const listingCollections = (collections: Record<string, unknown>) =>
  Object.keys(collections).filter((name) => name.endsWith("Pages")).sort();

/** Articles; then listing pages with a published article on them (lastmod: their newest change), indexes and static pages. */
export function sitemapUrls(collections: Record<string, unknown> & { articles: Article[]; pages?: StaticPage[] }, options: { base: string; indexes: string[] }): { articles: SitemapUrl[]; others: SitemapUrl[] } {
  // plain loops: this runs over every listing page (15,000 at 10,000 articles) on every build
  const lastmod = (list: Listed[]) => {
    let newest: Listed | undefined;
    let newestMs = -Infinity;
    for (const a of list) {
      const ms = publishedChange(a);
      if (ms > newestMs) [newest, newestMs] = [a, ms];
    }
    return newest && lastChange(newest);
  };
  const articles: SitemapUrl[] = published(collections.articles).map((a) => ({ loc: absoluteUrl(a.url, options.base), lastmod: lastChange(a) }));
  const urls: SitemapUrl[] = [];
  for (const name of listingCollections(collections)) {
    for (const page of collections[name] as ListingPage<Listed>[]) {
      const modified = lastmod(page.items);
      if (modified) urls.push({ loc: absoluteUrl(page.url, options.base), lastmod: modified });
    }
  }
  const all = lastmod(collections.articles);
  if (all) for (const index of options.indexes) urls.push({ loc: absoluteUrl(index, options.base), lastmod: all });
  for (const page of collections.pages ?? []) urls.push({ loc: absoluteUrl(page.url, options.base) });
  return { articles, others: urls };
}

/** Published articles dated within the window before `now` (none from the future), newest first. */
export function newsUrls(articles: Article[], now: DateTime, options: { base: string; timezone: string } & Pick<Options, "newsWindowHours" | "newsLimit">): NewsUrl[] {
  // milliseconds, not DateTime comparisons: this looks at every article on every dev-server rebuild
  const [since, until] = [now.minus({ hours: options.newsWindowHours }).toMillis(), now.toMillis()];
  const inWindow = (ms: number) => ms > since && ms <= until;
  return published(articles)
    .filter((a) => inWindow(a.date.instant.toMillis()))
    .sort((a, b) => b.date.instant.toMillis() - a.date.instant.toMillis())
    .slice(0, options.newsLimit)
    .map((a) => ({ loc: absoluteUrl(a.url, options.base), title: a.title, publicationDate: isoInstant(a.date, options.timezone) }));
}

export function sitemapsPlugin(eleventyConfig: EleventyConfig, userOptions: Pick<Options, "site"> & Partial<Options>) {
  const { site, now, layouts, ...news }: Options = { ...defaults, ...userOptions };
  const options = { base: siteBase(site), timezone: site.timezone, ...news };
  // the dev server rebuilds after every save: the same listing pages (objects) and the same article
  // URLs and changes, in order, give the same sitemap
  let last: { articles: Article[]; lists: unknown[]; files: SitemapFile[] } | undefined;
  const same = (a: Article, b: Article) => a === b || (a.url === b.url && publishedChange(a) === publishedChange(b));
  eleventyConfig.addFilter("newsUrls", (articles: Article[]) => newsUrls(articles, now(), options));
  eleventyConfig.addFilter("urlElements", (urls: SitemapUrl[]) => urlElements(urls, site.timezone));

  // The dev server leaves the sitemaps alone after an edit that changed no article's dates or
  // headline (src/site/changes.ts): each file is a page of a pagination it can select.
  const documents = { news: { url: "/news-sitemap.xml" }, robots: { url: "/robots.txt" } };
  eleventyConfig.on("articles.loaded", ({ collections, pages, replaced }: ArticlesLoaded) => {
    const { articles } = collections;
    const listed: Record<string, unknown> & { articles: Article[]; pages: StaticPage[] } = { ...collections, pages };
    const lists = [...listingCollections(listed).map((name) => listed[name]), pages];
    if (!(last?.articles.length === articles.length && last.lists.every((list, i) => list === lists[i]) && last.articles.every((a, i) => same(a, articles[i]!)))) {
      const urls = sitemapUrls(listed, options);
      last = { articles: [...articles], lists, files: sitemapFiles(urls.articles, urls.others, site.sitemapSize) };
    }
    const dated = [...(replaced ?? [])].some(([before, after]) => publishedChange(before) !== publishedChange(after));
    const retitled = [...(replaced ?? [])].some(([before, after]) => before.title !== after.title);
    if (dated) for (const file of last.files) changedPages.touch(file);
    if (dated || retitled) changedPages.touch(documents.news);
  });
  eleventyConfig.addCollection("sitemapFiles", () => last?.files ?? []);
  const sitemaps = { index: absoluteUrl("/sitemap.xml", options.base), news: absoluteUrl(documents.news.url, options.base) };
  // a production build writes the files whose URLs or dates changed, and reuses the others
  eleventyConfig.addTemplate("sitemaps/sitemap.njk", "", {
    layout: layouts.sitemap, eleventyImport: { collections: ["sitemapFiles"] }, eleventyExcludeFromCollections: true,
    pagination: { data: "collections.sitemapFiles", size: 1, alias: "sitemapFile", before: (files: SitemapFile[]) => changedPages.signedPages(files, sitemapText) },
    permalink: (data: { sitemapFile: SitemapFile }) => data.sitemapFile.url,
  });
  const page = (name: keyof typeof documents, layout: string, imports: string[]) =>
    eleventyConfig.addTemplate(`sitemaps/${name}.njk`, "", {
      layout, eleventyImport: { collections: imports }, eleventyExcludeFromCollections: true,
      pagination: { data: "documents", size: 1, alias: "document", before: (pages: { url: string }[]) => changedPages.wholeSitePages(pages) },
      documents: [documents[name]],
      permalink: documents[name].url,
      sitemaps,
      publication: { name: site.publisher, language: site.language },
    });
  page("news", layouts.news, ["articles"]);
  page("robots", layouts.robots, []);
}
