// Writing a new article file for `npm run new` and `npm run import`: front matter serialised by
// the yaml package, checked by the build's own parser before a byte is written, never over a file.
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { parseArticleDate } from "./dates.ts";
import { frontMatterText } from "./frontmatter-text.ts";
import { loadArticles, parseArticle, type Article } from "./load.ts";
import { siteAddress } from "./aliases.ts";
import { parsePage, type StaticPage } from "./pages.ts";
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
  /** Only a draft or an opinion piece may go without one (the contract says so). */
  dateline?: string;
  source: string;
  /** The desk (_data/sections.ts) and the kind of story; left out, the contract's defaults apply. */
  section?: string;
  kind?: "analysis" | "opinion";
  description?: string;
  author?: string;
  tags?: string[];
  image?: { src: string; alt: string; caption?: string };
  aliases?: string[];
  draft?: true;
}

export type Composed = { file: string; text: string; article: Article } | { problems: Problem[] };

// the browser editor writes front matter with the same function (src/admin/entry-format.ts)
export { frontMatterText };

/**
 * The file an article would be written to and its full text, or the problems the build would
 * report for it (same parser, same messages), including a URL another article already uses.
 * The file is named for `fileSlug` when given (an imported post keeps its slug), else the title.
 */
export function composeArticle(fields: NewFields, body: string, options: ComposeOptions, takenUrls: Map<string, string>, fileSlug?: string): Composed {
  const date = parseArticleDate(fields.date, options.timezone);
  const year = typeof date === "string" ? "undated" : String(date.instant.setZone(options.timezone).year);
  const slug = fileSlug ?? slugify(fields.title);
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

/** A static page's fields (src/content/pages.ts), in the order editors read them. */
export interface NewPageFields {
  title: string;
  description?: string;
  slug: string;
  aliases?: string[];
}

/** A static page's file (<pagesDir>/<slug>.md) and text, or the problems the pages' own parser reports. */
export function composePage(fields: NewPageFields, body: string, pagesDir: string, takenUrls: Map<string, string>): { file: string; text: string; page: StaticPage } | { problems: Problem[] } {
  const file = path.posix.join(pagesDir.split(path.sep).join("/"), `${fields.slug}.md`);
  const text = `---\n${frontMatterText(fields)}---\n\n${body.trim()}\n`;
  const parsed = parsePage(file, text);
  if ("problems" in parsed) return parsed;
  const owner = takenUrls.get(parsed.page.url);
  const site = siteAddress(parsed.page.url);
  if (site || (owner && owner !== file)) {
    return { problems: [{ file, field: "slug", message: `gives URL ${parsed.page.url}, ${site ? `an address of ${site}` : `already used by ${owner}`} (expected another slug)` }] };
  }
  return { file, text, page: parsed.page };
}

/** URL → file of every article and static page that loads; invalid ones are `npm run check`'s business. */
export async function takenUrls(options: ComposeOptions): Promise<Map<string, string>> {
  const exists = await stat(path.join(options.root, options.dir)).then((s) => s.isDirectory(), () => false);
  if (!exists) return new Map();
  const { articles, pages } = await loadArticles(options);
  return new Map([...articles, ...pages].map((a) => [a.url, a.file]));
}

export const fileExists = (root: string, file: string) =>
  stat(path.resolve(root, file)).then(() => true, () => false);

/** Writes with O_EXCL: false, and nothing written, when the file already exists. */
export async function writeNew(root: string, file: string, text: string): Promise<boolean> {
  const absolute = path.resolve(root, file);
  // the folder is made only when missing: an import writing 10,000 files spent 7% of its time in mkdir
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(absolute, text, { flag: "wx" });
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") return false;
      if (code !== "ENOENT" || attempt > 0) throw error;
      await mkdir(path.dirname(absolute), { recursive: true });
    }
  }
}

/** "--tags WeChat, US-China" → ["WeChat", "US-China"]. */
export const tagList = (value: string | undefined): string[] | undefined => {
  const tags = (value ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  return tags.length ? tags : undefined;
};
