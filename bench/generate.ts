// Deterministic synthetic corpus for the benchmark: N articles that follow the article contract,
// seeded, so every run (and every machine) builds exactly the same site. Article i depends only
// on (seed, i): a 1,000-article corpus is the first 1,000 files of the 10,000 one.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { slugify } from "../src/content/slug.ts";
import { sentence, linkSentence, headline, quote, type Pick } from "./prose.ts";
import { seededRandom, shuffle, zipf, type Rng } from "./random.ts";
import { DATELINES, SOURCES, REPORTERS, TAG_NAMES, TOPICS, SUBHEADINGS } from "./lexicon.ts";

/** BUILD_NOW for benchmark builds: every generated date lies before it. */
export const BENCH_NOW = "2026-01-01T12:00:00Z";
const NEWEST = Date.parse("2025-12-20T00:00:00Z");
const YEARS = 8;
const OLDEST = NEWEST - YEARS * 365.25 * 86_400_000;

export interface GeneratedArticle {
  /** Relative to the site root: articles/2021/kenya-approves-fuel-subsidy-cuts.md */
  file: string;
  text: string;
}

export function generateCorpus(count: number, seed: number): GeneratedArticle[] {
  const make = articleMaker(seed, new Set());
  return Array.from({ length: count }, (_, i) => make(i));
}

/**
 * Article `index` of the seed's sequence, as generateCorpus(index + 1, seed) would write it but
 * published at `at` (ms since the epoch, a full timestamp) and with a slug none of `corpus` has:
 * a new story for the incremental benchmark. Dated after NEWEST, it is the newest on the site.
 */
export function laterArticle(corpus: GeneratedArticle[], seed: number, index: number, at: number): GeneratedArticle {
  return articleMaker(seed, new Set(corpus.map((a) => path.basename(a.file, ".md"))))(index, at);
}

/** An instant after every corpus article and before BENCH_NOW: the `n`th added story (from 0), an hour apart. */
export const laterInstant = (n: number) => NEWEST + (n + 1) * 3_600_000;

/** The seed's tags, most used first (the order articles draw them in, Zipf-like). */
export function tagsByUse(seed: number): string[] {
  const shuffled = seededRandom(seed);
  return [...shuffle([...TOPICS], shuffled), ...shuffle(TAG_NAMES.filter((t) => !TOPICS.includes(t)), shuffled)];
}

/** The article with `tag` added at the end of its tag list, written as the generator writes tags. */
export function withTag(text: string, tag: string): string {
  const tagged = text.replace(/^tags: \[(.*)\]$/m, (_, list: string) => `tags: [${list}, ${flowItem(tag)}]`);
  if (tagged === text) throw new Error("no tags: [...] line to add a tag to");
  return tagged;
}

/** Makes article i of the seed's sequence; `used` holds the slugs taken so far. */
function articleMaker(seed: number, used: Set<string>): (i: number, at?: number) => GeneratedArticle {
  // the seed decides which tags are popular (broad topics lead, as on a real desk); each article
  // then draws from its own stream
  const order = tagsByUse(seed);
  const drawTag = zipf(order.length, 0.8);
  return (i, at) => {
    const rng = seededRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35));
    return generateArticle(rng, () => order[drawTag(rng)]!, used, at);
  };
}

