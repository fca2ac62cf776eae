// Writing a new article file for `npm run new` and `npm run import`: front matter serialised by
// the yaml package, checked by the build's own parser before a byte is written, never over a file.
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { Document, isSeq } from "yaml";
import { parseArticleDate } from "./dates.ts";
import { loadArticles, parseArticle, type Article } from "./load.ts";
import type { Problem } from "./problems.ts";
import { slugify } from "./slug.ts";

export interface ComposeOptions {
  root: string;
  /** Articles folder relative to root: files go to <dir>/<yyyy>/<slug>.md. */
  dir: string;
  timezone: string;
  now: DateTime;
}

/** Field order as editors read it; undefined fields are left out. */
export interface NewFields {
  title: string;
  date: string;
  dateline: string;
  source: string;
  description?: string;
  tags?: string[];
  draft?: true;
}

export type Composed = { file: string; text: string; article: Article } | { problems: Problem[] };

export function frontMatterText(fields: NewFields): string {
  const doc = new Document(fields);
  const tags = doc.get("tags", true);
  if (isSeq(tags)) tags.flow = true; // tags: [WeChat, Courts], as the house style writes them
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * The file an article would be written to and its full text, or the problems the build would
 * report for it (same parser, same messages), including a URL another article already uses.
 */
export function composeArticle(fields: NewFields, body: string, options: ComposeOptions, takenUrls: Map<string, string>): Composed {
  const date = parseArticleDate(fields.date, options.timezone);
  const year = typeof date === "string" ? "undated" : String(date.instant.setZone(options.timezone).year);
  const slug = slugify(fields.title);
  const file = path.posix.join(options.dir.split(path.sep).join("/"), year, `${slug}.md`);
  if (!slug) return { problems: [{ file, field: "title", message: "gives an empty URL slug (expected letters or digits)" }] };
  const text = `---\n${frontMatterText(fields)}---\n\n${body.trim()}\n`;
  const parsed = parseArticle(file, text, options);
  if ("problems" in parsed) return parsed;
  const owner = takenUrls.get(parsed.article.url);
  if (owner && owner !== file) {
    const message = `gives URL ${parsed.article.url}, already used by ${owner} (expected a headline or date that differs)`;
    return { problems: [{ file, field: "title", message }] };
  }
  return { file, text, article: parsed.article };
}

/** URL → file of every article that loads; invalid ones are `npm run check`'s business. */
export async function takenUrls(options: ComposeOptions): Promise<Map<string, string>> {
  const exists = await stat(path.join(options.root, options.dir)).then((s) => s.isDirectory(), () => false);
  if (!exists) return new Map();
  const { articles } = await loadArticles(options);
  return new Map(articles.map((a) => [a.url, a.file]));
}

export const fileExists = (root: string, file: string) =>
  stat(path.resolve(root, file)).then(() => true, () => false);

/** Writes with O_EXCL: false, and nothing written, when the file already exists. */
export async function writeNew(root: string, file: string, text: string): Promise<boolean> {
  const absolute = path.resolve(root, file);
  await mkdir(path.dirname(absolute), { recursive: true });
  try {
    await writeFile(absolute, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** "--tags WeChat, US-China" → ["WeChat", "US-China"]. */
export const tagList = (value: string | undefined): string[] | undefined => {
  const tags = (value ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  return tags.length ? tags : undefined;
};
