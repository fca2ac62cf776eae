// Listing pages from groups of articles: tags, sources and datelines merged by slug, years and
// months in the site's zone, each split into pages. Lists stay newest first, as they arrive.
import type { Article, Tag } from "../content/load.ts";
import { slugify } from "../content/slug.ts";

/** A tag, source or dateline with its article count and listing URL. */
export interface GroupSummary extends Tag {
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

export interface YearSummary {
  year: number;
  count: number;
  url: string;
  /** Newest first. */
  months: MonthSummary[];
}

export { describeListing, pageWindow, paginate, MONTHS, PAGE_WINDOW_RADIUS, type ListingPage, type PageLink } from "./pagination.ts";
import { MONTHS, paginate, type ListingPage } from "./pagination.ts";


type Group = { articles: Article[]; spellings: Map<string, number> };

/** Groups articles under slug keys, remembering how often each spelling of a name was used. */
function groupBy(articles: readonly Article[], namesOf: (article: Article) => Tag[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const article of articles) {
    for (const { name, slug } of namesOf(article)) {
      let group = groups.get(slug);
      if (!group) groups.set(slug, (group = { articles: [], spellings: new Map() }));
      if (group.articles.at(-1) !== article) group.articles.push(article);
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
    }
  }
  return groups;
}

// "US-China" and "us-china" are one name, shown in the spelling editors use most (on a tie, the
// one with more capitals: "US-China" is deliberate, "us-china" usually is not)
function preferredSpelling(spellings: Map<string, number>): string {
  const capitals = (s: string) => s.replace(/\P{Lu}/gu, "").length;
  return [...spellings].sort((a, b) => b[1] - a[1] || capitals(b[0]) - capitals(a[0]))[0]![0];
}

type TagGroups = { articles: readonly Article[]; groups: Map<string, Group>; names: Map<string, string> };
let lastTags: TagGroups | undefined;

/**
 * `articles` grouped by tag, with each slug's preferred spelling. `npm run build` groups the published
 * articles for the search index's spellings, then again for the collections: the same articles,
 * their spellings merged meanwhile, so the same lists and names. The second takes the first's.
 */
function tagGroups(articles: readonly Article[]): TagGroups {
  if (lastTags && sameList(lastTags.articles, articles)) return lastTags;
  const groups = groupBy(articles, NAMES.tag);
  const names = new Map([...groups].map(([slug, group]) => [slug, preferredSpelling(group.spellings)]));
  // a copy: the caller's array may change
  return (lastTags = { articles: [...articles], groups, names });
}

/** The same articles, in the same order. */
export const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Each tag slug's preferred spelling among `articles` (the same map for the same articles). */
export function tagSpellings(articles: readonly Article[]): Map<string, string> {
  return tagGroups(articles).names;
}

const slugs = new Map<string, string>();
const cachedSlug = (name: string) => slugs.get(name) ?? slugs.set(name, slugify(name) || "unnamed").get(name)!;

/** The listing pages an article's source and dateline link to. */
export const sourceUrl = (article: Pick<Article, "source">) => `/sources/${cachedSlug(article.source.name)}/`;
export const datelineUrl = (article: Pick<Article, "dateline">) => (article.dateline ? `/datelines/${cachedSlug(article.dateline)}/` : "");

const NAMES = {
  tag: (a: Article) => a.tags,
  source: (a: Article) => [{ name: a.source.name, slug: cachedSlug(a.source.name) }],
  // a draft without a dateline (shown only in the dev server) is in no dateline's list
  dateline: (a: Article) => (a.dateline ? [{ name: a.dateline, slug: cachedSlug(a.dateline) }] : []),
};

/** Tag, source or dateline listings: A–Z summaries for the index page, and paginated lists. */
export function groupListings(articles: Article[], kind: keyof typeof NAMES, pageSize: number) {
  const summaries: GroupSummary[] = [];
  const pages: ListingPage[] = [];
  const tags = kind === "tag" ? tagGroups(articles) : undefined;
  for (const [slug, group] of tags?.groups ?? groupBy(articles, NAMES[kind])) {
    const name = tags?.names.get(slug) ?? preferredSpelling(group.spellings);
    const url = `/${kind}s/${slug}/`;
    const count = group.articles.length;
    summaries.push({ name, slug, count, url });
    const website = kind === "source" ? group.articles.find((a) => a.source.url)?.source.url : undefined;
    const about: ListingPage["group"] = kind === "tag" ? { kind, tag: { name, slug }, count } : { kind, name, slug, count, website };
    pages.push(...paginate(group.articles, url, name, pageSize, about));
  }
  summaries.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
  return { summaries, pages };
}

/** Year and month listings, keyed in the site's zone so an article sits in the month its URL names. */
export function archiveListings(articles: Article[], timezone: string, pageSize: number) {
  const monthOf = (a: Article) => {
    // the loader already gives dates in the site's zone: converting 10,000 of them again is not free
    const t = a.date.instant.zoneName === timezone ? a.date.instant : a.date.instant.setZone(timezone);
    return [{ name: "", slug: `${t.year}/${String(t.month).padStart(2, "0")}` }];
  };
  const byMonth = groupBy(articles, monthOf);
  const years: YearSummary[] = [];
  const yearLists: Article[][] = [];
  const months: MonthSummary[] = [];
  const monthPages: ListingPage[] = [];
  for (const [key, { articles: list }] of byMonth) {
    const [year, month] = key.split("/").map(Number) as [number, number];
    const summary = { year, month, label: `${MONTHS[month - 1]} ${year}`, count: list.length, url: `/archive/${key}/` };
    months.push(summary);
    monthPages.push(...paginate(list, summary.url, summary.label, pageSize, { kind: "month", year, month, count: list.length }));
    if (years.at(-1)?.year !== year) {
      years.push({ year, count: 0, url: `/archive/${year}/`, months: [] });
      yearLists.push([]);
    }
    years.at(-1)!.count += list.length;
    years.at(-1)!.months.push(summary);
    for (const article of list) yearLists.at(-1)!.push(article); // months arrive newest first
  }
  const yearPages = years.flatMap(({ year, count, url }, i) => paginate(yearLists[i]!, url, String(year), pageSize, { kind: "year", year, count }));
  return { years, yearPages, months, monthPages };
}
