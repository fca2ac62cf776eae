// Building the Pagefind index from article records (run in a worker thread: src/search/worker.ts).
// https://pagefind.app/docs/node-api/
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import type { Article } from "../content/load.ts";
import { textDigest } from "../content/digests.ts";
import { storyMarkdown } from "../render/story.ts";
import { filesUnder, linkFiles } from "../runtime/link-files.ts";
import { archivePart, indexParts } from "./parts.ts";

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
  /** ISO 8601 in UTC: sorts as text. */
  date: string;
  /** A digest of the article's file (src/content/load.ts): a part's signature follows its story texts. */
  digest: string;
}

export interface IndexResult {
  /** Pages the index holds. */
  pages: number;
  /** Pagefind bundles it was written as (see `indexParts`). */
  parts: number;
  /** Parts Pagefind wrote; the others were the last build's, reused. */
  reindexed: number;
  /** Files of the reused parts. */
  reusedFiles: number;
  /** Each part's signature → its folder under the site, for the next build to reuse. */
  signatures: Record<string, string>;
}

/** The last build's parts an incremental build may reuse: its site folder, and signature → part folder. */
export interface IndexReuse {
  from: string;
  parts: Record<string, string>;
}

export function searchInput(article: Article, digest = ""): SearchInput {
  const { file, url, title, description } = article;
  const dateline = article.place ? `${article.place.city}, ${article.place.country}` : ""; // "": a draft without one
  const kind = article.kind.charAt(0).toUpperCase() + article.kind.slice(1);
  return { file, url, title, description, tags: article.tags.map((t) => t.name), source: article.source.name, dateline, section: article.section.name, kind, authors: article.author, corrections: article.corrections.map((c) => c.text), date: article.date.instant.toUTC().toISO() ?? "", digest };
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

/** One Pagefind index of `inputs` written to `outputPath`; returns the number of pages it holds. */
async function writeIndex(inputs: readonly SearchInput[], root: string, outputPath: string, language: string): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(errors.join("; "));
    // a few records in flight at a time: all 10,000 at once held every story twice in this worker
    const added: Awaited<ReturnType<PagefindIndex["addCustomRecord"]>>[] = [];
    const next = inputs.values();
    const feed = async () => {
      for (const input of next) added.push(await index.addCustomRecord(searchRecord(input, storyMarkdown(input, root), language)));
    };
    await Promise.all(Array.from({ length: 16 }, feed));
    const written = await index.writeFiles({ outputPath });
    const problems = [...added.flatMap((r) => r.errors), ...written.errors];
    if (problems.length) throw new Error(problems.join("; "));
    return pageCount(outputPath);
  } finally {
    // Pagefind's service process keeps the index in memory until it exits: one part at a time
    await pagefind.close();
  }
}

function pageCount(outputPath: string): number {
  const entry = JSON.parse(readFileSync(path.join(outputPath, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

/** What a part's index is made from: the same signature, the same files. */
const partSignature = (part: readonly SearchInput[], language: string) => textDigest(JSON.stringify([language, part]));

/**
 * Indexes the articles into `folder/pagefind/` (and its archive parts); throws if Pagefind reports
 * a problem. A part whose signature the last build had is linked from there instead (`reuse`).
 */
export async function indexArticles(inputs: readonly SearchInput[], root: string, folder: string, language: string, partSize: number, reuse?: IndexReuse): Promise<IndexResult> {
  try {
    const parts = indexParts(inputs, partSize);
    // the main bundle last: its folder holds the archive parts' folders
    const placed = parts.map((part, i) => ({ part, at: i === parts.length - 1 ? "pagefind/" : archivePart(i + 1) }));
    const result: IndexResult = { pages: 0, parts: parts.length, reindexed: 0, reusedFiles: 0, signatures: {} };
    for (const { part, at } of placed) {
      const signature = partSignature(part, language);
      result.signatures[signature] = at;
      const before = reuse?.parts[signature];
      if (reuse && before && existsSync(path.join(reuse.from, before, "pagefind-entry.json"))) {
        // a part's files name no folder of their own: the same bundle works wherever it is placed
        result.reusedFiles += linkFiles(path.join(reuse.from, before), path.join(folder, at), filesUnder(path.join(reuse.from, before), before === "pagefind/" ? ["archive"] : []));
        result.pages += pageCount(path.join(folder, at));
      } else {
        result.pages += await writeIndex(part, root, path.join(folder, at), language);
        result.reindexed++;
      }
    }
    return result;
  } catch (error) {
    throw new Error(`Search index (Pagefind) failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
