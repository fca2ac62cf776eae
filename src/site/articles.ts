// Wires articles into Eleventy: validate everything before the first write, then publish the
// validated records as collections: one page per article, and the listings.
import path from "node:path";
import type { DateTime } from "luxon";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { buildNow } from "../content/clock.ts";
import { changedPages } from "./changes.ts";
import { loadArticles, type Article } from "../content/load.ts";
import type { StaticPage } from "../content/pages.ts";
import type { Author } from "../content/authors.ts";
import { hasExpired } from "../content/expiry.ts";
import type { Desks } from "../content/sections.ts";
import { FRONT_PAGE_FILE } from "../content/frontpage.ts";
import { ArticleProblems, type Problem } from "../content/problems.ts";
import { buildCollections, LISTING_PAGES, type Collections } from "./collections.ts";
import { patchCollections } from "./patch-collections.ts";

export interface Options {
  root: string;
  dir: string;
  /** Static pages (src/site/static-pages.ts builds them), validated with the articles. */
  pagesDir: string;
  timezone: string;
  pageSize: number;
  homeTitle: string;
  now: () => DateTime;
  /** Drafts and embargoed articles are built (and marked) only in the dev server. */
  includeUnpublished: boolean;
  /** The dev server builds the valid articles and reports the rest instead of stopping. */
  tolerateProblems: boolean;
  /** The dev server re-renders only the pages an edit changed (src/site/changes.ts). */
  renderChangedOnly: boolean;
  /** Eleventy's watcher reports article edits, unless `npm start` watches the folders itself (src/serve/article-watch.ts). */
  watchFiles: boolean;
  /** Where a dev build's problems go; by default the event "articles.problems" (src/serve/dev-server.ts shows them). */
  onProblems?: (problems: Problem[]) => void;
}

const devRun = ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");

export const defaults: Omit<Options, "timezone" | "homeTitle"> = {
  root: process.cwd(),
  dir: "articles",
  pagesDir: "pages",
  pageSize: 20,
  now: () => buildNow(),
  includeUnpublished: devRun,
  tolerateProblems: devRun,
  renderChangedOnly: devRun,
  watchFiles: process.env.ARTICLE_FOLDERS_WATCHED !== "1",
};

/** The dev server loads with the clock of its first build; an embargo that lifts (or an expiry that passes) since is applied here. */
export function liftEmbargo(article: Article, now: DateTime): Article {
  const lifted = article.status === "embargoed" && article.date.instant <= now ? { ...article, status: "published" as const } : article;
  return lifted.status === "published" && hasExpired(lifted.expires, now) ? { ...lifted, status: "expired" } : lifted;
}

/** What other plugins hear (event "articles.loaded") once the articles of a build are known. */
export interface ArticlesLoaded {
  /** The articles this build publishes (the dev server's drafts and embargoed ones included). */
  articles: Article[];
  /** What the listing pages show (src/site/collections.ts). */
  collections: Collections;
  /** The static pages of pages/ (all built; a dev build leaves out those with problems). */
  pages: StaticPage[];
  /** Reporters' profiles (_data/authors.ts), whether or not they have a story here. */
  authors: Author[];
  /** Stories whose `expires` has passed: a production build writes a "no longer available" page at each address (src/site/expired.ts). */
  expired: Article[];
  /** The desks of _data/sections.ts, in the header's order (each has a page and a feed, even empty). */
  desks: Desks;
  /** The dev server after an edit that moved no article (collections.ts): edited articles, old → new. */
  replaced?: Map<Article, Article>;
  /** Site-relative URLs of every page the articles make: theirs, then the listings' (worked out when asked: only a production build does). */
  pageUrls: () => string[];
  root: string;
  directories: { output: string };
  runMode: "build" | "serve" | "watch";
}

export const COLLECTIONS = [
  "articles", "homePages", "sections", "sectionPages", "tags", "tagPages", "months", "monthPages",
  "sources", "sourcePages", "datelines", "datelinePages", "years", "yearPages", "authors", "authorPages", "correctionPages", "articleLinks",
] as const;

