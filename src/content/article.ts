// Reading one article file: its front matter checked against the contract (src/content/schema.ts),
// then what the build derives from it (dates in the site's zone, tag slugs, desk, URL, status).
// Every problem in the file comes back at once, each naming the field.
import path from "node:path";
import type { DateTime } from "luxon";
import { parseArticleDate, type ArticleDate } from "./dates.ts";
import { firstParagraphText } from "./markdown.ts";
import { frontMatterSchema, FIELDS, type FrontMatter } from "./schema.ts";
import { parseYaml, splitFrontMatter } from "./frontmatter.ts";
import { slugify } from "./slug.ts";
import { imageRefs, isRemote, type ImageRef } from "./image-refs.ts";
import { describeIssue, type Problem } from "./problems.ts";
import { parseCorrections, type Correction } from "./corrections.ts";
import { hasExpired, parseExpiry } from "./expiry.ts";
import { findSection, projectDesks, sectionMismatch, type Desks, type Section } from "./sections.ts";

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

export type Valid = { article: Article; images: ImageRef[] };
export type Parsed = Valid | { problems: Problem[] };

/** Whether an article is shown at `now`: drafts never, embargoed ones from their date, expired ones no more. */
export const statusAt = (article: Pick<Article, "draft" | "date" | "expires">, now: DateTime): Article["status"] =>
  article.draft ? "draft" : article.date.instant > now ? "embargoed" : hasExpired(article.expires, now) ? "expired" : "published";

export function parseArticle(file: string, raw: string, options: { timezone: string; now: DateTime; desks?: Desks }): Parsed {
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
  // Every field named, in one literal: a spread of the schema's output gave nearly every article a
  // hidden class of its own, and a pass over 10,000 of them (a listing, a feed) ran ~70× slower.
  // `satisfies` keeps the list whole: a field the schema gains is an error here until it is added.
  const article: Article = {
    title: fm.title,
    dateline: fm.dateline,
    source: fm.source,
    author: fm.author,
    image: fm.image,
    draft: fm.draft,
    aliases: fm.aliases,
    kind: fm.kind,
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
  } satisfies Record<keyof Article, unknown>;
  return { article, images };
}

function splitDateline(dateline: string): NonNullable<Article["place"]> {
  const comma = dateline.lastIndexOf(",");
  return { city: dateline.slice(0, comma).trim(), country: dateline.slice(comma + 1).trim() };
}

function dedupeBySlug(tags: Tag[]): Tag[] {
  const seen = new Set<string>();
  return tags.filter((t) => !seen.has(t.slug) && seen.add(t.slug));
}
