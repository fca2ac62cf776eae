// The feeds' model: which feeds the site publishes (the site's, one per desk, tag and reporter) and
// their newest entries, as plain data the feed templates print (src/syndication/feeds.ts).
import type { Site } from "../../_data/site.ts";
import type { Article } from "../content/load.ts";
import type { Section } from "../content/sections.ts";
import { isoInstant, type ArticleDate } from "../content/dates.ts";
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
  /** Its newest published articles, at most `feedSize`: what its signature is made of (src/site/page-shows.ts). */
  articles: Article[];
  /** Their entries, made when the feed is written. */
  readonly entries: FeedEntry[];
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

/** The newest change of `articles` in the site's zone, or `now` for none. */
function newestUpdate(articles: readonly Article[], zone: string, now: string): string {
  let newest: ArticleDate | undefined;
  for (const article of articles) {
    const change = lastChange(article);
    if (!newest || change.instant > newest.instant) newest = change;
  }
  return newest ? isoInstant(newest, zone) : now;
}

type FeedFields = Pick<Feed, "title" | "subtitle" | "paths" | "articles">;

// Entries are made only for the feeds a build writes: making all 6,000 of them (10,000 articles)
// took 0.13 s of every build, which renders a handful of feeds.
class SiteFeed implements Feed {
  readonly language: string;
  readonly publisher: string;
  readonly homeUrl: string;
  readonly urls: Feed["urls"];
  title: string;
  subtitle: string;
  paths: Feed["paths"];
  articles: Article[];
  updated: string;
  #entries: FeedEntry[] | undefined;
  readonly #options: FeedSettings;

  constructor({ title, subtitle, paths, articles }: FeedFields, home: string, options: FeedSettings, now: string) {
    this.title = title;
    this.subtitle = subtitle;
    this.language = options.language;
    this.publisher = options.publisher;
    this.homeUrl = absoluteUrl(home, options.base);
    this.paths = paths;
    this.urls = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, absoluteUrl(p, options.base)])) as Feed["urls"];
    this.articles = articles;
    this.updated = newestUpdate(articles, options.timezone, now);
    this.#options = options;
  }

  get entries(): FeedEntry[] {
    return (this.#entries ??= this.articles.map((a) => cachedEntry(a, this.#options)));
  }

  /** Some of its articles replaced by new versions (the dev server). */
  replace(replaced: ReadonlyMap<Article, Article>, now: string): void {
    this.articles = this.articles.map((a) => replaced.get(a) ?? a);
    this.updated = newestUpdate(this.articles, this.#options.timezone, now);
    this.#entries = undefined;
  }
}

/** The site feed, one per desk (every desk: its page links to it) and one per tag, from newest-first articles; only published ones count. */
export function buildFeeds(articles: Article[], options: FeedSettings, now: string, desks: readonly Section[] = [], authors: readonly Author[] = []): Feed[] {
  const published = articles.filter((a) => a.status === "published");
  const make = (title: string, subtitle: string, home: string, paths: Feed["paths"], list: Article[]): Feed =>
    new SiteFeed({ title, subtitle, paths, articles: list.slice(0, options.feedSize) }, home, options, now);
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
export function patchFeeds(feeds: Feed[], replaced: Map<Article, Article>, now: string): Feed[] {
  return feeds.filter((feed) => {
    if (!(feed instanceof SiteFeed) || !feed.articles.some((a) => replaced.has(a))) return false;
    feed.replace(replaced, now);
    return true;
  });
}
