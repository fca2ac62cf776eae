// Listing data in one pass over the newest-first articles: home, tag, source, dateline, year and
// month pages (grouped in listings.ts), plus each article's neighbours and related stories.
// Eleventy's own `tags` collections are not used: each would re-sort the whole archive.
import type { Article } from "./load.ts";
import { relatedArticles } from "../related.ts";
import { archiveListings, groupListings, paginate, type GroupSummary, type ListingPage, type MonthSummary, type YearSummary } from "./listings.ts";

export { paginate, sourceUrl, datelineUrl } from "./listings.ts";
export type { GroupSummary, ListingPage, MonthSummary, YearSummary } from "./listings.ts";
export type TagSummary = GroupSummary;

/** What an article page links to besides its own text. */
export interface ArticleLinks {
  /** The next older and next newer article. */
  older: Article | undefined;
  newer: Article | undefined;
  related: Article[];
}

export interface Collections {
  articles: Article[];
  homePages: ListingPage[];
  tags: TagSummary[];
  tagPages: ListingPage[];
  sources: GroupSummary[];
  sourcePages: ListingPage[];
  datelines: GroupSummary[];
  datelinePages: ListingPage[];
  years: YearSummary[];
  yearPages: ListingPage[];
  months: MonthSummary[];
  monthPages: ListingPage[];
  /** Keyed by article URL. */
  articleLinks: Record<string, ArticleLinks>;
}

/** `articles` must already be newest first (loadArticles returns them so). */
export function buildCollections(articles: Article[], timezone: string, pageSize: number, homeTitle: string): Collections {
  const tags = groupListings(articles, "tag", pageSize);
  const sources = groupListings(articles, "source", pageSize);
  const datelines = groupListings(articles, "dateline", pageSize);
  const archive = archiveListings(articles, timezone, pageSize);

  // Articles carry their own tag spelling; pages show the merged one.
  const tagNames = new Map(tags.summaries.map((t) => [t.slug, t.name]));
  for (const article of articles) {
    // replaced only when a name differs: an unchanged array tells the dev server nothing changed
    if (article.tags.some((t) => tagNames.has(t.slug) && tagNames.get(t.slug) !== t.name)) {
      article.tags = article.tags.map((t) => ({ slug: t.slug, name: tagNames.get(t.slug) ?? t.name }));
    }
  }

  const related = relatedArticles(articles);
  const articleLinks: Record<string, ArticleLinks> = {};
  articles.forEach((article, i) => {
    articleLinks[article.url] = { newer: articles[i - 1], older: articles[i + 1], related: related[i]! };
  });

  // Page 1 is the front page, titled as the site; later pages say what they are
  const homePages = paginate(articles, "/", homeTitle, pageSize).map((page, i) => (i === 0 ? page : { ...page, title: `Latest news, page ${i + 1}` }));
  return {
    articles,
    homePages,
    tags: tags.summaries,
    tagPages: tags.pages,
    sources: sources.summaries,
    sourcePages: sources.pages,
    datelines: datelines.summaries,
    datelinePages: datelines.pages,
    ...archive,
    articleLinks,
  };
}
