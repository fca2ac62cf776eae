// The article contract: the one place that says what front matter may contain. The Article
// types below are inferred from it, so templates, feeds and tools cannot drift from the rules.
import { z } from "zod";
import { dateProblem, DATE_FORMS } from "./dates.ts";
import { isSlug } from "./slug.ts";
import { aliasProblem, ALIAS_FORM } from "./aliases.ts";

/** "is a number (expected …)" — what the editor wrote, then what the contract wants. */
function describe(input: unknown): string {
  if (input === undefined) return "is missing";
  if (input === null) return "is empty";
  if (Array.isArray(input)) return "is a list";
  if (typeof input === "string") return input.trim() ? `is "${input.slice(0, 60)}"` : "is empty";
  if (typeof input === "object") return "is a mapping";
  return `is ${typeof input === "number" ? "a number" : String(input)}`;
}

const expecting = (what: string) => ({
  error: (issue: { input?: unknown }) => `${describe(issue.input)} (expected ${what})`,
});

const text = (what: string) => z.string(expecting(what)).trim().min(1, `is empty (expected ${what})`);

const dateString = z
  .string(expecting(DATE_FORMS))
  .superRefine((raw, ctx) => {
    const problem = dateProblem(raw);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const httpUrl = z
  .string(expecting("an http(s) URL"))
  .refine((value) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value), {
    message: "is not an http(s) URL (expected e.g. https://www.afp.com)",
  });

const source = z.union(
  [
    text("the agency or outlet, e.g. AFP").transform((name) => ({ name, url: undefined as string | undefined })),
    z.strictObject({ name: text("the outlet's name"), url: httpUrl.optional() }),
  ],
  expecting("a name like AFP, or { name, url }"),
);

const DATELINE_FORM = '"City, Country", e.g. "New York, United States"';
const dateline = text(DATELINE_FORM).refine(
  (value) => /^[^,]+(,[^,]+)*,\s*[^,\s][^,]*$/.test(value),
  { error: (issue) => `${describe(issue.input)}, with no country (expected "City, Country", e.g. "New York, United States")` },
);

const image = z.strictObject(
  {
    src: text("the image path, e.g. images/wechat.jpg"),
    alt: text("alt text describing the image for readers who cannot see it"),
    caption: text("a caption").optional(),
    credit: text("a credit, e.g. AFP/Jane Doe").optional(),
  },
  expecting("{ src, alt, caption?, credit? }"),
);

// Old addresses that redirect here (src/content/aliases.ts says what a path may be)
const aliases = z
  .array(
    z.string(expecting(ALIAS_FORM)).superRefine((raw, ctx) => {
      const problem = aliasProblem(raw);
      if (problem) ctx.addIssue({ code: "custom", message: `${describe(raw)}, ${problem}` });
    }),
    expecting(`a list of old addresses, e.g. aliases: [/2019/03/04/old-slug/]`),
  )
  .default([]);

// Public corrections, each dated like `date` (src/content/corrections.ts checks them against the article)
const corrections = z
  .array(
    z.strictObject(
      { date: dateString, text: text("what was wrong and what the story now says") },
      expecting("{ date, text }, e.g. { date: 2020-09-21, text: An earlier version misspelt the judge's name. }"),
    ),
    expecting("a list of { date, text }"),
  )
  .default([]);

export const frontMatterSchema = z.strictObject({
  title: text("the headline as text"),
  date: dateString,
  // optional here, required below unless the article is a draft (an imported post may have none yet)
  // or an opinion piece (a column is written from no particular place)
  dateline: dateline.optional(),
  source,
  description: text("a one- or two-sentence standfirst").optional(),
  author: z
    .union([text("an author's name"), z.array(text("an author's name")).min(1)], expecting("a name or a list of names"))
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
  tags: z.array(text("a tag"), expecting("a list, e.g. tags: [China, Technology]")).default([]),
  updated: dateString.optional(),
  image: image.optional(),
  draft: z.boolean(expecting("true or false")).default(false),
  slug: z
    .string(expecting("a URL slug"))
    .refine(isSlug, {
      error: (issue) => `${describe(issue.input)}, not a slug (expected lowercase letters, digits and hyphens, e.g. wechat-ban)`,
    })
    .optional(),
  aliases,
  corrections,
  // agency copy licensed for a time: out of every production build from this moment (src/content/expiry.ts)
  expires: dateString.optional(),
  // the desk, by name or slug; checked against _data/sections.ts by the loader (src/content/sections.ts)
  section: text("a desk of _data/sections.ts, e.g. World").optional(),
  kind: z.enum(["news", "analysis", "opinion"], expecting("news, analysis or opinion")).default("news"),
}).refine((fm) => fm.dateline !== undefined || fm.draft === true || fm.kind === "opinion", {
  path: ["dateline"],
  message: `is missing (expected ${DATELINE_FORM})`,
  // checked even when other fields have problems, so every problem is reported at once
  when: (payload) => typeof payload.value === "object" && payload.value !== null,
});

/** The front matter as an editor wrote it, after normalisation (source → object, author → list). */
export type FrontMatter = z.output<typeof frontMatterSchema>;
export type ArticleImage = NonNullable<FrontMatter["image"]>;
export type ArticleSource = FrontMatter["source"];
export const FIELDS = Object.keys(frontMatterSchema.shape) as (keyof FrontMatter)[];

/** The static pages' contract (pages/: About, Contact…): a title, and the article's rules for the rest. */
export const pageSchema = z.strictObject({
  title: text("the page title as text"),
  description: text("a one- or two-sentence summary for search results").optional(),
  slug: frontMatterSchema.shape.slug,
  aliases,
});

export type PageFrontMatter = z.output<typeof pageSchema>;
export const PAGE_FIELDS = Object.keys(pageSchema.shape) as (keyof PageFrontMatter)[];

/** A reporter's profile in _data/authors.ts (src/content/authors.ts): bylines of this name link to it. */
export const authorSchema = z.strictObject({
  name: text("the name as bylines spell it, e.g. Jane Doe"),
  slug: frontMatterSchema.shape.slug,
  bio: text("a sentence or two about the reporter"),
  photo: text("a picture beside authors.ts, e.g. authors/jane-doe.jpg, or an https:// address").optional(),
  links: z
    .array(z.strictObject({ name: text("what the link is, e.g. Mastodon"), url: httpUrl }, expecting("{ name, url }")), expecting("a list of { name, url }"))
    .default([]),
});

export type AuthorEntry = z.output<typeof authorSchema>;
export const AUTHOR_FIELDS = Object.keys(authorSchema.shape) as (keyof AuthorEntry)[];
