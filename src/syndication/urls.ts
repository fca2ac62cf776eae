// Absolute URLs for everything read outside the page (feeds, sitemaps, canonical, Open Graph,
// JSON-LD). HTML links stay root-relative and get the prefix from Eleventy's HTML base plugin.
import type { Site } from "../../_data/site.ts";

/**
 * The public address of the site's root, no trailing slash. SITE_URL may be the bare origin or
 * the full address: `https://user.github.io` + PATH_PREFIX `/repo/` and `https://user.github.io/repo`
 * + `/repo/` both give `https://user.github.io/repo`; the prefix is never doubled.
 */
export function publicBase(siteUrl: string, pathPrefix: string): string {
  const url = new URL(siteUrl);
  const path = url.pathname.replace(/\/+$/, "");
  const prefix = pathPrefix.replace(/\/+$/, "");
  url.pathname = prefix && !path.endsWith(prefix) ? `${path}${prefix}` : path;
  return url.href.replace(/\/+$/, "");
}

export const siteBase = (site: Pick<Site, "url" | "pathPrefix">) => publicBase(site.url, site.pathPrefix);

const CLEAN_PATH = /^(?:\/[A-Za-z0-9_~-]+(?:\.[A-Za-z0-9]+)?)*\/?$/;

/**
 * A site-relative URL as the build knows it (`/2020/09/20/x/`, no prefix) made absolute. Relative
 * references (`images/a.jpg`, `#part`) resolve against `from`, the page they appear on; absolute
 * URLs and other schemes (mailto:) pass through.
 */
export function absoluteUrl(url: string, base: string, from = "/"): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) return url;
  // the site's own paths (/2020/09/20/slug/, /tags/x/feed.xml) need no resolving: a sitemap has 10,000s
  if (CLEAN_PATH.test(url)) return `${base}${url}`;
  // resolve the site-relative part on a throwaway origin, then graft it onto the public base
  const resolved = new URL(url, new URL(from, "http://site.invalid"));
  return `${base}${resolved.pathname}${resolved.search}${resolved.hash}`;
}

export interface Options {
  site: Pick<Site, "url" | "pathPrefix">;
}

/** `{{ page.url | absoluteUrl }}` in layouts; the base already carries the path prefix. */
export function urlsPlugin(eleventyConfig: { addFilter(name: string, fn: (url: string, from?: string) => string): void }, options: Options) {
  const base = siteBase(options.site);
  eleventyConfig.addFilter("absoluteUrl", (url, from) => absoluteUrl(url, base, from));
}
