// Reads and validates every article before anything is written. All problems come back
// together, one line each, so an editor fixes a batch in one go instead of build-by-build.
import { existsSync, readFileSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { parseArticleDate, type ArticleDate } from "./dates.ts";
import { firstParagraphText } from "./markdown.ts";
import { frontMatterSchema, FIELDS, type FrontMatter } from "./schema.ts";
import { parseYaml, splitFrontMatter } from "./frontmatter.ts";
import { slugify } from "./slug.ts";
import { imageProblems, imageRefs, isRemote, type ImageRef } from "./image-refs.ts";
import { noteDigest, notePictures, textDigest } from "./digests.ts";
import { describeIssue, type Problem } from "./problems.ts";
import { aliasCollisions } from "./aliases.ts";
import { loadPages, type StaticPage } from "./pages.ts";
import { parseCorrections, type Correction } from "./corrections.ts";
import { hasExpired, parseExpiry } from "./expiry.ts";
import { loadAuthors, type Author } from "./authors.ts";
import { deskClashes, findSection, projectDesks, sectionMismatch, type Desks, type Section } from "./sections.ts";
import { frontPageWarnings, loadFrontPage, type FrontPageChoice } from "./frontpage.ts";

export interface Tag {
  name: string;
  slug: string;
}

/** A validated article: the front matter (typed by the schema) plus what the build derives. */
export interface Article extends Omit<FrontMatter, "date" | "updated" | "tags" | "corrections" | "expires" | "section"> {
  /** Path relative to the project, as editors and Eleventy name it: articles/2020/x.md */
  file: string;
  date: ArticleDate;
  updated: ArticleDate | undefined;
  /** Newest first (src/content/corrections.ts). */
  corrections: Correction[];
  expires: ArticleDate | undefined;
  tags: Tag[];
  /** Its desk (_data/sections.ts): the one `section:` names, else the default desk. */
  section: Section;
  description: string;
  slug: string;
  /** The dateline split at its last comma: "New York" and "United States"; none for a draft without a dateline. */
  place: { city: string; country: string } | undefined;
  /** Site-relative URL without the path prefix: /2020/09/20/slug/ */
  url: string;
  status: "published" | "draft" | "embargoed" | "expired";
  /** Pictures given as http(s) addresses, fetched by the build (src/render/remote-images.ts). */
  remoteImages: ImageRef[];
}

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
  /** `npm run build`: the article files' times and sizes, taken ahead ("mtimeMs:size" by file; record-cache.ts). */
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

type Valid = { article: Article; images: ImageRef[] };
type Parsed = Valid | { problems: Problem[] };

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

export async function findArticleFiles(root: string, dir = "articles"): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
  const folders = new Map<string, string>(); // each folder's project-relative path, worked out once
  const folder = (parent: string) => {
    let relative = folders.get(parent);
    if (relative === undefined) folders.set(parent, (relative = path.relative(root, parent).split(path.sep).join("/")));
    return relative;
  };
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => `${folder(e.parentPath)}/${e.name}`)
    .sort();
}

// each folder's article files at its last load, for a reload that knows what changed
const listings = new Map<string, { files: string[]; known: Set<string> }>();

async function articleFiles(options: LoadOptions): Promise<string[]> {
  const folder = path.join(options.root, options.dir ?? "articles");
  const last = listings.get(folder);
  // files edited, none added or removed: the same list; otherwise the folder is walked again
  const edited = (file: string) => last!.known.has(file) && existsSync(path.join(options.root, file));
  if (last && options.changed?.every(edited)) return last.files;
  const files = await findArticleFiles(options.root, options.dir);
  listings.set(folder, { files, known: new Set(files) });
  return files;
}

// `npm run build` validates, then Eleventy's plugins ask again within the same second: one answer
let pinned: { key: string; result: LoadResult } | undefined;
const loadKey = (options: LoadOptions) => JSON.stringify([options.root, options.dir ?? "articles", options.pagesDir ?? "pages", options.timezone, options.now.toMillis()]);

/** The next load with the same root, folders, zone and "now" (and no `changed`) gets `result` back: one process, one build. */
export function pinLoad(options: LoadOptions, result: LoadResult): void {
  pinned = { key: loadKey(options), result };
}

