// Static pages (pages/: About, Contact, Corrections policy): Markdown with a small contract of their
// own (pageSchema in schema.ts), read and checked with the articles so every problem comes back at
// once. A page is built at /<slug>/; the site builds fine without a pages/ folder.
import { existsSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { siteAddress, urlTaken } from "./aliases.ts";
import { parseYaml, splitFrontMatter } from "./frontmatter.ts";
import { imageProblems, imageRefs, isRemote, type ImageRef } from "./image-refs.ts";
import { firstParagraphText } from "./markdown.ts";
import { describeIssue, type Problem } from "./problems.ts";
import { pageSchema, PAGE_FIELDS, type PageFrontMatter } from "./schema.ts";
import { slugify } from "./slug.ts";

export interface StaticPage extends Omit<PageFrontMatter, "description" | "slug"> {
  /** Path relative to the project: pages/about.md */
  file: string;
  description: string;
  slug: string;
  /** Site-relative URL without the path prefix: /about/ */
  url: string;
  /** Pictures given as http(s) addresses, fetched by the build (src/render/remote-images.ts). */
  remoteImages: ImageRef[];
}

export interface PagesResult {
  /** Every valid page, in file-name order (the footer's order). */
  pages: StaticPage[];
  problems: Problem[];
}

export function parsePage(file: string, raw: string): { page: StaticPage; images: ImageRef[] } | { problems: Problem[] } {
  const fail = (field: string, message: string) => ({ problems: [{ file, field, message }] });
  const split = splitFrontMatter(raw);
  if (typeof split === "string") return fail("front matter", split);
  const yaml = parseYaml(split.yaml, split.yamlStartLine);
  if ("error" in yaml) return fail("front matter", `YAML syntax error at line ${yaml.line}, column ${yaml.column}: ${yaml.error} (expected valid YAML)`);
  const result = pageSchema.safeParse(yaml.data);
  if (!result.success) return { problems: result.error.issues.flatMap((issue) => describeIssue(file, issue, PAGE_FIELDS)) };
  if (!split.body.trim()) return fail("body", "is empty (expected the page's text after the front matter)");
  const slug = result.data.slug ?? slugify(path.basename(file, ".md"));
  if (!slug) return fail("slug", "is missing and the file name gives none (expected letters or digits, or set slug:)");
  const images = imageRefs(undefined, split.body);
  const page: StaticPage = {
    ...result.data,
    file,
    description: result.data.description ?? firstParagraphText(split.body),
    slug,
    url: `/${slug}/`,
    remoteImages: images.filter((ref) => isRemote(ref.src)),
  };
  return { page, images };
}

/** Two pages with one URL, or a page on one of the site's own addresses (/tags/…): one problem naming both. */
export function pageCollisions(pages: StaticPage[]): Problem[] {
  const owners = new Map<string, string>();
  const problems: Problem[] = [];
  for (const page of pages) {
    const owner = owners.get(page.url);
    const site = siteAddress(page.url);
    if (site) problems.push({ file: page.file, field: "slug", message: `gives URL ${page.url}, an address of ${site} (expected another slug)` });
    else if (owner) problems.push(urlTaken(page, owner));
    else owners.set(page.url, page.file);
  }
  return problems;
}

/** Every page under `dir` (none when there is no such folder), with every problem. Few files: read each time. */
export async function loadPages(root: string, dir = "pages"): Promise<PagesResult> {
  if (!existsSync(path.join(root, dir))) return { pages: [], problems: [] };
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
  const pages: StaticPage[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const parsed = parsePage(file, readFileSync(path.join(root, file), "utf8"));
    if ("problems" in parsed) problems.push(...parsed.problems);
    else {
      pages.push(parsed.page);
      problems.push(...imageProblems(file, parsed.images, root));
    }
  }
  problems.push(...pageCollisions(pages));
  return { pages, problems };
}
