// Addresses. Old ones (`aliases:` in an article's or page's front matter) each become a redirect page
// at that path, so an alias must be a path a static host can serve, and no two files or real pages
// may claim one: either would leave a reader's old link going somewhere unexpected. Nor may two
// articles have the same address.
import type { Problem } from "./problems.ts";

export const ALIAS_FORM = "a path from the site's root, e.g. /2019/03/04/old-slug/";

/**
 * Addresses the site's own pages, feeds and files use (src/site/, src/syndication/, src/search/):
 * no alias or static page may take one. A section covers everything under it.
 */
export const SITE_ADDRESSES = {
  sections: {
    "/tags/": "the tag pages", "/sources/": "the source pages", "/datelines/": "the dateline pages",
    "/archive/": "the archive", "/page/": "the front page's later pages", "/search/": "the search page",
    "/img/": "the site's pictures", "/assets/": "the site's styles and icons", "/pagefind/": "the search index",
    "/authors/": "the author pages", "/corrections/": "the corrections page",
  } as Record<string, string>,
  files: {
    "/": "the front page", "/404.html": "the not-found page", "/feed.xml": "the Atom feed", "/feed.json": "the JSON feed",
    "/rss.xml": "the RSS feed", "/sitemap.xml": "the sitemap", "/news-sitemap.xml": "the news sitemap", "/robots.txt": "robots.txt",
  } as Record<string, string>,
};

/** What is wrong with an alias as written, or undefined; the schema puts `is "…", ` before it. */
export function aliasProblem(alias: string): string | undefined {
  const expected = `(expected ${ALIAS_FORM})`;
  if (alias.startsWith("//") || /^[a-z][a-z0-9+.-]*:/i.test(alias)) return `an address on another site ${expected}`;
  if (!alias.startsWith("/")) return `not a path from the site's root ${expected}`;
  if (/[?#]/.test(alias)) return `with a query or fragment, which a static host cannot redirect ${expected}`;
  if (/[\s\\\u0000-\u001f\u007f]/.test(alias)) return `with a space, backslash or control character (expected it percent-encoded, e.g. %20)`;
  let decoded: string;
  try {
    decoded = decodeURIComponent(alias);
  } catch {
    return `with a broken percent-encoding (expected e.g. /2019/03/04/s%C3%A3o-paulo/)`;
  }
  const segments = decoded.slice(1).split("/");
  if (/%2f|%5c|%00/i.test(alias) || segments.slice(0, -1).some((s) => s === "" || s === "." || s === "..") || [".", ".."].includes(segments.at(-1)!)) {
    return `with an empty, "." or ".." part or an encoded / ${expected}`;
  }
  if (/\.[a-z0-9]+$/i.test(decoded) && !/\.html?$/i.test(decoded)) {
    return `a file the redirect page cannot stand in for (expected a folder path ending in /, or a .html page)`;
  }
  return undefined;
}

/** Where an alias's redirect page goes: decoded (static hosts look for the decoded name), a folder unless it is a .html page. */
export function aliasPath(alias: string): string {
  const decoded = decodeURIComponent(alias).replace(/(^|\/)index\.html?$/i, "$1");
  return decoded.endsWith("/") || /\.html?$/i.test(decoded) ? decoded : `${decoded}/`;
}

/** Which of the site's own pages a path belongs to ("the tag pages"), or undefined. */
export function siteAddress(path: string): string | undefined {
  if (SITE_ADDRESSES.files[path]) return SITE_ADDRESSES.files[path];
  const section = Object.keys(SITE_ADDRESSES.sections).find((prefix) => path.startsWith(prefix));
  return section && SITE_ADDRESSES.sections[section];
}

/** A file with an address of its own and the old addresses it keeps. */
export interface Addressed {
  file: string;
  url: string;
  aliases: string[];
}

const byFile = (a: Addressed, b: Addressed) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Every alias that is a real page's address, the site's own, or another file's alias: one problem naming both. */
export function aliasCollisions(owners: Addressed[]): Problem[] {
  if (!owners.some((owner) => owner.aliases.length)) return [];
  const urls = new Map<string, string>();
  for (const owner of owners) if (!urls.has(owner.url)) urls.set(owner.url, owner.file);
  const claimed = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { file, aliases } of [...owners].sort(byFile)) {
    for (const alias of aliases) {
      const path = aliasPath(alias);
      const fail = (message: string) => problems.push({ file, field: "aliases", message: `${alias} ${message}` });
      const site = siteAddress(path);
      const page = urls.get(path);
      const other = claimed.get(path);
      if (site) fail(`is an address of ${site} (expected an old address no page of this site uses)`);
      else if (page === file) fail("is this file's own address (expected an old address, not the current one)");
      else if (page) fail(`is the address of ${page} (expected an old address no page of this site uses)`);
      else if (other && other !== file) fail(`is also an alias of ${other} (expected each old address in one file's aliases)`);
      else claimed.set(path, file);
    }
  }
  return problems;
}

/** The problem of a file whose URL `owner` (another file) already has. */
export const urlTaken = ({ file, url }: { file: string; url: string }, owner: string): Problem => ({
  file,
  field: "slug",
  message: `gives URL ${url}, already used by ${owner} (expected a unique slug: set slug: to tell them apart)`,
});

/** Two articles whose date and slug give the same URL: each after the first (by file name) is a problem. */
export function urlCollisions(articles: readonly { file: string; url: string }[]): Problem[] {
  if (new Set(articles.map((a) => a.url)).size === articles.length) return [];
  const owners = new Map<string, string>();
  const problems: Problem[] = [];
  for (const article of [...articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const owner = owners.get(article.url);
    if (owner) problems.push(urlTaken(article, owner));
    else owners.set(article.url, article.file);
  }
  return problems;
}