export async function loadArticles(options: LoadOptions): Promise<LoadResult> {
  if (pinned && !options.changed && pinned.key === loadKey(options)) return pinned.result;
  const files = await articleFiles(options);
  const changed = options.changed && new Set(options.changed);
  const stats = await options.stats;
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

/** Whether an article is shown at `now`: drafts never, embargoed ones from their date, expired ones no more. */
const statusAt = (article: Pick<Article, "draft" | "date" | "expires">, now: DateTime): Article["status"] =>
  article.draft ? "draft" : article.date.instant > now ? "embargoed" : hasExpired(article.expires, now) ? "expired" : "published";

export function parseArticle(file: string, raw: string, options: Pick<LoadOptions, "timezone" | "now"> & { desks?: Desks }): Parsed {
  const fail = (field: string, message: string): Parsed => ({ problems: [{ file, field, message }] });
  const split = splitFrontMatter(raw);
  if (typeof split === "string") return fail("front matter", split);
  const yaml = parseYaml(split.yaml, split.yamlStartLine);
  if ("error" in yaml) {
    return fail("front matter", `YAML syntax error at line ${yaml.line}, column ${yaml.column}: ${yaml.error} (expected valid YAML)`);
  }
  const result = frontMatterSchema.safeParse(yaml.data);
  if (!result.success) return { problems: result.error.issues.flatMap((issue) => describeIssue(file, issue, FIELDS)) };
  const fm = result.data;
  if (!split.body.trim()) return fail("body", "is empty (expected the story text after the front matter)");

  const problems: Problem[] = [];
  const date = parseArticleDate(fm.date, options.timezone);
  if (typeof date === "string") problems.push({ file, field: "date", message: date });
  const updated = fm.updated === undefined ? undefined : parseArticleDate(fm.updated, options.timezone);
  if (typeof updated === "string") problems.push({ file, field: "updated", message: updated });
  if (typeof date === "object" && typeof updated === "object" && updated.instant < date.instant) {
    problems.push({ file, field: "updated", message: `is "${fm.updated}", before date "${fm.date}" (expected a time after publication)` });
  }
  const published = typeof date === "object" ? { date, text: fm.date } : undefined;
  const { corrections, problems: correctionProblems } = parseCorrections(file, fm.corrections, published, options);
  problems.push(...correctionProblems);
  const expires = fm.expires === undefined ? undefined : parseExpiry(file, fm.expires, published, options.timezone);
  if (expires && "message" in expires) problems.push(expires);
  const tags = fm.tags.map((name) => ({ name, slug: slugify(name) }));
  for (const tag of tags) {
    if (!tag.slug) problems.push({ file, field: "tags", message: `"${tag.name}" has no letters or digits (expected a word, e.g. Technology)` });
  }
  const slug = fm.slug ?? (slugify(path.basename(file, ".md")) || slugify(fm.title));
  if (!slug) problems.push({ file, field: "title", message: "gives an empty URL slug (expected letters or digits, or set slug:)" });
  const desks = options.desks ?? projectDesks.desks;
  const section = fm.section === undefined ? desks.fallback : findSection(desks.list, fm.section);
  if (!section) problems.push({ file, field: "section", message: sectionMismatch(desks.list, fm.section) });
  if (problems.length || typeof date !== "object" || typeof updated === "string" || (expires && "message" in expires) || !section) return { problems };

  const local = date.instant.setZone(options.timezone);
  const images = imageRefs(fm.image, split.body);
  const article: Article = {
    ...fm,
    file,
    date,
    updated,
    corrections,
    expires,
    tags: dedupeBySlug(tags),
    section,
    description: fm.description ?? firstParagraphText(split.body),
    slug,
    place: fm.dateline === undefined ? undefined : splitDateline(fm.dateline),
    url: `/${local.toFormat("yyyy/MM/dd")}/${slug}/`,
    status: statusAt({ draft: fm.draft, date, expires }, options.now),
    remoteImages: images.filter((ref) => isRemote(ref.src)),
  };
  return { article, images };
}

/** Newest first; articles of the same instant stay in file order. Numbers compared, not luxon dates. */
function newestFirst(articles: Article[]): Article[] {
  const times = new Float64Array(articles.length);
  for (let i = 0; i < articles.length; i++) times[i] = articles[i]!.date.instant.toMillis();
  const order = Array.from(articles.keys());
  order.sort((x, y) => times[y]! - times[x]! || x - y);
  return order.map((i) => articles[i]!);
}

function splitDateline(dateline: string): NonNullable<Article["place"]> {
  const comma = dateline.lastIndexOf(",");
  return { city: dateline.slice(0, comma).trim(), country: dateline.slice(comma + 1).trim() };
}

function dedupeBySlug(tags: Tag[]): Tag[] {
  const seen = new Set<string>();
  return tags.filter((t) => !seen.has(t.slug) && seen.add(t.slug));
}

function urlCollisions(articles: Article[]): Problem[] {
  if (new Set(articles.map((a) => a.url)).size === articles.length) return [];
  const owners = new Map<string, string>();
  const problems: Problem[] = [];
  for (const article of [...articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const owner = owners.get(article.url);
    if (owner) {
      problems.push({
        file: article.file,
        field: "slug",
        message: `gives URL ${article.url}, already used by ${owner} (expected a unique slug: set slug: to tell them apart)`,
      });
    } else owners.set(article.url, article.file);
  }
  return problems;
}
