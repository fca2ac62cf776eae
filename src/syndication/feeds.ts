// Atom, RSS 2.0 and JSON Feed 1.1: the site's newest N published articles, plus an Atom feed per
// desk, per tag and per author. Entries carry the full story rendered by the project's Markdown instance, URLs absolute.
import type { DateTime } from "luxon";
import type { Site } from "../../_data/site.ts";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { buildNow } from "../content/clock.ts";
import type { Article } from "../content/load.ts";
import type { Section } from "../content/sections.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { changedPages } from "../site/changes.ts";
import { isoInstant } from "../content/dates.ts";
import { lastChange } from "../content/corrections.ts";
import { authorIndex, nameKey, type Author } from "../content/authors.ts";
import { absoluteUrl, siteBase } from "./urls.ts";
import { FeedStoriesAhead, storyHtml } from "./feed-content.ts";

export interface Options {
  site: Pick<Site, "url" | "pathPrefix" | "title" | "description" | "language" | "publisher" | "timezone" | "feedSize">;
  /** Where article files are read from (their `file` is relative to it). */
  root: string;
  now: () => DateTime;
  layouts: { atom: string; rss: string };
}

export const defaults: Omit<Options, "site"> = {
  root: process.cwd(),
  now: () => buildNow(),
  layouts: { atom: "layouts/feed-atom.njk", rss: "layouts/feed-rss.njk" },
};

/** What the pure functions below need: the site's constants plus its public base URL. */
export type FeedSettings = Options["site"] & { base: string; root: string };

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

export function feedEntry(article: Article, options: FeedSettings): FeedEntry {
  const zone = options.timezone;
  return {
    title: article.title,
    url: absoluteUrl(article.url, options.base),
    // worked out only for the feeds a build writes (making every entry took 66 ms of a no-change build at 10,000 articles)
    get published() {
      return isoInstant(article.date, zone);
    },
    updated: isoInstant(lastChange(article), zone),
    get pubDate() {
      return article.date.instant.setZone(zone).toRFC2822()!;
    },
    // wire copy without a byline is credited to the agency that filed it
    authors: article.author.length ? article.author : [article.source.name],
    summary: article.description,
    article,
    categories: article.tags.map((t) => ({ term: t.slug, label: t.name, scheme: absoluteUrl("/tags/", options.base) })),
  };
}

// One entry per article object and settings, shared by the site and tag feeds and kept between
// dev-server builds (an RFC 2822 date costs luxon a zone lookup); redone when merged tag names change.
const entries = new WeakMap<FeedSettings, WeakMap<Article, FeedEntry>>();
function cachedEntry(article: Article, options: FeedSettings): FeedEntry {
  let known = entries.get(options);
  if (!known) entries.set(options, (known = new WeakMap()));
  let entry = known.get(article);
  if (entry?.categories.length !== article.tags.length || entry.categories.some((c, i) => c.label !== article.tags[i]!.name)) {
    known.set(article, (entry = feedEntry(article, options)));
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

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), serialised by JSON.stringify, not a template. */
export function jsonFeed(feed: Feed, contents: string[]): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    description: feed.subtitle,
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    language: feed.language,
    authors: [{ name: feed.publisher }],
    items: feed.entries.map((e, i) => ({
      id: e.url,
      url: e.url,
      title: e.title,
      summary: e.summary,
      content_html: contents[i],
      date_published: e.published,
      date_modified: e.updated,
      authors: e.authors.map((name) => ({ name })),
      tags: e.categories.map((c) => c.label),
    })),
  }, null, 2);
}

export function feedsPlugin(eleventyConfig: EleventyConfig, userOptions: Pick<Options, "site"> & Partial<Options>) {
  const { site, root, now, layouts }: Options = { ...defaults, ...userOptions };
  const settings: FeedSettings = { ...site, base: siteBase(site), root };
  const updatedNow = () => now().setZone(site.timezone).toISO({ suppressMilliseconds: true })!;
  let outputDir = "_site";
  // the feed list is made once per build, from the articles the build publishes (src/site/articles.ts)
  let feeds: Feed[] = [];
  let ahead: FeedStoriesAhead | undefined;
  eleventyConfig.on("articles.loaded", ({ articles, desks, authors, replaced, directories, runMode }: ArticlesLoaded) => {
    outputDir = directories.output;
    if (replaced && feeds.length) for (const feed of patchFeeds(feeds, replaced, settings, updatedNow())) changedPages.touch(feed);
    else feeds = buildFeeds(articles, settings, updatedNow(), desks.list, authors);
    // a full production build renders the feeds' stories on another thread, as it does the pages'
    if (runMode === "build" && !changedPages.signatures?.previous) ahead = new FeedStoriesAhead([...new Set(feeds.flatMap((f) => f.entries.map((e) => e.article)))], root, settings.base);
  });
  eleventyConfig.on("eleventy.after", async () => {
    await ahead?.close();
    ahead = undefined;
  });
  eleventyConfig.addCollection("feeds", () => feeds);
  eleventyConfig.addFilter("storyHtml", async (entry: FeedEntry) => storyHtml(entry.article, settings, outputDir, ahead));
  eleventyConfig.addFilter("jsonFeed", async (feed: Feed) =>
    jsonFeed(feed, await Promise.all(feed.entries.map((e) => storyHtml(e.article, settings, outputDir, ahead)))));
  // every format paginates the same feed list, one output per feed that is published in it
  const format = (name: keyof Feed["paths"], layout: string | false, content = "") => {
    eleventyConfig.addTemplate(`feeds/${name}.njk`, content, {
      layout,
      pagination: {
        data: "collections.feeds", size: 1, alias: "feed",
        // the dev server renders only the feeds an edit changed (src/site/changes.ts)
        before: (all: Feed[]) => changedPages.feedPages(all.filter((f) => f.paths[name]), name),
      },
      permalink: (data: { feed: Feed }) => data.feed.paths[name],
      eleventyImport: { collections: ["feeds"] },
      eleventyExcludeFromCollections: true,
    });
  };
  format("atom", layouts.atom);
  format("rss", layouts.rss);
  format("json", false, "{{ feed | jsonFeed | safe }}");
}
