// Site constants. Layouts and modules read these; nothing repeats them as literals.
// SITE_URL and PATH_PREFIX come from the environment so one checkout can deploy anywhere.
const pathPrefix = normalisePrefix(process.env.PATH_PREFIX ?? "/");

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
  searchPartSize: Number(process.env.SEARCH_PART_SIZE) || 10_000,
};

export type Site = typeof site;
export default site;
