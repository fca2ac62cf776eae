// Listing data in one pass over the newest-first articles: home pages, tag pages, archive months.
// Eleventy's own `tags` collections are not used: each would re-sort the whole archive.
import type { Article, Tag } from "./load.ts";

/** One listing page: what a paginated template needs, URLs site-relative without the prefix. */
export interface ListingPage {
  url: string;
  title: string;
  pageNumber: number;
  totalPages: number;
  previousUrl: string | undefined;
  nextUrl: string | undefined;
  pageUrls: string[];
  items: Article[];
  /** The tag or month this listing belongs to; absent on the home pages. */
  group?: { kind: "tag"; tag: Tag; count: number } | { kind: "month"; year: number; month: number; count: number };
}

export interface TagSummary extends Tag {
  count: number;
  url: string;
}

export interface MonthSummary {
  year: number;
  month: number;
  label: string;
  count: number;
  url: string;
}

export interface Collections {
  articles: Article[];
  homePages: ListingPage[];
  tags: TagSummary[];
  tagPages: ListingPage[];
  months: MonthSummary[];
  monthPages: ListingPage[];
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Splits a newest-first list into pages: base/, base/page/2/, … */
export function paginate(items: Article[], base: string, title: string, pageSize: number, group?: ListingPage["group"]): ListingPage[] {
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  const pageUrls = Array.from({ length: totalPages }, (_, i) => (i === 0 ? base : `${base}page/${i + 1}/`));
  return pageUrls.map((url, i) => ({
    url,
    title: i === 0 ? title : `${title}, page ${i + 1}`,
    pageNumber: i + 1,
    totalPages,
    previousUrl: pageUrls[i - 1],
    nextUrl: pageUrls[i + 1],
    pageUrls,
    items: items.slice(i * pageSize, (i + 1) * pageSize),
    group,
  }));
}

/** `articles` must already be newest first (loadArticles returns them so). */
export function buildCollections(articles: Article[], timezone: string, pageSize: number, homeTitle: string): Collections {
  type TagEntry = { articles: Article[]; spellings: Map<string, number> };
  const byTag = new Map<string, TagEntry>();
  const byMonth = new Map<string, Article[]>();
  for (const article of articles) {
    for (const tag of article.tags) {
      const entry: TagEntry = byTag.get(tag.slug) ?? { articles: [], spellings: new Map() };
      entry.articles.push(article);
      entry.spellings.set(tag.name, (entry.spellings.get(tag.name) ?? 0) + 1);
      byTag.set(tag.slug, entry);
    }
    const month = article.date.instant.setZone(timezone).toFormat("yyyy/MM");
    const list = byMonth.get(month) ?? [];
    list.push(article);
    byMonth.set(month, list);
  }

  const tags: TagSummary[] = [];
  const tagPages: ListingPage[] = [];
  for (const [slug, entry] of byTag) {
    // "US-China" and "us-china" are one tag, shown in the spelling editors use most (on a tie,
    // the one with more capitals: "US-China" is deliberate, "us-china" usually is not)
    const capitals = (s: string) => s.replace(/\P{Lu}/gu, "").length;
    const name = [...entry.spellings].sort((a, b) => b[1] - a[1] || capitals(b[0]) - capitals(a[0]))[0]![0];
    const tag = { name, slug };
    const url = `/tags/${slug}/`;
    tags.push({ ...tag, count: entry.articles.length, url });
    tagPages.push(...paginate(entry.articles, url, name, pageSize, { kind: "tag", tag, count: entry.articles.length }));
  }
  tags.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));

  const months: MonthSummary[] = [];
  const monthPages: ListingPage[] = [];
  for (const [key, list] of byMonth) {
    const [year, month] = key.split("/").map(Number) as [number, number];
    const label = `${MONTHS[month - 1]} ${year}`;
    const url = `/archive/${key}/`;
    months.push({ year, month, label, count: list.length, url });
    monthPages.push(...paginate(list, url, label, pageSize, { kind: "month", year, month, count: list.length }));
  }

  // Articles carry their own tag spelling; listings show the merged one.
  const tagNames = new Map(tags.map((t) => [t.slug, t.name]));
  for (const article of articles) {
    article.tags = article.tags.map((t) => ({ slug: t.slug, name: tagNames.get(t.slug) ?? t.name }));
  }

  return { articles, homePages: paginate(articles, "/", homeTitle, pageSize), tags, tagPages, months, monthPages };
}
