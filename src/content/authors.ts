// Reporters' profiles (_data/authors.ts): checked with the articles, so a bad entry is reported with
// every other problem, and matched to bylines by name. A byline with no profile is fine (agency
// reporters, guests); one that nearly matches a profile is a warning for `npm run check`.
import { statSync } from "node:fs";
import path from "node:path";
import authorData from "../../_data/authors.ts";
import { isRemote, resolveImage } from "./image-refs.ts";
import { describeIssue, type Problem } from "./problems.ts";
import { authorSchema, AUTHOR_FIELDS, type AuthorEntry } from "./schema.ts";
import { slugify } from "./slug.ts";
import { closest } from "./suggest.ts";

export interface Author extends Omit<AuthorEntry, "slug"> {
  slug: string;
  /** Site-relative URL of the profile and story list: /authors/<slug>/ */
  url: string;
  /** The photo as a project-root path (/_data/authors/x.jpg) or its https address, for the `picture` filter. */
  photoSource: string | undefined;
}

export const AUTHORS_FILE = "_data/authors.ts";
const PICTURE = /\.(jpe?g|png|webp|avif|gif)$/i;

const keys = new Map<string, string>();
/**
 * Bylines match a profile whatever their case, accents or punctuation: "claire desrochers" is "Claire Desrochers".
 * Remembered: asked for every byline of every article three times a build (0.25 s at 100,000 articles).
 */
export const nameKey = (name: string) => keys.get(name) ?? keys.set(name, slugify(name)).get(name)!;

/** Every valid profile of `data` (the file's default export), with every problem, one per field ("authors.2.slug"). */
export function parseAuthors(data: unknown, root: string, file = AUTHORS_FILE): { authors: Author[]; problems: Problem[] } {
  if (!Array.isArray(data)) {
    return { authors: [], problems: [{ file, field: "authors", message: "is not a list (expected export default [{ name, slug, bio, photo?, links? }, …])" }] };
  }
  const authors: Author[] = [];
  const problems: Problem[] = [];
  const taken = new Map<string, string>();
  data.forEach((entry, i) => {
    const where = `authors.${i}`;
    const result = authorSchema.safeParse(entry);
    if (!result.success) {
      problems.push(...result.error.issues.flatMap((issue) => describeIssue(file, issue, AUTHOR_FIELDS)).map((p) => ({ ...p, field: `${where}.${p.field}` })));
      return;
    }
    const { slug: given, ...profile } = result.data;
    const slug = given ?? nameKey(profile.name);
    const before = problems.length;
    const fail = (field: string, message: string) => problems.push({ file, field: `${where}.${field}`, message });
    if (!slug) fail("name", "gives an empty URL slug (expected letters or digits, or set slug:)");
    const photo = profile.photo === undefined ? undefined : photoProblem(profile.photo, file, root);
    if (photo) fail("photo", photo);
    for (const [key, field] of [[`slug ${slug}`, "slug"], [`name ${nameKey(profile.name)}`, "name"]] as const) {
      const owner = taken.get(key);
      if (owner) fail(field, `is the ${field} of ${owner} too (expected each author once, with a slug of their own)`);
      else taken.set(key, `${where} (${profile.name})`);
    }
    if (problems.length > before) return;
    const photoSource = profile.photo === undefined ? undefined : isRemote(profile.photo) ? profile.photo : `/${path.posix.join(path.posix.dirname(file), profile.photo)}`;
    authors.push({ ...profile, slug, url: `/authors/${slug}/`, photoSource });
  });
  return { authors, problems };
}

function photoProblem(src: string, file: string, root: string): string | undefined {
  const expected = `(expected a picture beside ${path.basename(file)}, e.g. authors/jane-doe.jpg, or an https:// address)`;
  if (isRemote(src)) return URL.canParse(src) ? undefined : `"${src}" is not a web address ${expected}`;
  const target = resolveImage(file, src, root);
  if (!target || path.relative(root, target).startsWith("..") || /^[a-z][a-z0-9+.-]*:/i.test(src)) return `"${src}" is not a file in the project ${expected}`;
  if (!PICTURE.test(target)) return `"${src}" is not a picture the site can resize (expected a .jpg, .png, .webp, .avif or .gif file)`;
  if (!statSync(target, { throwIfNoEntry: false })?.isFile()) return `file ${src} not found ${expected}`;
  return undefined;
}

/**
 * The project's profiles, checked against `root` (where their photos are). Imported with the code, as
 * _data/sections.ts is, so `npm run check` needs no TypeScript loader: restart `npm start` after an edit.
 */
export const loadAuthors = (root: string, data: unknown = authorData) => parseAuthors(data, root);

/** Profiles by byline: `profiles.get(nameKey(name))`. */
export const authorIndex = (authors: readonly Author[]) => new Map(authors.map((a) => [nameKey(a.name), a]));

/** A byline that is not a profile's but nearly is ("Mariana Texeira"): probably a typo, so a warning. */
export function authorWarnings(articles: readonly { file: string; author: string[] }[], authors: readonly Author[]): Problem[] {
  const index = authorIndex(authors);
  const names = authors.map((a) => a.name);
  const warnings: Problem[] = [];
  for (const { file, author } of [...articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    for (const name of author) {
      const guess = index.has(nameKey(name)) ? undefined : closest(name, names);
      if (guess) warnings.push({ file, field: "author", message: `"${name}" has no profile in ${AUTHORS_FILE} (did you mean "${guess}"?)` });
    }
  }
  return warnings;
}
