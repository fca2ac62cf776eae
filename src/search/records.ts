// What the Pagefind index holds of an article (written by src/search/indexing.ts in a worker thread).
// https://pagefind.app/docs/node-api/
import type * as pagefind from "pagefind";
import type { Article } from "../content/load.ts";

export { archivePart, indexParts, partCount, partSizes } from "./parts.ts";

/** What the index needs of an article: plain data, so it can be handed to the worker. */
export interface SearchInput {
  file: string;
  url: string;
  title: string;
  description: string;
  tags: string[];
  source: string;
  dateline: string;
  /** The desk's name, and the kind of story as a label ("Opinion"). */
  section: string;
  kind: string;
  /** Bylines, as written; the corrections' texts, newest first. */
  authors: string[];
  corrections: string[];
  /** ISO 8601 in UTC: sorts as text (Date's own: Luxon's took 0.1 s more at 100,000 articles). */
  date: string;
  /** A digest of the article's file (src/content/load.ts): a part's signature follows its story texts. */
  digest: string;
}

export function searchInput(article: Article, digest = ""): SearchInput {
  const { file, url, title, description } = article;
  const dateline = article.place ? `${article.place.city}, ${article.place.country}` : ""; // "": a draft without one
  const kind = article.kind.charAt(0).toUpperCase() + article.kind.slice(1);
  return { file, url, title, description, tags: article.tags.map((t) => t.name), source: article.source.name, dateline, section: article.section.name, kind, authors: article.author, corrections: article.corrections.map((c) => c.text), date: new Date(article.date.instant.toMillis()).toISOString(), digest };
}

/** Story Markdown as words: link and image syntax, block markers and emphasis left out. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^[ \t]*(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+/gm, "")
    .replace(/[*_`]+/g, "");
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>["index"]>;
export type SearchRecord = Parameters<PagefindIndex["addCustomRecord"]>[0];

/** One article as Pagefind holds it: title, standfirst and story words, filters and a date sort. */
export function searchRecord(input: SearchInput, story: string, language: string): SearchRecord {
  return {
    url: input.url,
    language,
    // a correction is part of the story as readers see it, so a search finds it
    content: `${input.title}\n${input.description}\n${plainText(story)}${input.corrections.map((text) => `\n${text}`).join("")}`,
    meta: { title: input.title },
    filters: { section: [input.section], kind: [input.kind], tag: input.tags, source: [input.source], dateline: input.dateline ? [input.dateline] : [], author: input.authors },
    sort: { date: input.date },
  };
}
