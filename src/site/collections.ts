// Listing data in one pass over the newest-first articles: home, tag, source, dateline, year and
// month pages (grouped in listings.ts), plus each article's neighbours and related stories.
// Eleventy's own `tags` collections are not used: each would re-sort the whole archive.
import type { Article } from "../content/load.ts";
import { noChoice, type FrontPageChoice } from "../content/frontpage.ts";
import { projectDesks, type Desks } from "../content/sections.ts";
import { relatedArticles } from "./related.ts";
import type { Author } from "../content/authors.ts";
import { authorListings } from "./author-listings.ts";
import { correctionListings, type CorrectionItem } from "./correction-listings.ts";
import { deskListings, type DeskSummary } from "./desks.ts";
import { frontPage } from "./front-page.ts";
import { archiveListings, groupListings, paginate, sameList, tagSpellings, type GroupSummary, type ListingPage, type MonthSummary, type YearSummary } from "./listings.ts";

export { paginate, sourceUrl, datelineUrl } from "./listings.ts";
export type { GroupSummary, ListingPage, MonthSummary, YearSummary } from "./listings.ts";
export type { DeskSummary } from "./desks.ts";
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
  /** The desks in the header's order, and their listing pages. */
  sections: DeskSummary[];
  sectionPages: ListingPage[];
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
  /** Profiles with a story here (A–Z), and each one's stories. */
  authors: GroupSummary[];
  authorPages: ListingPage[];
  /** /corrections/: every correction, newest first. */
  correctionPages: ListingPage<CorrectionItem>[];
  /** Keyed by article URL. */
  articleLinks: Record<string, ArticleLinks>;
}

/** The collections of listing pages, each page showing a list of articles. */
export const LISTING_PAGES = ["homePages", "sectionPages", "tagPages", "sourcePages", "datelinePages", "yearPages", "monthPages", "authorPages"] as const;

let lastMerge: { articles: readonly Article[]; names: ReadonlyMap<string, string> } | undefined;

/**
 * Articles carry their own tag spelling; pages, feeds and search show the merged one. Idempotent:
 * `npm run build` merges before it starts the search index, then the collections merge the same
 * articles with the same names, which finds nothing to change (skipped: a look at every tag).
 */
export function mergeTagSpellings(articles: Article[], names = tagSpellings(articles)): void {
  if (lastMerge?.names === names && sameList(lastMerge.articles, articles)) return;
  lastMerge = { articles: [...articles], names };
  for (const article of articles) {
    // replaced only when a name differs: an unchanged array tells the dev server nothing changed
    if (article.tags.some((t) => names.get(t.slug) !== t.name)) {
      article.tags = article.tags.map((t) => ({ slug: t.slug, name: names.get(t.slug)! }));
    }
  }
}

/** The spellings last merged into `articles`, if they were merged last (undefined: not known). */
export const mergedSpellings = (articles: readonly Article[]) => (lastMerge && sameList(lastMerge.articles, articles) ? lastMerge.names : undefined);

/** What the newsroom arranges: its desks and the front page's choices (the loader reads both). */
export interface Arrangement {
  desks: Desks;
  frontPage: FrontPageChoice;
  /** Reporters' profiles (_data/authors.ts). */
  authors: Author[];
}

/** `articles` must already be newest first (loadArticles returns them so). */
export function buildCollections(articles: Article[], timezone: string, pageSize: number, homeTitle: string, arrangement: Partial<Arrangement> = {}): Collections {
  const { desks = projectDesks.desks, frontPage: choice = noChoice() } = arrangement;
  const sections = deskListings(articles, desks, pageSize);
  const tags = groupListings(articles, "tag", pageSize);
  const sources = groupListings(articles, "source", pageSize);
  const datelines = groupListings(articles, "dateline", pageSize);
  const authors = authorListings(articles, arrangement.authors ?? [], pageSize);
  const archive = archiveListings(articles, timezone, pageSize);

  // the tag listings have worked out each tag's spelling already
  mergeTagSpellings(articles, tagSpellings(articles));
  const related = relatedArticles(articles);
  const articleLinks: Record<string, ArticleLinks> = {};
  articles.forEach((article, i) => {
    articleLinks[article.url] = { newer: articles[i - 1], older: articles[i + 1], related: related[i]! };
  });

  // Page 1 is the front page, titled as the site; later pages say what they are
  const homePages = paginate(articles, "/", homeTitle, pageSize).map((page, i) => (i === 0 ? page : { ...page, title: `Latest news, page ${page.pageNumber}` }));
  homePages[0]!.front = frontPage(articles, homePages[0]!.items, choice, desks);
  return {
    articles,
    homePages,
    sections: sections.sections,
    sectionPages: sections.pages,
    tags: tags.summaries,
    tagPages: tags.pages,
    sources: sources.summaries,
    sourcePages: sources.pages,
    datelines: datelines.summaries,
    datelinePages: datelines.pages,
    ...archive,
    authors: authors.summaries,
    authorPages: authors.pages,
    correctionPages: correctionListings(articles, pageSize),
    articleLinks,
  };
}
