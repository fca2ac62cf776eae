// The sitemap within the protocol's limits (https://www.sitemaps.org/protocol.html#index): at most
// 50,000 URLs a file. A smaller site's /sitemap.xml is the list itself; a larger one's (a 100,000-
// article archive lists 150,000 pages) is an index of /sitemaps/1.xml, /sitemaps/2.xml… The
// articles come oldest first in files of their own, so a new story changes only the newest of them
// and `npm run build` reuses the rest (src/site/changes.ts: their text is their signature).
import { dateStamp, machineDateOnce, type ArticleDate } from "../content/dates.ts";
import { escapeHtml } from "../content/markdown.ts";

/** One <url>: its last change is written as text (`urlElements`) only in a file being written. */
export interface SitemapUrl {
  loc: string;
  /** None for a static page: it has no date, and a file's time says nothing about its text. */
  lastmod?: ArticleDate;
}

export interface SitemapFile {
  /** Site-relative: /sitemap.xml, /sitemaps/1.xml… */
  url: string;
  /** A list's URLs (none in an index). */
  urls: SitemapUrl[];
  /** An index's files, site-relative (none in a list). */
  files: string[];
}

/** The protocol's limit of URLs in one file. */
export const PROTOCOL_LIMIT = 50_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** `articles` newest first (as listed on the site), then `others` (listings, indexes, static pages): one list, or an index of lists of up to `size`. */
export function sitemapFiles(articles: readonly SitemapUrl[], others: readonly SitemapUrl[], size = PROTOCOL_LIMIT): SitemapFile[] {
  if (articles.length + others.length <= size) return [{ url: "/sitemap.xml", urls: [...articles, ...others], files: [] }];
  const lists = [...chunks(articles.toReversed(), size), ...chunks(others, size)].map((urls, i) => ({ url: `/sitemaps/${i + 1}.xml`, urls, files: [] }));
  return [{ url: "/sitemap.xml", urls: [], files: lists.map((list) => list.url) }, ...lists];
}

/** Everything a file says, with dates as numbers: its signature in an incremental build. */
export function sitemapText(file: SitemapFile): string {
  let text = file.files.join(" ");
  for (const { loc, lastmod } of file.urls) text += `\n${loc} ${dateStamp(lastmod)}`;
  return text;
}

/** A list's <url> elements, each on a line of its own: written here, not in a template loop (50,000 a file, 0.1 s in Nunjucks). */
export function urlElements(urls: readonly SitemapUrl[], zone: string): string {
  let xml = "";
  for (const { loc, lastmod } of urls) xml += `\n  <url><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${machineDateOnce(lastmod, zone)}</lastmod>` : ""}</url>`;
  return xml;
}
