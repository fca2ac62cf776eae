// Parsed articles kept between production builds (in .cache/build/, beside the page signatures):
// an article file whose text is unchanged is not parsed and validated again. Only valid records are
// kept, with the "now" they were checked at; status (draft, embargoed, expired) is worked out again
// for every build's "now". Invalid for another fingerprint (code, data, settings: src/build/incremental.ts).
import { appendFile } from "node:fs/promises";
import type { DateTime } from "luxon";
import { FORMAT, readName, readShared, storeDate, storeName, type StoredArticle } from "./record-file.ts";
import { rememberedZone, zonedDate } from "./zone-offsets.ts";
import { RepeatedParts } from "./repeated-parts.ts";
import type { ImageRef } from "./image-refs.ts";
import type { Article, KeptRecords } from "./load.ts";
import { asciiJson, writeWhole } from "../runtime/write-whole.ts";
import { plainWorkerResult } from "../runtime/workers.ts";
import { handedStats } from "./file-stats.mjs";

type Valid = { article: Article; images: ImageRef[] };
/**
 * `stat`: the file's time and size when its digest was taken; the same again, it is not read.
 * `json`: the record's text, or where it is in the file read, with its line (a record is decoded only when asked for).
 */
type Entry = { digest: string; checkedAt: number; stat: string; json: string | { start: number; end: number; line: number } };
const [NEWLINE, TAB] = [0x0a, 0x09];

export class RecordCache implements KeptRecords {
  #entries = new Map<string, Entry>();
  /** Names set since the file was read; lines the file holds (a name set again has two: the last counts). */
  #added = new Set<string>();
  #lines = -1;
  /** The file as read: a record's text is taken out of it when asked for, not the whole file as one string (115 MB at 100,000 articles). */
  #bytes: Buffer = Buffer.alloc(0);
  #parts = new RepeatedParts();

  /** The cache file's records, if it was written under the same `key` (and `read`); else an empty cache. */
  constructor(readonly file: string, readonly key: string, readonly timezone: string, read = true) {
    if (!read) return;
    try {
      this.#bytes = readShared(file);
    } catch {
      return;
    }
    const first = this.#bytes.indexOf(NEWLINE);
    if (first < 0 || this.#text(0, first) !== `${FORMAT}\t${key}\t${timezone}`) {
      this.#bytes = Buffer.alloc(0);
      return;
    }
    this.#lines = 0;
    for (let start = first + 1; start <= this.#bytes.length; start = this.#entry(start) + 1) this.#lines++;
  }

  /** ASCII only (asciiJson): a field is its bytes, read as Latin-1. */
  #text(start: number, end: number): string {
    return this.#bytes.toString("latin1", start, end);
  }

  /** Takes in the line at `start` (name, digest, checkedAt, stat, then the record's JSON); returns where it ends. */
  #entry(start: number): number {
    // bytes as numbers: Buffer#indexOf converts a string needle to bytes on every call (25 ms of
    // the 170 that reading 10,000 records took)
    const next = this.#bytes.indexOf(NEWLINE, start);
    const end = next < 0 ? this.#bytes.length : next;
    let json = start;
    for (let tabs = 0; tabs < 4; tabs++) {
      json = this.#bytes.indexOf(TAB, json) + 1;
      if (json === 0 || json > end) return end;
    }
    // the four fields in one string, split in JavaScript: one copy out of the buffer instead of four
    const [stored, digest, checkedAt, stat] = this.#text(start, json - 1).split("\t") as [string, string, string, string];
    const name = readName(stored);
    if (name && digest && Number(checkedAt) && stat && json < end) this.#entries.set(name, { digest, checkedAt: Number(checkedAt), stat, json: { start: json, end, line: start } });
    return end;
  }

  #json({ json }: Entry): string {
    return typeof json === "string" ? json : this.#text(json.start, json.end);
  }

  /** The record of `name` when its text still has `digest` and it was checked no later than `now`. */
  get(name: string, digest: string, now: DateTime): Valid | undefined {
    const entry = this.#entries.get(name);
    // a correction dated after an earlier "now" was a problem then: a record is only as good as its check
    if (entry?.digest !== digest || entry.checkedAt > now.toMillis()) return undefined;
    const zone = rememberedZone(this.timezone);
    try {
      const record = JSON.parse(this.#json(entry)) as Valid;
      const { article } = record;
      this.#parts.share(article);
      // parsed from JSON, `instant` holds the milliseconds storeDate wrote; the objects are this call's own, so set in place
      for (const stored of [article.date, article.updated, article.expires, ...article.corrections.map((c) => c.date)]) {
        if (stored) stored.instant = zonedDate(stored.instant as unknown as number, zone);
      }
      return record;
    } catch {
      // a line cut short (a build killed while writing it, a full disk): the file is parsed again
      return undefined;
    }
  }

  /** The file as read, in memory another thread can read (undefined: none was read). */
  get shared(): SharedArrayBuffer | undefined {
    return this.#lines < 0 ? undefined : (this.#bytes.buffer as SharedArrayBuffer);
  }

  /** Where the line of `name`'s record is in `shared`, while its record is the file's (`keptRecordAt` reads it). */
  lineOf(name: string): { start: number; end: number } | undefined {
    const json = this.#entries.get(name)?.json;
    return typeof json === "object" ? { start: json.line, end: json.end } : undefined;
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
    const stored: StoredArticle = { ...article, date: storeDate(article.date), updated: article.updated && storeDate(article.updated), expires: article.expires && storeDate(article.expires), corrections: article.corrections.map((c) => ({ ...c, date: storeDate(c.date) })) };
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
    const line = (name: string, entry: Entry) => `${storeName(name)}\t${entry.digest}\t${entry.checkedAt}\t${entry.stat}\t${this.#json(entry)}`;
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
 * The article files' times and sizes (src/content/file-stats.mjs), handed over by the build's first
 * process or taken on a worker thread; the loader compares them with the kept records'. Undefined
 * if both fail: the loader stats each file itself.
 */
export function fileStatsInBackground(root: string, dir = "articles"): Promise<ReadonlyMap<string, string> | undefined> {
  const handed = handedStats(root, dir);
  const worker = () => plainWorkerResult<Map<string, string>>(new URL("./file-stats.mjs", import.meta.url), { fileStats: [root, dir] });
  return handed ? handed.then((stats) => stats ?? worker()) : worker();
}
