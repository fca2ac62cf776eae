// What the Pagefind index holds of an article (written by src/search/indexing.ts in a worker thread).
// https://pagefind.app/docs/node-api/
import type * as pagefind from "pagefind";
import type { Article } from "../content/load.ts";
import { keptRecordAt } from "../content/record-file.ts";

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

/** What the index reads of an article, its dates aside: the same of an article and of its kept record. */
type Indexed = Pick<Article, "file" | "url" | "title" | "description" | "place" | "kind" | "source" | "section" | "author"> & { corrections: { text: string }[] };

function input(article: Indexed, tags: string[], date: number, digest: string): SearchInput {
  const { file, url, title, description } = article;
  const dateline = article.place ? `${article.place.city}, ${article.place.country}` : ""; // "": a draft without one
  const kind = article.kind.charAt(0).toUpperCase() + article.kind.slice(1);
  return { file, url, title, description, tags, source: article.source.name, dateline, section: article.section.name, kind, authors: article.author, corrections: article.corrections.map((c) => c.text), date: new Date(date).toISOString(), digest };
}

export const searchInput = (article: Article, digest = "") => input(article, article.tags.map((t) => t.name), article.date.instant.toMillis(), digest);

/**
 * What a build hands the index's thread: each article's input, or (`npm run build`) the number of
 * its record kept from the last build, which that thread reads from the same memory itself: the
 * inputs of 100,000 articles made and sent took the build's main thread 0.75–0.91 s.
 */
export interface SearchInputs {
  /** In the articles' order. */
  list: (SearchInput | number)[];
  kept?: {
    /** The kept records' file as the build read it (src/content/record-cache.ts). */
    bytes: SharedArrayBuffer;
    /** Where record n's line starts and ends in it: `spans[2n]`, `spans[2n + 1]`. */
    spans: Float64Array;
    /** Each tag's spelling by slug, as merged into the articles (the records keep their own). */
    names: [string, string][];
  };
}

/** The inputs of `SearchInputs`, the kept records read. */
export function searchInputs({ list, kept }: SearchInputs): SearchInput[] {
  if (!kept) return list as SearchInput[];
  const bytes = Buffer.from(kept.bytes);
  const names = new Map(kept.names);
  return list.map((item) => {
    if (typeof item !== "number") return item;
    const { digest, article } = keptRecordAt(bytes, kept.spans[2 * item]!, kept.spans[2 * item + 1]!);
    return input(article, article.tags.map((t) => names.get(t.slug) ?? t.name), article.date.instant, digest);
  });
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
