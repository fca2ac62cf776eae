// An article's story text: read from its file when its page (or a feed entry) is rendered, so
// 10,000 bodies are never held in memory at once.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Article } from "./load.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { markdown } from "../markdown.ts";

/** The Markdown after the front matter ("" if the file changed under the build and lost it). */
export function storyMarkdown(article: Pick<Article, "file">, root: string): string {
  const split = splitFrontMatter(readFileSync(path.join(root, article.file), "utf8"));
  return typeof split === "string" ? "" : split.body;
}

/**
 * The story as the article page shows it. The article goes in markdown-it's env so its pictures
 * resolve beside its file (src/images.ts); no template engine ever reads the text.
 */
export function storyBody(article: Article, root: string): string {
  return markdown.render(storyMarkdown(article, root), { article });
}
