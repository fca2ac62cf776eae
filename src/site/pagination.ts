// Listing pages split so they keep their stories as new ones are published, the pagination bar,
// and the description a listing page gives of itself.
import type { Article, Tag } from "../content/load.ts";
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

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** How many pages either side of the current one the bar links to. */
export const PAGE_WINDOW_RADIUS = 2;

/** One link of a pagination bar: a numbered page or the first (newest) one; `gap` stands for skipped pages. */
export type PageLink = { number: number; url: string; current: boolean; latest: boolean } | { gap: true };

/**
 * The newest page, the pages near this one and page 1 (the oldest), newest first, with gaps:
 * Latest … 249 248 [247] 246 245 … 1. The first page is "Latest", not its number, so a bar far
 * from it stays the same as stories are published (`paginate`).
 */
export function pageWindow(listing: Pick<ListingPage, "pageNumber" | "totalPages" | "pageUrls">, radius = PAGE_WINDOW_RADIUS): PageLink[] {
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

