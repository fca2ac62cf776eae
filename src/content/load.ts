// Reads and validates every article before anything is written. All problems come back
// together, one line each, so an editor fixes a batch in one go instead of build-by-build.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import { parseArticle, statusAt, type Article, type Parsed, type Valid } from "./article.ts";
import { articleFiles } from "./article-files.ts";
import { imageProblems } from "./image-refs.ts";
import { noteDigest, notePictures, textDigest } from "./digests.ts";
import type { Problem } from "./problems.ts";
import { aliasCollisions, urlCollisions } from "./aliases.ts";
import { loadPages, type StaticPage } from "./pages.ts";
import { loadAuthors, type Author } from "./authors.ts";
import { deskClashes, projectDesks, type Desks } from "./sections.ts";
import { frontPageWarnings, loadFrontPage, type FrontPageChoice } from "./frontpage.ts";

// one article file read: src/content/article.ts (re-exported for the modules that load and render them)
export { parseArticle, type Article, type Tag } from "./article.ts";

export interface LoadOptions {
  root: string;
  dir?: string;
  /** The static pages' folder (src/content/pages.ts), loaded and checked with the articles. */
  pagesDir?: string;
  timezone: string;
  now: DateTime;
  /**
   * The dev server after an edit: the article files the watcher reported (project-relative). Only
   * these are read again; the others are taken from the last load of the same folder.
   */
  changed?: string[];
  /** `npm run build`: records kept from the last build, used for files whose text is unchanged (src/content/record-cache.ts). */
  records?: KeptRecords;
  /** `npm run build`: every article file's time and size, taken ahead ("mtimeMs:size" by file; record-cache.ts); its names are the list of files. */
  stats?: Promise<ReadonlyMap<string, string> | undefined>;
  /** Reporters' profiles as _data/authors.ts exports them (src/content/authors.ts); by default, that file's. */
  authors?: unknown;
}

export interface LoadResult {
  /** Every valid article, drafts and embargoed ones included, newest first. */
  articles: Article[];
  /** Every valid static page, in file-name order. */
  pages: StaticPage[];
  /** Every valid profile of _data/authors.ts. */
  authors: Author[];
  problems: Problem[];
  /** Lines that never stop a build (a chosen front-page story that is not published). */
  warnings: Problem[];
  /** The desks (_data/sections.ts) and the front page's arrangement (_data/frontpage.yaml). */
  desks: Desks;
  frontPage: FrontPageChoice;
}

/** Valid records kept between builds, by file: one is good while the file's text has the same digest. */
export interface KeptRecords {
  /** A new record on every call: the loader sets its status in place. */
  get(file: string, digest: string, now: DateTime): Valid | undefined;
  set(file: string, digest: string, now: DateTime, record: Valid, stat: string): void;
  /** The digest kept for a file whose time and size are still `stat`. */
  digestOf(file: string, stat: string): string | undefined;
  restat(file: string, stat: string): void;
}
const cache = new Map<string, { key: string; parsed: Parsed }>();

// `npm run build` validates, then Eleventy's plugins ask again within the same second: one answer
let pinned: { key: string; result: LoadResult } | undefined;
const loadKey = (options: LoadOptions) => JSON.stringify([options.root, options.dir ?? "articles", options.pagesDir ?? "pages", options.timezone, options.now.toMillis()]);

/** The next load with the same root, folders, zone and "now" (and no `changed`) gets `result` back: one process, one build. */
export function pinLoad(options: LoadOptions, result: LoadResult): void {
  pinned = { key: loadKey(options), result };
}

