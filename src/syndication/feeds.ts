// Atom, RSS 2.0 and JSON Feed 1.1: the site's newest N published articles, plus an Atom feed per
// desk, per tag and per author (src/syndication/feed-list.ts). Entries carry the full story rendered
// by the project's Markdown instance, URLs absolute.
import type { DateTime } from "luxon";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { buildNow } from "../content/clock.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { changedPages } from "../site/changes.ts";
import { siteBase } from "./urls.ts";
import { FeedStoriesAhead, storyHtml } from "./feed-content.ts";
import { buildFeeds, patchFeeds, type Feed, type FeedEntry, type FeedSettings, type FeedSite } from "./feed-list.ts";

export interface Options {
  site: FeedSite;
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
    if (replaced && feeds.length) for (const feed of patchFeeds(feeds, replaced, updatedNow())) changedPages.touch(feed);
    else feeds = buildFeeds(articles, settings, updatedNow(), desks.list, authors);
    // a full production build renders the feeds' stories on another thread, as it does the pages'
    if (runMode === "build" && !changedPages.signatures?.previous) ahead = new FeedStoriesAhead([...new Set(feeds.flatMap((f) => f.articles))], root, settings.base);
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
