// The dev server after an edit that moves no article (same date, tags, source, dateline, status…):
// the last build's collections (collections.ts) with the edited articles swapped in where they
// show, and the pages that show them named, instead of grouping 10,000 articles again.
import type { Article } from "../content/load.ts";
import { patchCorrections } from "./correction-listings.ts";
import { frontArticles, swapInFront } from "./front-page.ts";
import type { ListingPage } from "./listings.ts";
import { LISTING_PAGES, type Collections } from "./collections.ts";

/** What decides where an article is listed: an edit that keeps it leaves every list's shape alone. */
const place = (a: Article) => JSON.stringify([a.url, a.date.instant.toMillis(), a.status, a.tags, a.source, a.dateline, a.section.slug, a.author, a.corrections]);

export interface Patched {
  collections: Collections;
  /** Each edited article's previous object → its new one. */
  replaced: Map<Article, Article>;
  /** The listing pages and articles (as article pages) that show an edited article. */
  touched: Set<object>;
}

/** Where each article shows besides its own page: listing pages, and articles linking to it. */
type Appearances = Map<Article, { pages: ListingPage[]; linkedFrom: Article[] }>;
const indexes = new WeakMap<Collections, Appearances>();

function appearances(collections: Collections): Appearances {
  const index: Appearances = new Map(collections.articles.map((a) => [a, { pages: [], linkedFrom: [] }]));
  for (const name of LISTING_PAGES) {
    for (const page of collections[name]) for (const article of [...page.items, ...frontArticles(page.front)]) index.get(article)!.pages.push(page);
  }
  for (const article of collections.articles) {
    const { related, older, newer } = collections.articleLinks[article.url]!;
    for (const linked of [...related, older, newer]) if (linked) index.get(linked)!.linkedFrom.push(article);
  }
  return index;
}

const swap = (list: (Article | undefined)[], before: Article, after: Article) => {
  for (let i = 0; i < list.length; i++) if (list[i] === before) list[i] = after;
};

/**
 * The dev server after an edit that keeps every article in its place: the last build's collections
 * with the edited articles swapped in where they show, instead of grouping 10,000 articles again.
 * Undefined when an article was added, removed, re-dated, re-tagged… (then buildCollections).
 */
export function patchCollections(previous: Collections, articles: Article[]): Patched | undefined {
  if (previous.articles.length !== articles.length) return undefined;
  const replaced = new Map<Article, Article>();
  for (let i = 0; i < articles.length; i++) {
    const [before, after] = [previous.articles[i]!, articles[i]!];
    if (before === after) continue;
    if (place(before) !== place(after)) return undefined;
    replaced.set(before, after);
  }
  const index = indexes.get(previous) ?? appearances(previous);
  indexes.delete(previous);
  const latest = (a: Article) => replaced.get(a) ?? a;
  const touched = new Set<object>(replaced.values());
  for (const [before, after] of replaced) {
    const shown = index.get(before)!;
    for (const page of shown.pages) {
      swap(page.items, before, after);
      if (page.front) swapInFront(page.front, before, after);
      touched.add(page);
    }
    for (const holder of shown.linkedFrom) {
      const links = previous.articleLinks[holder.url]!;
      swap(links.related, before, after);
      if (links.older === before) links.older = after;
      if (links.newer === before) links.newer = after;
      touched.add(latest(holder));
    }
    index.delete(before);
    index.set(after, shown);
  }
  // the articles an edited one links to now list the new object among those linking to them
  for (const [before, after] of replaced) {
    const { related, older, newer } = previous.articleLinks[after.url]!;
    for (const linked of [...related, older, newer]) if (linked) swap(index.get(linked)!.linkedFrom, before, after);
  }
  for (const page of patchCorrections(previous.correctionPages, replaced)) touched.add(page);
  const collections = { ...previous, articles };
  indexes.set(collections, index);
  return { collections, replaced, touched };
}