export async function loadArticles(options: LoadOptions): Promise<LoadResult> {
  if (pinned && !options.changed && pinned.key === loadKey(options)) return pinned.result;
  const stats = await options.stats;
  // the stats were taken of every article file: their names are the list, the folder is not walked twice
  const files = stats && !options.changed ? [...stats.keys()].sort() : await articleFiles(options.root, options.dir, options.changed);
  const changed = options.changed && new Set(options.changed);
  // one file at a time, synchronously: read through the thread pool's promises (open, stat, read,
  // close, each a round trip) loading 10,000 articles took 5.4 s instead of 3.7 s
  const parsed = files.map((file) => (changed && !changed.has(file) && cache.get(cacheKey(options.root, file))?.parsed) || loadCached(file, options, stats?.get(file)));
  const articles: Article[] = [];
  const problems: Problem[] = [];
  for (const result of parsed) {
    if ("article" in result) {
      articles.push(result.article);
      // image files are checked on every load, not cached: one can be added or removed any time
      problems.push(...imageProblems(result.article.file, result.images, options.root));
      notePictures(options.root, result.article.file, result.images);
    } else problems.push(...result.problems);
  }
  problems.push(...urlCollisions(articles));
  const { pages, problems: pageProblems } = await loadPages(options.root, options.pagesDir);
  problems.push(...pageProblems, ...aliasCollisions([...articles, ...pages]));
  const { authors, problems: authorProblems } = loadAuthors(options.root, options.authors);
  problems.push(...authorProblems);
  const { desks, problems: deskProblems } = projectDesks;
  const front = loadFrontPage(options.root, articles, files);
  problems.push(...deskProblems, ...deskClashes(desks, [...articles, ...pages]), ...front.problems);
  const warnings = frontPageWarnings(front.choice, articles);
  return { articles: newestFirst(articles), pages, authors, problems, warnings, desks, frontPage: front.choice };
}

const cacheKey = (root: string, file: string) => `${root}\0${file}`;
const statText = (info: { mtimeMs: number; size: number }) => `${info.mtimeMs}:${info.size}`;

/** `statAhead`: the file's "mtimeMs:size" if it was taken ahead (LoadOptions.stats). */
function loadCached(file: string, options: LoadOptions, statAhead?: string): Parsed {
  const absolute = path.join(options.root, file);
  // synchronous: 10,000 stats through the thread pool's promises took half a second
  const stat = statAhead ?? statText(statSync(absolute));
  // status depends on "now", so it is part of the key as well as the file's identity
  const key = `${stat}:${options.timezone}:${options.now.toMillis()}`;
  const hit = cache.get(cacheKey(options.root, file));
  if (hit?.key === key) return hit.parsed;
  // a kept record of a file with the same time and size: not read at all (10,000 files, 50 MB)
  const known = options.records?.digestOf(file, stat);
  const raw = known === undefined ? readFileSync(absolute, "utf8") : undefined;
  const digest = known ?? textDigest(raw!);
  const record = options.records && kept(file, digest, options.now, options.records);
  if (record && raw !== undefined) options.records!.restat(file, stat);
  const parsed = record || parseArticle(file, raw ?? readFileSync(absolute, "utf8"), options);
  if (!record && options.records && "article" in parsed) options.records.set(file, digest, options.now, parsed, stat);
  cache.set(cacheKey(options.root, file), { key, parsed });
  noteDigest(options.root, file, digest);
  return parsed;
}

/** `npm run build`: the record kept from the last build when the file's text is the same (src/content/record-cache.ts). */
function kept(file: string, digest: string, now: DateTime, records: KeptRecords): Parsed | undefined {
  const record = records.get(file, digest, now);
  // each call's record is its own (parsed again): its status is set in place
  if (record) record.article.status = statusAt(record.article, now);
  return record;
}

/** Newest first; articles of the same instant stay in file order. Numbers compared, not luxon dates. */
function newestFirst(articles: Article[]): Article[] {
  const times = new Float64Array(articles.length);
  for (let i = 0; i < articles.length; i++) times[i] = articles[i]!.date.instant.toMillis();
  const order = Array.from(articles.keys());
  order.sort((x, y) => times[y]! - times[x]! || x - y);
  return order.map((i) => articles[i]!);
}
