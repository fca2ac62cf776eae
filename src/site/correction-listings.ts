// /corrections/: every correction across the site, newest first, each with the story it corrects,
// paginated like every listing and grouped in the collections' one pass. Few articles have any.
import type { Article } from "../content/load.ts";
import type { Correction } from "../content/corrections.ts";
import { paginate, type ListingPage } from "./listings.ts";

export const CORRECTIONS_URL = "/corrections/";

/** One correction as /corrections/ and its feed show it. */
export interface CorrectionItem extends Correction {
  article: Article;
  /** The correction on its article's page: /2020/09/20/slug/#correction-1 */
  url: string;
}

/** `articles` newest first: their corrections, newest first (a tie keeps the newer story first). */
export function correctionItems(articles: readonly Article[]): CorrectionItem[] {
  const items = articles.flatMap((article) =>
    article.corrections.map((c) => ({ ...c, article, url: `${article.url}#correction-${c.number}` })));
  // a stable sort: within one instant, the articles' own order
  return items.sort((a, b) => b.date.instant.toMillis() - a.date.instant.toMillis());
}

export function correctionListings(articles: readonly Article[], pageSize: number, title = "Corrections"): ListingPage<CorrectionItem>[] {
  const items = correctionItems(articles);
  return paginate(items, CORRECTIONS_URL, title, pageSize, { kind: "corrections", count: items.length });
}

/**
 * The dev server after an edit that moved no article (collections.ts): the edited articles swapped
 * into the corrections that name them. Returns the pages that show one.
 */
export function patchCorrections(pages: ListingPage<CorrectionItem>[], replaced: ReadonlyMap<Article, Article>): ListingPage<CorrectionItem>[] {
  return pages.filter((page) => {
    let touched = false;
    page.items = page.items.map((item) => {
      const after = replaced.get(item.article);
      if (!after) return item;
      touched = true;
      return { ...item, article: after };
    });
    return touched;
  });
}
