// Each profile's stories (_data/authors.ts, matched to bylines by name), grouped in the collections'
// one pass: an A–Z index and a paginated list per author with a story in this build.
import type { Article } from "../content/load.ts";
import { authorIndex, nameKey, type Author } from "../content/authors.ts";
import { paginate, type GroupSummary, type ListingPage } from "./listings.ts";

/** `articles` newest first: each profile's stories, as an A–Z index and paginated lists (none for a profile without a story). */
export function authorListings(articles: readonly Article[], authors: readonly Author[], pageSize: number): { summaries: GroupSummary[]; pages: ListingPage[] } {
  const index = authorIndex(authors);
  const lists = new Map<Author, Article[]>();
  for (const article of articles) {
    for (const name of article.author) {
      const author = index.get(nameKey(name));
      if (!author) continue;
      const list = lists.get(author) ?? lists.set(author, []).get(author)!;
      if (list.at(-1) !== article) list.push(article); // one name written twice is one story
    }
  }
  const byName = [...lists].sort(([a], [b]) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
  return {
    summaries: byName.map(([author, list]) => ({ name: author.name, slug: author.slug, url: author.url, count: list.length })),
    pages: byName.flatMap(([author, list]) => paginate(list, author.url, author.name, pageSize, { kind: "author", author, count: list.length })),
  };
}

