// The front page as the desk arranges it (_data/frontpage.yaml): the lead and the top stories, each
// named by its file, slug or address, and how many stories each desk's block shows. Checked with the
// articles: an entry naming no article stops the build; a chosen story not published is left off, with a warning.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ArticleDate } from "./dates.ts";
import { parseYaml } from "./frontmatter.ts";
import type { Problem } from "./problems.ts";
import { closest } from "./suggest.ts";

export const FRONT_PAGE_FILE = "_data/frontpage.yaml";
const FIELDS = ["lead", "top", "sectionStories"];
const COUNT = { min: 0, max: 12, fallback: 3 };

/** What the front page needs of an article to find it by an editor's entry. */
interface Candidate {
  file: string;
  slug: string;
  url: string;
  status: string;
  date: ArticleDate;
}

/** A chosen story: the entry as written, and the file it names. */
export interface Chosen {
  entry: string;
  file: string;
}

export interface FrontPageChoice {
  lead: Chosen | undefined;
  top: Chosen[];
  /** The newest stories each desk's block shows (0: no desk blocks). */
  sectionStories: number;
}

export const noChoice = (): FrontPageChoice => ({ lead: undefined, top: [], sectionStories: COUNT.fallback });

/** The article an entry names (file, address or slug); "ambiguous" for a slug several articles have. */
export function findChosen<T extends Candidate>(entry: string, articles: readonly T[]): T | "ambiguous" | undefined {
  const file = entry.replace(/^\.\//, "");
  const url = `/${entry.replace(/^\/+|\/+$/g, "")}/`;
  const match = articles.find((a) => a.file === file || a.url === url);
  if (match) return match;
  const bySlug = articles.filter((a) => a.slug === entry);
  return bySlug.length > 1 ? "ambiguous" : bySlug[0];
}

/**
 * Reads and checks the front page's file against the valid articles. `files` are every article
 * file, valid or not: an entry naming one with problems of its own is not reported twice.
 */
export function loadFrontPage(root: string, articles: readonly Candidate[], files: readonly string[], file = FRONT_PAGE_FILE): { choice: FrontPageChoice; problems: Problem[] } {
  const choice = noChoice();
  const absolute = path.join(root, file);
  if (!existsSync(absolute)) return { choice, problems: [] };
  const problems: Problem[] = [];
  const fail = (field: string, message: string) => void problems.push({ file, field, message });
  const yaml = parseYaml(readFileSync(absolute, "utf8"));
  if ("error" in yaml) {
    fail("YAML", `syntax error at line ${yaml.line}, column ${yaml.column}: ${yaml.error} (expected valid YAML)`);
    return { choice, problems };
  }
  const { lead, top, sectionStories } = yaml.data;
  for (const key of Object.keys(yaml.data).filter((k) => !FIELDS.includes(k))) {
    const guess = closest(key, FIELDS);
    fail(key, `is not a known field (${guess ? `did you mean "${guess}"?` : `expected one of ${FIELDS.join(", ")}`})`);
  }
  const slugs = articles.map((a) => a.slug);
  const resolve = (field: string, entry: unknown): Chosen | undefined => {
    const found = typeof entry === "string" && entry.trim() ? findChosen(entry.trim(), articles) : undefined;
    if (typeof entry !== "string" || !entry.trim()) {
      fail(field, `is ${typeof entry === "string" ? "empty" : JSON.stringify(entry)} (expected an article's file, e.g. articles/2020/wechat-ban-blocked.md, or its slug)`);
    } else if (found === "ambiguous") {
      fail(field, `"${entry}" is the slug of more than one article (expected the article's file, e.g. articles/2020/${entry}.md)`);
    } else if (found) {
      return { entry, file: found.file };
    } else if (!files.includes(entry.trim().replace(/^\.\//, ""))) {
      // (a file with problems of its own is reported for them, not here)
      const guess = closest(entry.trim(), slugs);
      fail(field, `"${entry}" names no article (${guess ? `did you mean "${guess}"?` : "expected an article's file, e.g. articles/2020/wechat-ban-blocked.md, or its slug"})`);
    }
    return undefined;
  };
  if (lead !== undefined && lead !== null) choice.lead = resolve("lead", lead);
  if (Array.isArray(top)) choice.top = top.map((entry) => resolve("top", entry)).filter((c): c is Chosen => c !== undefined);
  else if (top !== undefined && top !== null) fail("top", `is ${JSON.stringify(top)} (expected a list, e.g. top: [tiktok-deal-lawmakers, articles/2023/kumamoto-chip-plant.md])`);
  if (sectionStories !== undefined) {
    const ok = Number.isInteger(sectionStories) && (sectionStories as number) >= COUNT.min && (sectionStories as number) <= COUNT.max;
    if (ok) choice.sectionStories = sectionStories as number;
    else fail("sectionStories", `is ${JSON.stringify(sectionStories)} (expected a whole number from ${COUNT.min} to ${COUNT.max}: the stories in each desk's block)`);
  }
  return { choice, problems };
}

/** One warning per chosen story that is not published (draft, embargoed…): the front page leaves it off. */
export function frontPageWarnings(choice: FrontPageChoice, articles: readonly Candidate[], file = FRONT_PAGE_FILE): Problem[] {
  const chosen = [...(choice.lead ? [{ field: "lead", ...choice.lead }] : []), ...choice.top.map((c) => ({ field: "top", ...c }))];
  // only the chosen files, found in one pass: a map of all 100,000 articles took 54–115 ms, for none chosen too
  const files = new Set(chosen.map((c) => c.file));
  const byFile = new Map<string, Candidate>();
  if (files.size) for (const article of articles) if (files.has(article.file)) byFile.set(article.file, article);
  return chosen.flatMap(({ field, entry, file: articleFile }) => {
    const article = byFile.get(articleFile);
    if (!article || article.status === "published") return [];
    const status = article.status === "draft" ? "a draft: left off the front page until it is published"
      : article.status === "embargoed" ? `embargoed until ${article.date.instant.toISO({ suppressMilliseconds: true })}: left off the front page until then`
      : `${article.status}: left off the front page`;
    const instead = field === "lead" ? "; the newest story leads instead" : "";
    return [{ file, field, message: `"${entry}" (${articleFile}) is ${status}${instead}` }];
  });
}
