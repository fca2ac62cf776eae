// The desks (_data/sections.ts): every article belongs to one, named by `section:`; one that names
// none goes to the file's default desk, so articles written before desks existed still build.
import deskData from "../../_data/sections.ts";
import { aliasPath, siteAddress, type Addressed } from "./aliases.ts";
import type { Problem } from "./problems.ts";
import { isSlug, slugify } from "./slug.ts";
import { closest } from "./suggest.ts";

export const SECTIONS_FILE = "_data/sections.ts";

export interface Section {
  name: string;
  slug: string;
  description?: string;
  /** Site-relative, without the path prefix: /world/ */
  url: string;
}

export interface Desks {
  /** In the header's order. */
  list: Section[];
  /** The desk of an article that names none. */
  fallback: Section;
}

const DESK_FIELDS = ["name", "slug", "description"];
const words = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);

/** What is wrong with a desk's slug, or undefined: it must have a letter, so no desk takes a year's address. */
function slugProblem(slug: unknown): string | undefined {
  if (typeof slug !== "string" || !isSlug(slug) || !/\p{L}/u.test(slug)) {
    return `is ${typeof slug === "string" ? `"${slug}"` : "missing"}, not a slug (expected lowercase letters, digits and hyphens with a letter, e.g. world)`;
  }
  const taken = siteAddress(`/${slug}/`);
  return taken && `is "${slug}", the address of ${taken} (expected another slug)`;
}

/** One entry of the list as a desk, or undefined after reporting what is wrong with it. */
function readDesk(entry: unknown, fail: (field: string, message: string) => void): Section | undefined {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return void fail("", "is not a desk (expected { name, slug, description? })");
  for (const key of Object.keys(entry).filter((k) => !DESK_FIELDS.includes(k))) {
    const guess = closest(key, DESK_FIELDS);
    fail(`.${key}`, `is not a known field (${guess ? `did you mean "${guess}"?` : `expected one of ${DESK_FIELDS.join(", ")}`})`);
  }
  const { name: rawName, slug, description: rawDescription } = entry as Record<string, unknown>;
  const [name, description, badSlug] = [words(rawName), words(rawDescription), slugProblem(slug)];
  if (!name) fail(".name", "is missing or empty (expected the desk's name as readers see it, e.g. World)");
  if (badSlug) fail(".slug", badSlug);
  if (rawDescription !== undefined && !description) fail(".description", "is empty (expected a sentence, or leave it out)");
  if (!name || badSlug) return undefined;
  return { name, slug: slug as string, url: `/${slug}/`, ...(description ? { description } : {}) };
}

/** The desks a data file describes (the valid ones), with one problem line per mistake in it. */
export function readDesks(data: unknown, file = SECTIONS_FILE): { desks: Desks; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (field: string, message: string) => void problems.push({ file, field, message });
  const { list, default: fallbackName } = (typeof data === "object" && data !== null ? data : {}) as { list?: unknown; default?: unknown };
  const entries = Array.isArray(list) ? list : [];
  if (!entries.length) fail("list", "is missing or empty (expected a list of desks, e.g. [{ name: World, slug: world }])");
  const valid: Section[] = [];
  entries.forEach((entry: unknown, i) => {
    const desk = readDesk(entry, (field, message) => fail(`list.${i}${field}`, message));
    const taken = desk && valid.find((d) => d.slug === desk.slug || slugify(d.name) === slugify(desk.name));
    if (taken) fail(`list.${i}`, `repeats the desk ${taken.name} (expected each name and slug once)`);
    else if (desk) valid.push(desk);
  });
  const fallback = typeof fallbackName === "string" ? findSection(valid, fallbackName) : undefined;
  if (!fallback && valid.length) fail("default", sectionMismatch(valid, fallbackName));
  // a stand-in keeps articles loading in the dev server while the file is broken (the build stops)
  return { desks: { list: valid, fallback: fallback ?? valid[0] ?? { name: "News", slug: "news", url: "/news/" } }, problems };
}

/** The desk an editor named, by its name or slug in any case ("Business", "business"). */
export function findSection(list: readonly Section[], value: string): Section | undefined {
  const slug = slugify(value);
  return list.find((desk) => desk.slug === slug || slugify(desk.name) === slug);
}

/** What is wrong with a desk name: `is "Wrold", not a desk (did you mean "World"?)`. */
export function sectionMismatch(list: readonly Section[], value: unknown): string {
  const names = list.map((desk) => desk.name);
  const guess = typeof value === "string" ? closest(value, names) : undefined;
  const written = typeof value === "string" ? `is "${value}"` : "is missing";
  return `${written}, not a desk of ${SECTIONS_FILE} (${guess ? `did you mean "${guess}"?` : `expected one of ${names.join(", ")}`})`;
}

/** A static page at a desk's address, or an alias on one of its pages: one problem each (the schema refuses an alias ending in .xml). */
export function deskClashes(desks: Desks, owners: readonly Addressed[]): Problem[] {
  const deskAt = (path: string) => desks.list.find((d) => path === d.url || path.startsWith(`${d.url}page/`));
  const problems: Problem[] = [];
  for (const { file, url, aliases } of owners) {
    const page = deskAt(url);
    if (page) problems.push({ file, field: "slug", message: `gives URL ${url}, the ${page.name} desk's page (expected another slug)` });
    for (const alias of aliases) {
      const desk = deskAt(aliasPath(alias));
      if (desk) problems.push({ file, field: "aliases", message: `${alias} is an address of the ${desk.name} desk's pages (expected an old address no page of this site uses)` });
    }
  }
  return problems;
}

/** The newsroom's desks from _data/sections.ts, read once per process. */
export const projectDesks = readDesks(deskData);
