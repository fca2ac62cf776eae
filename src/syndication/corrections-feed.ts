// /corrections/feed.xml: an Atom entry per correction, newest first, so readers (and other
// newsrooms that ran the story) hear of each one. Only published stories' corrections, even in
// the dev server, as for every feed.
import type { DateTime } from "luxon";
import type { Site } from "../../_data/site.ts";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { buildNow } from "../content/clock.ts";
import { isoInstant } from "../content/dates.ts";
import type { Article } from "../content/load.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { correctionItems, CORRECTIONS_URL } from "../site/correction-listings.ts";
import { absoluteUrl, siteBase } from "./urls.ts";

export interface Options {
  site: Pick<Site, "url" | "pathPrefix" | "title" | "language" | "publisher" | "timezone" | "feedSize">;
  now: () => DateTime;
  layout: string;
}

export const defaults: Omit<Options, "site"> = { now: () => buildNow(), layout: "layouts/feed-corrections.njk" };

export interface CorrectionsFeed {
  title: string;
  subtitle: string;
  language: string;
  publisher: string;
  /** Absolute: the feed itself and the /corrections/ page. */
  selfUrl: string;
  homeUrl: string;
  updated: string;
  entries: { title: string; url: string; date: string; text: string }[];
}

export function correctionsFeed(articles: readonly Article[], site: Options["site"], now: DateTime): CorrectionsFeed {
  const base = siteBase(site);
  const items = correctionItems(articles.filter((a) => a.status === "published")).slice(0, site.feedSize);
  const entries = items.map((item) => ({
    title: `Correction: ${item.article.title}`,
    url: absoluteUrl(item.url, base), // the note on the story's page: unique, and where a reader wants to go
    date: isoInstant(item.date, site.timezone),
    text: item.text,
  }));
  return {
    title: `${site.title}: Corrections`,
    subtitle: "Every correction to our stories, newest first.",
    language: site.language,
    publisher: site.publisher,
    selfUrl: absoluteUrl(`${CORRECTIONS_URL}feed.xml`, base),
    homeUrl: absoluteUrl(CORRECTIONS_URL, base),
    updated: entries[0]?.date ?? now.setZone(site.timezone).toISO({ suppressMilliseconds: true })!,
    entries,
  };
}

export function correctionsFeedPlugin(eleventyConfig: EleventyConfig, userOptions: Pick<Options, "site"> & Partial<Options>) {
  const { site, now, layout }: Options = { ...defaults, ...userOptions };
  let feed: CorrectionsFeed | undefined;
  eleventyConfig.on("articles.loaded", ({ articles }: ArticlesLoaded) => void (feed = correctionsFeed(articles, site, now())));
  eleventyConfig.addTemplate("feeds/corrections.njk", "", {
    layout, permalink: `${CORRECTIONS_URL}feed.xml`, eleventyExcludeFromCollections: true,
    eleventyComputed: { feed: () => feed },
  });
}
