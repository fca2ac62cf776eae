// Parsed articles kept between production builds (in .cache/build/, beside the page signatures):
// an article file whose text is unchanged is not parsed and validated again. Only valid records are
// kept, with the "now" they were checked at; status (draft, embargoed, expired) is worked out again
// for every build's "now". Invalid for another fingerprint (code, data, settings: src/build/incremental.ts).
import { appendFile } from "node:fs/promises";
import { DateTime } from "luxon";
import type { ArticleDate } from "./dates.ts";
import { rememberedZone } from "./zone-offsets.ts";
import type { ImageRef } from "./image-refs.ts";
import type { Article, KeptRecords } from "./load.ts";
import { asciiJson, readAscii, writeWhole } from "../runtime/write-whole.ts";
import { plainWorkerResult } from "../runtime/workers.ts";

type Valid = { article: Article; images: ImageRef[] };
/** `stat`: the file's time and size when its digest was taken; the same again, it is not read. */
type Entry = { digest: string; checkedAt: number; stat: string; json: string };

// dates travel as milliseconds; every article date is in the site's zone (src/content/dates.ts)
const storeDate = (date: ArticleDate | undefined) => date && { ...date, instant: date.instant.toMillis() };
const FORMAT = "records 3";
// file names in ASCII too: "%" and every other character past ASCII written as in a URL
const storeName = (name: string) => name.replace(/[%\u{80}-\u{10ffff}]/gu, encodeURIComponent);
function readName(stored: string): string | undefined {
  try {
    return stored.includes("%") ? decodeURIComponent(stored) : stored;
  } catch {
    return undefined; // not written by storeName: the line is left out
  }
}

export class RecordCache implements KeptRecords {
  #entries = new Map<string, Entry>();
  /** Names set since the file was read; lines the file holds (a name set again has two: the last counts). */
  #added = new Set<string>();
  #lines = -1;

  /** The cache file's records, if it was written under the same `key` (and `read`); else an empty cache. */
  constructor(readonly file: string, readonly key: string, readonly timezone: string, read = true) {
    if (!read) return;
    let text: string;
    try {
      // ASCII only (asciiJson): a one-byte string, in half the time and memory of one with a single "é"
      text = readAscii(file);
    } catch {
      return;
    }
    const lines = text.split("\n");
    if (lines[0] !== `${FORMAT}\t${key}\t${timezone}`) return;
    this.#lines = lines.length - 1;
    for (const line of lines.slice(1)) {
      const [stored, digest, checkedAt, stat, json] = line.split("\t");
      const name = stored && readName(stored);
      if (name && digest && checkedAt && stat && json) this.#entries.set(name, { digest, checkedAt: Number(checkedAt), stat, json });
    }
  }

  /** The record of `name` when its text still has `digest` and it was checked no later than `now`. */
  get(name: string, digest: string, now: DateTime): Valid | undefined {
    const entry = this.#entries.get(name);
    // a correction dated after an earlier "now" was a problem then: a record is only as good as its check
    if (entry?.digest !== digest || entry.checkedAt > now.toMillis()) return undefined;
    const zone = { zone: rememberedZone(this.timezone) };
    try {
      const record = JSON.parse(entry.json) as Valid;
      const { article } = record;
      // parsed from JSON, `instant` holds the milliseconds storeDate wrote; the objects are this call's own, so set in place
      for (const stored of [article.date, article.updated, article.expires, ...article.corrections.map((c) => c.date)]) {
        if (stored) stored.instant = DateTime.fromMillis(stored.instant as unknown as number, zone);
      }
      return record;
    } catch {
      // a line cut short (a build killed while writing it, a full disk): the file is parsed again
      return undefined;
    }
  }

  /** The digest kept for `name` if its file still has the time and size `stat` (then it need not be read). */
  digestOf(name: string, stat: string): string | undefined {
    const entry = this.#entries.get(name);
    return entry?.stat === stat ? entry.digest : undefined;
  }

  /** The file was read again and had the kept digest (a fresh checkout): its new time and size are kept. */
  restat(name: string, stat: string): void {
    const entry = this.#entries.get(name);
    if (!entry || entry.stat === stat) return;
    entry.stat = stat;
    this.#added.add(name);
  }

  /** Kept as text now: the build later merges tag spellings into the same objects. */
  set(name: string, digest: string, now: DateTime, { article, images }: Valid, stat: string): void {
    const stored = { ...article, date: storeDate(article.date), updated: storeDate(article.updated), expires: storeDate(article.expires), corrections: article.corrections.map((c) => ({ ...c, date: storeDate(c.date) })) };
    this.#entries.set(name, { digest, checkedAt: now.toMillis(), stat, json: asciiJson(JSON.stringify({ article: stored, images })) });
    this.#added.add(name);
  }

  /**
   * New records are appended to the file (a line cut short by a killed build is parsed again); it is
   * written whole, or not at all, when a record goes (`keep` names the files still there) or when
   * replaced records make up a third of it.
   */
  async write(keep: ReadonlySet<string>): Promise<void> {
    const gone = [...this.#entries.keys()].filter((name) => !keep.has(name));
    if (!this.#added.size && !gone.length) return;
    const line = (name: string, { digest, checkedAt, stat, json }: Entry) => `${storeName(name)}\t${digest}\t${checkedAt}\t${stat}\t${json}`;
    // appended only to a file read at the start (its folder is there)
    if (this.#lines >= 0 && !gone.length && this.#lines + this.#added.size < 1.5 * this.#entries.size) {
      await appendFile(this.file, [...this.#added].map((name) => `\n${line(name, this.#entries.get(name)!)}`).join(""));
      return;
    }
    const lines = [`${FORMAT}\t${this.key}\t${this.timezone}`];
    for (const [name, entry] of this.#entries) if (keep.has(name)) lines.push(line(name, entry));
    await writeWhole(this.file, lines.join("\n"));
  }
}

/**
 * The article files' times and sizes (src/content/file-stats.mjs), taken on a worker thread; the
 * loader compares them with the kept records'. Undefined if the worker fails: the loader stats each file itself.
 */
export function fileStatsInBackground(root: string, dir = "articles"): Promise<ReadonlyMap<string, string> | undefined> {
  return plainWorkerResult<Map<string, string>>(new URL("./file-stats.mjs", import.meta.url), { fileStats: [root, dir] });
}
