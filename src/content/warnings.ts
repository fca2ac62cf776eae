// Editorial warnings for `npm run check`: things that build fine but read badly in search results,
// link previews or tag pages. They never stop a build.
import type { Article } from "./load.ts";
import type { Problem } from "./problems.ts";
import { closest } from "./suggest.ts";

export interface Options {
  /** Google's limit for an Article's JSON-LD headline. */
  maxTitle: number;
  /** Beyond this, search results and link previews cut the standfirst. */
  maxDescription: number;
}

export const defaults: Options = { maxTitle: 110, maxDescription: 300 };

/** Characters as readers count them: "新闻" is 2, an emoji is 1. */
const length = (text: string) => Array.from(text).length;

export function articleWarnings(articles: readonly Article[], options: Partial<Options> = {}): Problem[] {
  const { maxTitle, maxDescription } = { ...defaults, ...options };
  const uses = new Map<string, number>();
  const names = new Map<string, string>();
  for (const tag of articles.flatMap((a) => a.tags)) {
    uses.set(tag.slug, (uses.get(tag.slug) ?? 0) + 1);
    if (!names.has(tag.slug)) names.set(tag.slug, tag.name);
  }
  const shared = [...names].filter(([slug]) => (uses.get(slug) ?? 0) > 1).map(([, name]) => name);

  const warnings: Problem[] = [];
  const byFile = [...articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)); // the order problems are listed in
  for (const { file, title, description, image, tags } of byFile) {
    if (length(title) > maxTitle) {
      warnings.push({ file, field: "title", message: `is ${length(title)} characters (search engines use at most ${maxTitle}; shorten the headline)` });
    }
    if (length(description) > maxDescription) {
      const message = `is ${length(description)} characters (search results and link previews cut it after ${maxDescription}; set a shorter description:)`;
      warnings.push({ file, field: "description", message });
    }
    if (image && !image.caption) {
      warnings.push({ file, field: "image", message: "has no caption (expected caption: saying who, what, where and when)" });
    }
    for (const tag of tags.filter((t) => uses.get(t.slug) === 1)) {
      const guess = closest(tag.name, shared);
      const hint = guess ? `did you mean "${guess}"?` : "a tag page with one story; check the spelling or drop it";
      warnings.push({ file, field: "tags", message: `"${tag.name}" is used by no other article (${hint})` });
    }
  }
  return warnings;
}
