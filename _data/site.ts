// Site constants. Layouts and modules read these; nothing repeats them as literals.
// SITE_URL and PATH_PREFIX come from the environment so one checkout can deploy anywhere.
const pathPrefix = normalisePrefix(process.env.PATH_PREFIX ?? "/");

/** A whole number above zero from the environment, or `fallback` when the variable is unset. */
function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  if (!/^[1-9]\d*$/.test(text)) throw new Error(`${name}=${text}: expected a whole number above 0`);
  return Number(text);
}

function normalisePrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

const site = {
  title: "The Wire Desk",
  description: "World news from the agencies, checked and published by a small desk.",
  language: "en",
  locale: "en_US",
  timezone: "America/New_York",
  /** Absolute origin plus path prefix, no trailing slash: feeds and canonical URLs start here. */
  url: (process.env.SITE_URL || `https://newsroom.example${pathPrefix}`).replace(/\/+$/, ""),
  pathPrefix,
  pageSize: 20,
  feedSize: 20,
  publisher: "The Wire Desk",
  /** Articles per search index: Pagefind holds a whole index in memory while writing it (about
   * 2.5 GB for 10,000 articles), so a larger archive is indexed in parts, merged in the browser. */
  searchPartSize: positiveInteger("SEARCH_PART_SIZE", 10_000),
  /** URLs in one sitemap file: the protocol's limit (https://www.sitemaps.org/protocol.html#index); a larger site's sitemap.xml indexes several. */
  sitemapSize: positiveInteger("SITEMAP_SIZE", 50_000),
};

export type Site = typeof site;
export default site;
