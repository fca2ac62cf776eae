// Wires articles into Eleventy: validate everything before the first write, hand each article
// page its validated record, and publish the listing collections.
import path from "node:path";
import type { DateTime } from "luxon";
import type { EleventyConfig } from "../eleventy-config.ts";
import { buildNow } from "../clock.ts";
import { parseYaml } from "./frontmatter.ts";
import { ArticleProblems, loadArticles, type Article, type Problem } from "./load.ts";
import { buildCollections, type Collections } from "./collections.ts";
import { reportProblems } from "../dev-server.ts";

export interface Options {
  root: string;
  dir: string;
  timezone: string;
  pageSize: number;
  homeTitle: string;
  now: () => DateTime;
  /** Drafts and embargoed articles are built (and marked) only in the dev server. */
  includeUnpublished: boolean;
  /** The dev server builds the valid articles and reports the rest instead of stopping. */
  tolerateProblems: boolean;
  onProblems: (problems: Problem[]) => void;
}

const devRun = ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");

export const defaults: Omit<Options, "timezone" | "homeTitle"> = {
  root: process.cwd(),
  dir: "articles",
  pageSize: 20,
  now: () => buildNow(),
  includeUnpublished: devRun,
  tolerateProblems: devRun,
  onProblems: reportProblems,
};

/** The dev server loads with the clock of its first build; an embargo that lifts since is applied here. */
export function liftEmbargo(article: Article, now: DateTime): Article {
  return article.status === "embargoed" && article.date.instant <= now ? { ...article, status: "published" } : article;
}

export const COLLECTIONS = [
  "articles", "homePages", "tags", "tagPages", "months", "monthPages",
  "sources", "sourcePages", "datelines", "datelinePages", "years", "yearPages", "articleLinks",
] as const;

export function articlesPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> & Pick<Options, "timezone" | "homeTitle">) {
  const options: Options = { ...defaults, ...userOptions };
  let byFile = new Map<string, Article>();
  let collections: Collections | undefined;
  let loadNow: DateTime | undefined;
  const isArticleFile = (file: string) => file.startsWith(`${options.dir}/`) && file.endsWith(".md");

  // https://www.11ty.dev/docs/events/#eleventy-before — runs before any template is written
  eleventyConfig.on("eleventy.before", async () => {
    const now = options.now();
    // "now" is part of each file's cache key: a fixed one keeps unchanged files cached between saves
    loadNow = options.tolerateProblems ? (loadNow ?? now) : now;
    const loaded = await loadArticles({ root: options.root, dir: options.dir, timezone: options.timezone, now: loadNow });
    if (loaded.problems.length && !options.tolerateProblems) throw new ArticleProblems(loaded.problems);
    if (options.tolerateProblems) options.onProblems(loaded.problems);
    const broken = new Set(loaded.problems.map((p) => p.file));
    const articles = loaded.articles.filter((a) => !broken.has(a.file)).map((a) => liftEmbargo(a, now));
    byFile = new Map(articles.map((a) => [a.file, a]));
    const visible = options.includeUnpublished ? articles : articles.filter((a) => a.status === "published");
    collections = buildCollections(visible, options.timezone, options.pageSize, options.homeTitle);
  });

  // Article pages get the validated record instead of raw YAML; the editors' `tags` never reach
  // Eleventy's tag collections. https://www.11ty.dev/docs/data-frontmatter-customize/
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (text: string, parseOptions?: { filePath?: string }) => {
        const file = path.relative(options.root, path.resolve(options.root, parseOptions?.filePath ?? "")).split(path.sep).join("/");
        const article = byFile.get(file);
        if (article) return { article, title: article.title, description: article.description, date: article.date.instant.toJSDate() };
        // an article with problems gets no page in the dev server (reported, see onProblems)
        if (options.tolerateProblems && isArticleFile(file)) return { permalink: false, articleHasProblems: true };
        const parsed = parseYaml(text);
        if ("error" in parsed) throw new Error(`${file}:${parsed.line}:${parsed.column}: ${parsed.error}`);
        delete parsed.data.tags;
        return parsed.data;
      },
    },
  });

  eleventyConfig.addPreprocessor("unpublished-articles", "md", (data) => {
    const article = data.article as Article | undefined;
    if (article && article.status !== "published" && !options.includeUnpublished) return false;
    if (data.articleHasProblems) return false;
    return undefined;
  });

  for (const name of COLLECTIONS) {
    eleventyConfig.addCollection(name, () => collections?.[name] ?? []);
  }
}