export function writeCorpus(root: string, articles: GeneratedArticle[]): void {
  for (const { file, text } of articles) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

function generateArticle(rng: Rng, drawTag: () => string, used: Set<string>, at?: number): GeneratedArticle {
  const pick: Pick = (items) => items[Math.floor(rng() * items.length)]!;
  const chance = (p: number) => rng() < p;
  const [dateline, offset] = pick(DATELINES);
  const place = { city: dateline.slice(0, dateline.lastIndexOf(",")), country: dateline.slice(dateline.lastIndexOf(",") + 2) };

  const drawn = OLDEST + Math.floor(rng() * (NEWEST - OLDEST) / 60_000) * 60_000;
  const instant = at ?? drawn;
  const local = localTime(instant, offset);
  const dayOnly = chance(0.05) && at === undefined;
  const date = dayOnly ? local.slice(0, 10) : `${local}${offset}`;
  const updated = !dayOnly && chance(0.15) ? `${localTime(instant + (30 + Math.floor(rng() * 2800)) * 60_000, offset)}${offset}` : undefined;

  const title = headline(pick, place);
  // unique across the corpus, so no two articles can share a URL whatever their dates
  let slug = slugify(title, 70);
  for (let n = 2; used.has(slug); n++) slug = `${slugify(title, 70)}-${n}`;
  used.add(slug);
  const year = local.slice(0, 4);

  const tags = new Set<string>();
  const tagCount = 2 + Math.floor(rng() * 5);
  while (tags.size < tagCount) tags.add(drawTag());

  const source = pick(SOURCES);
  const lines = [
    `title: ${scalar(title)}`,
    `date: ${date}`,
    ...(updated ? [`updated: ${updated}`] : []),
    `dateline: ${scalar(dateline)}`,
    typeof source === "string" ? `source: ${scalar(source)}` : `source:\n  name: ${scalar(source.name)}\n  url: ${source.url}`,
    ...(chance(0.6) ? [`author: ${byline(pick(REPORTERS), chance(0.2) ? pick(REPORTERS) : undefined)}`] : []),
    ...(chance(0.7) ? [`description: ${scalar(sentence(pick, place, rng))}`] : []),
    `tags: [${[...tags].map(flowItem).join(", ")}]`,
  ];
  return { file: `articles/${year}/${slug}.md`, text: `---\n${lines.join("\n")}\n---\n\n${body(pick, place, rng)}\n` };
}

/** 600–900 words: a lead, paragraphs, one blockquote, one `##` subheading, at least two links. */
function body(pick: Pick, place: { city: string; country: string }, rng: Rng): string {
  const target = 610 + Math.floor(rng() * 250);
  const blocks: string[] = [];
  const seen = new Set<string>();
  let words = 0;
  const add = (block: string) => {
    blocks.push(block);
    words += countWords(block);
  };
  // a story does not repeat a sentence word for word
  const fresh = (make: () => string) => {
    let text = make();
    for (let tries = 0; seen.has(text) && tries < 5; tries++) text = make();
    seen.add(text);
    return text;
  };
  const next = () => fresh(() => sentence(pick, place, rng));
  let quoted = false;
  let heading = false;
  add(next());
  while (words < target) {
    if (!quoted && words > target * 0.3) (quoted = true), add(`> ${quote(pick, place)}`);
    else if (!heading && words > target * 0.55) (heading = true), add(`## ${pick(SUBHEADINGS)}`), add(linkSentence(pick, place, rng));
    else {
      const sentences = [blocks.length === 1 ? linkSentence(pick, place, rng) : next()];
      let paragraphWords = countWords(sentences[0]!);
      while (sentences.length < 3 && rng() < 0.6 && words + paragraphWords < target) {
        sentences.push(next());
        paragraphWords += countWords(sentences.at(-1)!);
      }
      add(sentences.join(" "));
    }
  }
  return blocks.join("\n\n");
}

const LINK_TARGET = /\]\([^)]*\)/g;
const WORD = /[^\s#>]*[\p{L}\p{N}][^\s]*/gu;

/** Words a reader sees: link targets and Markdown markers do not count. */
export function countWords(markdown: string): number {
  return markdown.replace(LINK_TARGET, "]").match(WORD)?.length ?? 0;
}

/** "2021-03-04T09:15:00": the wall-clock time at a fixed UTC offset. */
function localTime(instant: number, offset: string): string {
  const sign = offset.startsWith("-") ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(instant + minutes * 60_000).toISOString().slice(0, 19);
}

/** A YAML scalar as an editor would type it: plain when safe, quoted otherwise (commas end a flow item). */
function scalar(text: string, flow = false): string {
  const plain = /^[\p{L}\p{N}][^:#\[\]{}"“”]*$/u.test(text) && !(flow && text.includes(","));
  return plain ? text : JSON.stringify(text);
}
const flowItem = (text: string) => scalar(text, true);

/** One reporter as a plain name, two as a list. */
function byline(first: string, second?: string): string {
  return second && second !== first ? `[${flowItem(first)}, ${flowItem(second)}]` : scalar(first);
}
