// Estimated reading time for an article page: words for alphabetic scripts, characters for
// Chinese and Japanese (which have no spaces between words), at typical adult reading speeds.
import type { EleventyConfig } from "../runtime/eleventy-config.ts";

export interface Options {
  /** Words per minute for space-separated scripts. */
  wordsPerMinute: number;
  /** Characters per minute for Han, Hiragana and Katakana text. */
  charactersPerMinute: number;
}

export const defaults: Options = { wordsPerMinute: 230, charactersPerMinute: 400 };

const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
// A superset of those scripts' UTF-16 code units (supplementary planes by their high surrogate),
// ten times quicker to rule out over a whole story than the Unicode-property class
const IDEOGRAPHIC_MAYBE = /[\u2E80-\u2FDF\u3005-\u30FF\u31F0-\u31FF\u32D0-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF66-\uFF9D\uD81B\uD82B\uD82C\uD83C\uD840-\uD8BF]/;

// A word is a letter or digit, then any letters, digits, marks, apostrophes, dots and hyphens (as
// /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*/gu matches). Counted in one pass over the text with each
// character's class looked up, not matched: the regular expression took most of the story worker's
// reading-time work, and it builds an array of every word only to take its length.
const START = 1;
const GOES_ON = 2;
const WORD_START = /[\p{L}\p{N}]/u;
const WORD_GOES_ON = /[\p{M}'’.-]/u;
const classOf = (char: string) => (WORD_START.test(char) ? START | GOES_ON : WORD_GOES_ON.test(char) ? GOES_ON : 0);
let basicPlane: Uint8Array | undefined; // built on first use: 65,536 characters, about 20 ms

/** Words in plain text, exactly as many as the expression above finds. */
export function countWords(text: string): number {
  const table = (basicPlane ??= Uint8Array.from({ length: 0x10000 }, (_, code) => classOf(String.fromCharCode(code))));
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    let kind: number;
    if (code > 0xffff) {
      kind = classOf(String.fromCodePoint(code));
      i++; // the low surrogate
    } else kind = table[code]!;
    if (inWord && kind & GOES_ON) continue;
    inWord = (kind & START) !== 0;
    if (inWord) words++;
  }
  return words;
}

export interface TextCount {
  words: number;
  /** Han, Hiragana and Katakana characters. */
  characters: number;
}

/** Words and ideographs in a piece of HTML or text (markup and entities left out). */
export function countText(html: string): TextCount {
  let text = html.replace(/<[^>]*>/g, " ").replace(/&[#\w]+;/g, " ");
  // most stories have no ideographs: one quick test spares the Unicode-class scans over the text
  const characters = IDEOGRAPHIC_MAYBE.test(text) ? (text.match(IDEOGRAPHIC)?.length ?? 0) : 0;
  if (characters) text = text.replace(IDEOGRAPHIC, " ");
  return { words: countWords(text), characters };
}

// Counts made ahead of the page (the story worker, src/render/story.ts), each taken once
const counted = new Map<string, TextCount>();
export function rememberCount(html: string, count: TextCount): void {
  counted.set(html, count);
}

/** Whole minutes (at least 1) to read a piece of HTML or text. */
export function readingMinutes(html: string, options: Partial<Options> = {}): number {
  const { wordsPerMinute, charactersPerMinute } = { ...defaults, ...options };
  const known = counted.get(html);
  if (known) counted.delete(html);
  const { words, characters } = known ?? countText(html);
  return Math.max(1, Math.round(words / wordsPerMinute + characters / charactersPerMinute));
}

/** "4 min read", as readers know it from news sites. */
export function readingTime(html: string, options: Partial<Options> = {}): string {
  return `${readingMinutes(html, options)} min read`;
}

export function readingTimePlugin(eleventyConfig: EleventyConfig, options: Partial<Options> = {}) {
  eleventyConfig.addFilter("readingTime", (html: string) => readingTime(String(html ?? ""), options));
}
