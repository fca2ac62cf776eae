// How the search index is split: by date into parts that keep their articles as new ones arrive,
// so a new story re-indexes a small recent part and the archive's parts are reused (records.ts).
import path from "node:path";
import { filesUnder } from "../runtime/link-files.ts";

// the parts' folders (shared with the survey of the site before last, which runs without TypeScript)
export { archivePart, partOf } from "./part-folders.mjs";

/** Where the search page's bridge (src/search/bridge.js) finds the superseded records, under the site. */
export const SUPERSEDED = "pagefind/superseded.json";

/**
 * A part reused from the last build: its folder there (`from`) and in this build (`at`), relative
 * to the site's folder. The build places its files (partFiles), which the recycled folder may hold
 * already (src/build/recycle.ts), instead of the index's thread linking them all: 10,347 files for
 * a part of 10,000 articles, every build.
 */
export interface PlacedPart {
  from: string;
  at: string;
}

/** The files of the part at `at` in `site`, relative to `at`: not the archive parts inside the main bundle's folder, nor the superseded records, which every build writes. */
export const partFiles = (site: string, at: string) =>
  filesUnder(path.join(site, at), at === "pagefind/" ? ["archive"] : []).filter((file) => `${at}${file}` !== SUPERSEDED);

/**
 * How many articles each part holds, oldest first: whole parts of `size` (the archive), then the
 * rest in whole tenths of `size` (a part re-indexed every tenth of `size` new articles), then what
 * is left (the recent part, under a tenth: re-indexed on every new article, and where an edit to an
 * older story is indexed, src/search/overlay.ts). No empty part, but one for none. The recent part is
 * Pagefind's main bundle, which needs a page: at a whole number of tenths it takes the newest article.
 */
export function partSizes(articles: number, size: number): number[] {
  const tenth = Math.floor(size / 10);
  const whole = Math.floor(articles / size);
  const rest = articles - whole * size;
  // a part under 20 articles has no tenths worth a part of their own
  const recent = tenth > 1 ? rest % tenth : rest;
  const older = [...Array<number>(whole).fill(size), rest - recent].filter((n) => n > 0);
  if (recent > 0 || !older.length) return [...older, recent];
  older[older.length - 1]!--;
  return [...older.filter((n) => n > 0), 1];
}

/** How many parts `indexParts` makes of `articles` articles (one, even for none). */
export const partCount = (articles: number, size: number) => partSizes(articles, size).length;

/**
 * The articles split by date into the parts of `partSizes`, oldest first: old parts keep their
 * articles as new ones are published. The last (newest) part is Pagefind's main bundle,
 * /pagefind/; the others go to `archivePart(1…)` and join its searches in the browser.
 * Within a part the articles keep their given order.
 */
export function indexParts<T extends { date: string; url: string }>(inputs: readonly T[], size: number): T[][] {
  const byDate = inputs.toSorted((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.url < b.url ? -1 : 1));
  const sizes = partSizes(inputs.length, size);
  // where each part ends, by rank from the oldest
  let end = 0;
  const ends = sizes.map((n) => (end += n));
  const part = new Map<T, number>();
  let index = 0;
  byDate.forEach((input, rank) => {
    while (rank >= ends[index]! && index < sizes.length - 1) index++;
    part.set(input, index);
  });
  const parts = sizes.map((): T[] => []);
  for (const input of inputs) parts[part.get(input)!]!.push(input);
  return parts;
}
