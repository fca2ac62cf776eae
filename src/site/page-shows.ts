// What each kind of page shows of the articles, as src/site/changes.ts signs it: a page is rendered
// again when any of it changes. `ids` turns an article into the id of what its card shows, and of
// its version (its file); the recipes here say which articles and which other text each page shows.
import type { Article } from "../content/load.ts";
import { dateStamp } from "../content/dates.ts";
import type { ArticleLinks, ListingPage } from "./collections.ts";
import { frontArticles } from "./front-page.ts";
import { describeListing, PAGE_WINDOW_RADIUS } from "./listings.ts";

/** A number in the dev server (the same object, the same number); a digest of content in `npm run build` (src/site/signatures.ts). */
export type ShownId = number | string;

/** How a signature names articles and text (src/site/changes.ts keeps the ids). */
export interface ShownIds {
  /** What the article's card, related-story link or older/newer link shows; -1 for none. */
  show(article: Article | undefined): ShownId;
  /** The article's own version: its file, status and tags. */
  version(article: Article): ShownId;
  /** The same id for the same text. */
  text(text: string): ShownId;
}

/** What a card, a related-story link or an older/newer link can show of an article (every date is in the site's zone; Luxon's ISO text for them cost 0.4 s at 100,000 articles). */
export const shownFields = (a: Article) => JSON.stringify([a.url, a.title, a.status, a.description, dateStamp(a.date), dateStamp(a.updated), a.place, a.source, a.tags, a.image, a.author, a.section.slug, a.kind]);

/**
 * What a listing page shows besides its stories: title, description (a count on a first page), a
 * source's website, and its pagination bar, which names the number of pages only near the newest
 * (`pageWindow`: "Latest" carries no number). Strings, not the bar's objects: 15,000 pages a save.
 */
export const listingFrame = (page: ListingPage<unknown>) => {
  const nearLatest = page.pageNumber + PAGE_WINDOW_RADIUS + 2 >= page.totalPages;
  const website = page.group && "website" in page.group ? page.group.website : "";
  return `${page.title}|${describeListing(page)}|${website}|${page.pageNumber}|${nearLatest ? page.totalPages : ""}`;
};

const isArticle = (value: unknown): value is Article => typeof value === "object" && value !== null && "url" in value && "file" in value;

/** A page's signature: a short text, and the ids of what it shows. */
export interface PageShows<T> {
  meta(page: T): string;
  shows(page: T): ShownId[];
  /** The objects `shows` reads, in order: the same objects again (none changed in place) show the same. */
  made?(page: T): readonly unknown[] | undefined;
}

/** An article's page: its own version, its related stories and the older and newer story it links. */
export const articleShows = (ids: ShownIds, links: Record<string, ArticleLinks>): PageShows<Article> => {
  const made = (article: Article) => {
    const { related, older, newer } = links[article.url]!;
    return [article, ...related, older, newer];
  };
  return { meta: () => "", shows: (article) => made(article).map((shown, i) => (i ? ids.show(shown) : ids.version(article))), made };
};

/** A listing page: its frame and cards; the front page also its lead, top stories and desk blocks, which may sit on no page of its list, and how they are arranged (_data/frontpage.yaml). */
export const listingShows = (ids: ShownIds): PageShows<ListingPage> => ({
  meta: (page) => `${listingFrame(page)}|${page.front ? JSON.stringify(page.front, (_, v: unknown) => (isArticle(v) ? v.url : v)) : ""}`,
  shows: (page) => (page.front ? [...page.items, ...frontArticles(page.front)] : page.items).map(ids.show),
  made: (page) => (page.front ? undefined : page.items),
});

/** /corrections/: each correction's date and text, and its article's headline and link. */
export const correctionShows = <T extends ListingPage<{ article: Article; date: unknown; text: string }>>(ids: ShownIds): PageShows<T> => ({
  meta: listingFrame,
  shows: (page) => page.items.flatMap((c) => [ids.show(c.article), ids.text(JSON.stringify([c.date, c.text]))]),
});

/** A feed carries whole stories: it changes with the version of any article in it. An empty feed is dated by the build's clock. */
export const feedShows = <T extends { title: string; updated: string; articles: Article[] }>(ids: ShownIds): PageShows<T> => ({
  meta: (feed) => `${feed.title}|${feed.updated}`,
  shows: (feed) => feed.articles.flatMap((a) => [ids.version(a), ids.show(a)]),
  made: (feed) => feed.articles,
});

/** The same objects in the same order, none of them re-spelled since. */
export function sameItems(a: readonly unknown[], b: readonly unknown[], respelled: ReadonlySet<unknown>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] || (respelled.size && respelled.has(b[i]))) return false;
  return true;
}

// a loop, not a closure per page: tsx names every function it creates, which adds up over 25,000 pages
export function sameNumbers(a: ShownId[], b: ShownId[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
