// Listing pages from groups of articles: tags, sources and datelines merged by slug, years and
// months in the site's zone, each split into pages. Lists stay newest first, as they arrive.
import type { Article, Tag } from "../content/load.ts";
import { slugify } from "../content/slug.ts";
import type { Author } from "../content/authors.ts";
import type { Section } from "../content/sections.ts";
import type { FrontPage } from "./front-page.ts";

/** One listing page: what a paginated template needs, URLs site-relative without the prefix. Items are articles but on /corrections/. */
export interface ListingPage<T = Article> {
  url: string;
  title: string;
  pageNumber: number;
  totalPages: number;
  previousUrl: string | undefined;
  nextUrl: string | undefined;
  pageUrls: string[];
  items: T[];
  /** What this listing belongs to; absent on the home pages. */
  group?:
    | { kind: "tag"; tag: Tag; count: number }
    | { kind: "section"; section: Section; count: number }
    | { kind: "source" | "dateline"; name: string; slug: string; count: number; website?: string }
    | { kind: "year"; year: number; count: number }
    | { kind: "month"; year: number; month: number; count: number }
    | { kind: "author"; author: Author; count: number }
    | { kind: "corrections"; count: number };
  /** The front page (the home listing's first page): lead, top stories, desk blocks (src/site/front-page.ts). */
  front?: FrontPage;
}

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

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** One link of a pagination bar: a numbered page or the first (newest) one; `gap` stands for skipped pages. */
export type PageLink = { number: number; url: string; current: boolean; latest: boolean } | { gap: true };

/**
 * The newest page, the pages near this one and page 1 (the oldest), newest first, with gaps:
 * Latest … 249 248 [247] 246 245 … 1. The first page is "Latest", not its number, so a bar far
 * from it stays the same as stories are published (`paginate`).
 */
export function pageWindow(listing: Pick<ListingPage, "pageNumber" | "totalPages" | "pageUrls">, radius = 2): PageLink[] {
  const { pageNumber, totalPages, pageUrls } = listing;
  const shown = new Set([1, totalPages]);
  for (let n = Math.max(1, pageNumber - radius); n <= Math.min(totalPages, pageNumber + radius); n++) shown.add(n);
  const link = (number: number): PageLink => ({ number, url: pageUrls[number - 1]!, current: number === pageNumber, latest: number === totalPages });
  const links: PageLink[] = [];
  let previous = totalPages + 1;
  for (const number of [...shown].sort((a, b) => b - a)) {
    // a gap of exactly one page shows that page: "3 2 1", never "3 … 1"
    if (previous - number === 2) links.push(link(previous - 1));
    else if (previous - number > 2) links.push({ gap: true });
    links.push(link(number));
    previous = number;
  }
  return links;
}

/** The meta description of a listing page; the home page keeps the site's own. Counts only on a list's first page, the one they change. */
export function describeListing(listing: Pick<ListingPage, "group" | "previousUrl">): string | undefined {
  const group = listing.group;
  if (!group) return undefined;
  const first = listing.previousUrl === undefined;
  const stories = first ? `${group.count} ${group.count === 1 ? "story" : "stories"}` : "Stories";
  switch (group.kind) {
    case "tag": return `${stories} tagged “${group.tag.name}”, newest first.`;
    case "section": return `${group.section.description ?? `The ${group.section.name} desk.`}${first ? ` ${group.count ? `${stories}, newest first.` : "No stories yet."}` : ""}`;
    case "source": return `${stories} from ${group.name}, newest first.`;
    case "dateline": return `${stories} datelined ${group.name}, newest first.`;
    case "year": return `${stories} published in ${group.year}, newest first.`;
    case "month": return `${stories} published in ${MONTHS[group.month - 1]} ${group.year}, newest first.`;
    case "author": return `${stories} by ${group.author.name}, newest first.`;
    case "corrections": return first ? `${group.count} ${group.count === 1 ? "correction" : "corrections"} to our stories, newest first.` : "Corrections to our stories, newest first.";
  }
}

/**
 * Splits a newest-first list into pages that keep their stories as new ones arrive, so publishing a
 * story re-renders a list's first page, not all of them. Pages are numbered from the oldest: page k
 * (base/page/k/) holds the list's stories (k−1)·size+1 to k·size counted from the oldest, and the
 * first page (base/) every story newer than those, `size` to 2·size−1 of them. In reading order:
 * base/, then the numbered pages from the highest down to 1.
 */
export function paginate<T = Article>(items: T[], base: string, title: string, pageSize: number, group?: ListingPage["group"]): ListingPage<T>[] {
  const numbered = Math.max(0, Math.floor(items.length / pageSize) - 1);
  const totalPages = numbered + 1;
  // by page number: the first page is the highest number
  const pageUrls = Array.from({ length: totalPages }, (_, i) => (i === numbered ? base : `${base}page/${i + 1}/`));
  const firstCount = items.length - numbered * pageSize;
  return Array.from({ length: totalPages }, (_, i) => {
    const number = totalPages - i;
    const start = i === 0 ? 0 : firstCount + (i - 1) * pageSize;
    return {
      url: pageUrls[number - 1]!,
      title: i === 0 ? title : `${title}, page ${number}`,
      pageNumber: number,
      totalPages,
      previousUrl: pageUrls[number],
      nextUrl: pageUrls[number - 2],
      pageUrls,
      items: items.slice(start, i === 0 ? firstCount : start + pageSize),
      group,
    };
  });
}

type Group = { articles: Article[]; spellings: Map<string, number> };

/** Groups articles under slug keys, remembering how often each spelling of a name was used. */
function groupBy(articles: Article[], namesOf: (article: Article) => Tag[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const article of articles) {
    for (const { name, slug } of namesOf(article)) {
      const group: Group = groups.get(slug) ?? { articles: [], spellings: new Map() };
      if (group.articles.at(-1) !== article) group.articles.push(article);
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
      groups.set(slug, group);
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

/** Each tag slug's preferred spelling among `articles`. */
export function tagSpellings(articles: Article[]): Map<string, string> {
  return new Map([...groupBy(articles, NAMES.tag)].map(([slug, group]) => [slug, preferredSpelling(group.spellings)]));
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
  for (const [slug, group] of groupBy(articles, NAMES[kind])) {
    const name = preferredSpelling(group.spellings);
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
