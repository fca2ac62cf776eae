// The file of kept records (.cache/build/records.tsv, src/content/record-cache.ts): one line a record
// (name, digest of its text, the "now" it was checked at, its time and size, the record's JSON), and
// the bytes read into memory the search index's thread shares (src/search/records.ts).
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { ArticleDate } from "./dates.ts";
import type { Article } from "./load.ts";

// dates travel as milliseconds; every article date is in the site's zone (src/content/dates.ts)
type StoredDate = Omit<ArticleDate, "instant"> & { instant: number };
export const storeDate = (date: ArticleDate): StoredDate => ({ ...date, instant: date.instant.toMillis() });
/** An article as the file keeps it: its dates as milliseconds. */
export type StoredArticle = Omit<Article, "date" | "updated" | "expires" | "corrections"> & {
  date: StoredDate;
  updated: StoredDate | undefined;
  expires: StoredDate | undefined;
  corrections: (Omit<Article["corrections"][number], "date"> & { date: StoredDate })[];
};
export const FORMAT = "records 3";
// file names in ASCII too: "%" and every other character past ASCII written as in a URL
export const storeName = (name: string) => name.replace(/[%\u{80}-\u{10ffff}]/gu, encodeURIComponent);
export function readName(stored: string): string | undefined {
  try {
    return stored.includes("%") ? decodeURIComponent(stored) : stored;
  } catch {
    return undefined; // not written by storeName: the line is left out
  }
}

/**
 * The file, read into memory that other threads can share: the search index's thread reads the
 * records it needs from it itself (src/search/records.ts) instead of being sent them.
 */
export function readShared(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break; // cut short meanwhile
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The record on a line of the file (`RecordCache.lineOf`), as stored, and the digest of the text it was made from. */
export function keptRecordAt(bytes: Buffer, start: number, end: number): { digest: string; article: StoredArticle } {
  const line = bytes.toString("latin1", start, end);
  // name, digest, checkedAt, stat, then the record's JSON (no tab in it: JSON writes tabs as \t)
  const tabs: number[] = [];
  for (let at = -1; tabs.length < 4; ) tabs.push((at = line.indexOf("\t", at + 1)));
  const digest = line.slice(tabs[0]! + 1, tabs[1]);
  return { digest, article: (JSON.parse(line.slice(tabs[3]! + 1)) as { article: StoredArticle }).article };
}