export function articlesPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> & Pick<Options, "timezone" | "homeTitle">) {
  const options: Options = { ...defaults, ...userOptions };
  let collections: Collections | undefined;
  let loadNow: DateTime | undefined;

  // Article files are data, not templates (each would pay Eleventy's per-file cost): the loader reads
  // them, one paginated template renders every article page (https://www.11ty.dev/docs/pages-from-data/)
  // and the folder's data file still applies. Eleventy's file search skips the folder: matching
  // 100,000 paths against the template globs took about 0.25 s of a profiled build.
  eleventyConfig.ignores.add(`${options.dir}/**`);
  // https://www.11ty.dev/docs/watch-serve/#ignore-watching-files (its template glob covers the folder too)
  if (options.watchFiles) eleventyConfig.addWatchTarget(`${options.dir}/**/*.md`);
  else eleventyConfig.watchIgnores.add(`${options.dir}/**`);
  // read by the loader, not Eleventy's data cascade: an edit rebuilds the collections and every page
  eleventyConfig.addWatchTarget(FRONT_PAGE_FILE);
  const isArticleFile = (file: string) => /\.md$/.test(file) && path.normalize(file).startsWith(`${path.normalize(options.dir)}${path.sep}`);
  changedPages.enabled = options.renderChangedOnly;
  // the dev server's edit, when it touched article files only: the loader reads just those again
  let editedFiles: string[] | undefined;
  // https://www.11ty.dev/docs/events/#eleventy-before-watch — the files of the edit that triggered this build
  eleventyConfig.on("eleventy.beforeWatch", (files: string[]) => {
    changedPages.changed(files, isArticleFile);
    const articleEdit = options.renderChangedOnly && files.every(isArticleFile);
    editedFiles = articleEdit ? files.map((file) => path.normalize(file).split(path.sep).join("/")) : undefined;
  });
  eleventyConfig.on("eleventy.after", () => changedPages.finishBuild());

  // https://www.11ty.dev/docs/events/#eleventy-before — runs before any template is written
  eleventyConfig.on("eleventy.before", async ({ directories, runMode }: Pick<ArticlesLoaded, "directories" | "runMode">) => {
    const now = options.now();
    // "now" is part of each file's cache key: a fixed one keeps unchanged files cached between saves
    loadNow = options.tolerateProblems ? (loadNow ?? now) : now;
    const changed = editedFiles;
    editedFiles = undefined;
    const loaded = await loadArticles({ root: options.root, dir: options.dir, pagesDir: options.pagesDir, timezone: options.timezone, now: loadNow, changed });
    if (loaded.problems.length && !options.tolerateProblems) throw new ArticleProblems(loaded.problems);
    if (options.tolerateProblems) {
      if (options.onProblems) options.onProblems(loaded.problems);
      else await eleventyConfig.emit("articles.problems", loaded.problems);
    }
    // an article with problems gets no page in the dev server (reported, see onProblems)
    const broken = new Set(loaded.problems.map((p) => p.file));
    const articles = loaded.articles.filter((a) => !broken.has(a.file)).map((a) => liftEmbargo(a, now));
    const visible = options.includeUnpublished ? articles : articles.filter((a) => a.status === "published");
    const patched = changed && collections ? patchCollections(collections, visible) : undefined;
    if (patched) changedPages.limitTo(patched.touched);
    collections = patched?.collections ?? buildCollections(visible, options.timezone, options.pageSize, options.homeTitle, { desks: loaded.desks, frontPage: loaded.frontPage, authors: loaded.authors });
    const built = collections;
    // the tags the collections re-spelled: pages made of the same objects as last time are the same
    changedPages.collected(visible);
    const pageUrls = () => [...visible, ...LISTING_PAGES.flatMap((name) => built[name])].map((page) => page.url);
    const pages = loaded.pages.filter((p) => !broken.has(p.file));
    // the dev server shows an expired story with a banner; a production build, a page saying it is gone
    const expired = options.includeUnpublished ? [] : articles.filter((a) => a.status === "expired");
    const event: ArticlesLoaded = { articles: visible, collections: built, pages, authors: loaded.authors, expired, desks: loaded.desks, replaced: patched?.replaced, pageUrls, root: options.root, directories, runMode };
    await eleventyConfig.emit("articles.loaded", event);
  });

  // Layout and permalink are folder defaults: articles/articles.11tydata.ts. The layout renders the
  // story: Eleventy keeps each page's own content until the build ends (10,000 stories, ~100 MB).
  eleventyConfig.addTemplate(`${options.dir}/article-pages.njk`, "", {
    pagination: {
      data: "collections.articles", size: 1, alias: "article",
      before: (articles: Article[]) => changedPages.articlePages(articles, collections!.articleLinks),
    },
  });

  for (const name of COLLECTIONS) {
    eleventyConfig.addCollection(name, () => collections?.[name] ?? []);
  }
}
