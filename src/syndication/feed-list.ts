// The feeds' model: which feeds the site publishes (the site's, one per desk, tag and reporter) and
// their newest entries, as plain data the feed templates print (src/syndication/feeds.ts).
import type { Site } from "../../_data/site.ts";
import type { Article } from "../content/load.ts";
import type { Section } from "../content/sections.ts";
import { isoInstant } from "../content/dates.ts";
import { lastChange } from "../content/corrections.ts";
import { authorIndex, nameKey, type Author } from "../content/authors.ts";
import { absoluteUrl } from "./urls.ts";

/** What a feed shows of the site. */
export type FeedSite = Pick<Site, "url" | "pathPrefix" | "title" | "description" | "language" | "publisher" | "timezone" | "feedSize">;

/** What the functions below need: the site's constants plus its public base URL, and where article files are read from. */
export type FeedSettings = FeedSite & { base: string; root: string };

export interface FeedEntry {
  title: string;
  url: string;
  published: string;
  updated: string;
  /** RFC 822 date for RSS, which predates ISO 8601 */
  pubDate: string;
  authors: string[];
  summary: string;
  /** The full story is rendered by the async `storyHtml` filter, only for feeds that print it. */
  article: Article;
  categories: { term: string; label: string; scheme: string }[];
}

export interface Feed {
  title: string;
  subtitle: string;
  language: string;
  publisher: string;
  homeUrl: string;
  updated: string;
  /** Site-relative output paths (no prefix) of the formats this feed is published in. */
  paths: { atom: string; rss?: string; json?: string };
  urls: { atom: string; rss?: string; json?: string };
  entries: FeedEntry[];
}

/**
 * A class, not an object literal with getters: each literal's getters gave its object a hidden class
 * of its own (6,000 entries at 10,000 articles), slow to make and to read.
 */
class Entry implements FeedEntry {
  readonly title: string;
  readonly url: string;
  readonly updated: string;
  readonly authors: string[];
  readonly summary: string;
  readonly categories: FeedEntry["categories"];
  readonly #zone: string;

  constructor(readonly article: Article, options: FeedSettings) {
    this.#zone = options.timezone;
    this.title = article.title;
    this.url = absoluteUrl(article.url, options.base);
    this.updated = isoInstant(lastChange(article), this.#zone);
    // wire copy without a byline is credited to the agency that filed it
    this.authors = article.author.length ? article.author : [article.source.name];
    this.summary = article.description;
    this.categories = article.tags.map((t) => ({ term: t.slug, label: t.name, scheme: absoluteUrl("/tags/", options.base) }));
  }

  // worked out only for the feeds a build writes (making every entry took 66 ms of a no-change build at 10,000 articles)
  get published(): string {
    return isoInstant(this.article.date, this.#zone);
  }

  get pubDate(): string {
    return this.article.date.instant.setZone(this.#zone).toRFC2822()!;
  }
}

// One entry per article object and settings, shared by the site and tag feeds and kept between
// dev-server builds (an RFC 2822 date costs luxon a zone lookup); redone when merged tag names change.
const entries = new WeakMap<FeedSettings, WeakMap<Article, FeedEntry>>();
function cachedEntry(article: Article, options: FeedSettings): FeedEntry {
  let known = entries.get(options);
  if (!known) entries.set(options, (known = new WeakMap()));
  let entry = known.get(article);
  if (entry?.categories.length !== article.tags.length || entry.categories.some((c, i) => c.label !== article.tags[i]!.name)) {
    known.set(article, (entry = new Entry(article, options)));
  }
  return entry;
}

const newestUpdate = (entries: FeedEntry[], now: string) => entries.map((e) => e.updated).sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? now;

/** The site feed, one per desk (every desk: its page links to it) and one per tag, from newest-first articles; only published ones count. */
export function buildFeeds(articles: Article[], options: FeedSettings, now: string, desks: readonly Section[] = [], authors: readonly Author[] = []): Feed[] {
  const published = articles.filter((a) => a.status === "published");
  const make = (title: string, subtitle: string, home: string, paths: Feed["paths"], list: Article[]): Feed => {
    const entries = list.slice(0, options.feedSize).map((a) => cachedEntry(a, options));
    const urls = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, absoluteUrl(p, options.base)])) as Feed["urls"];
    const updated = newestUpdate(entries, now);
    return { title, subtitle, language: options.language, publisher: options.publisher, homeUrl: absoluteUrl(home, options.base), updated, paths, urls, entries };
  };
  const byTag = new Map<string, { name: string; articles: Article[] }>();
  const byDesk = new Map<string, Article[]>(desks.map((desk) => [desk.slug, []]));
  // a feed per reporter's profile with a published story, as their page (src/site/authors.ts)
  const profiles = authorIndex(authors);
  const byAuthor = new Map<Author, Article[]>();
  for (const article of published) {
    for (const author of new Set(article.author.map((name) => profiles.get(nameKey(name))))) {
      const list = author && (byAuthor.get(author) ?? byAuthor.set(author, []).get(author)!);
      if (list && list.length < options.feedSize) list.push(article);
    }
    const desk = byDesk.get(article.section.slug);
    if (desk && desk.length < options.feedSize) desk.push(article);
    for (const tag of article.tags) {
      const entry = byTag.get(tag.slug) ?? { name: tag.name, articles: [] };
      if (entry.articles.length < options.feedSize) entry.articles.push(article);
      byTag.set(tag.slug, entry);
    }
  }
  return [
    make(options.title, options.description, "/", { atom: "/feed.xml", rss: "/rss.xml", json: "/feed.json" }, published),
    ...desks.map((desk) => make(`${options.title}: ${desk.name}`, desk.description ?? `Stories from the ${desk.name} desk`, desk.url, { atom: `${desk.url}feed.xml` }, byDesk.get(desk.slug)!)),
    ...[...byTag].map(([slug, tag]) =>
      make(`${options.title}: ${tag.name}`, `Articles tagged “${tag.name}”`, `/tags/${slug}/`, { atom: `/tags/${slug}/feed.xml` }, tag.articles)),
    ...[...byAuthor].map(([author, list]) =>
      make(`${options.title}: ${author.name}`, `Stories by ${author.name}`, author.url, { atom: `${author.url}feed.xml` }, list)),
  ];
}

/**
 * The dev server after an edit that moved no article: the edited articles' entries swapped into
 * the last feed list (same feeds, same order). Returns the feeds that changed.
 */
export function patchFeeds(feeds: Feed[], replaced: Map<Article, Article>, options: FeedSettings, now: string): Feed[] {
  return feeds.filter((feed) => {
    const before = feed.entries;
    feed.entries = before.map((e) => (replaced.has(e.article) ? cachedEntry(replaced.get(e.article)!, options) : e));
    feed.updated = newestUpdate(feed.entries, now);
    return feed.entries.some((e, i) => e !== before[i]);
  });
}
