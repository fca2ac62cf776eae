// @ts-check
// The build's bundle in ASCII only. esbuild escapes what is not ASCII in strings, but not in
// comments, regular expressions or a tagged template's raw text, and a bundle of 4.6 MB with 771
// such bytes (markdown-it's typographer, a slug's folding) became a string of two bytes per
// character in V8: Node's decoding of it took 34–38 ms of every build, and an edit's build at 10,000
// articles a median 34 and 56 ms longer (16 and 12 alternating pairs). Loaded only to make a bundle.
// https://esbuild.github.io/api/#charset
import { tokenizer, tokTypes } from "acorn";

/** Each character outside ASCII as `\uXXXX`: one UTF-16 unit each, so a pair stands for a character beyond the BMP. */
const escaped = (/** @type {string} */ text) => text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * `source` (an ES module) with the characters outside ASCII of its comments and regular expression
 * literals escaped, which means the same there; a tagged template's raw text would not, so it is left
 * as it is. Unchanged if it cannot be read as JavaScript.
 * @param {string} source
 * @returns {string}
 */
export function asciiSource(source) {
  if (!/[^\0-\x7f]/.test(source)) return source;
  /** @type {[number, number][]} */
  const spans = [];
  try {
    const tokens = tokenizer(source, { ecmaVersion: "latest", sourceType: "module", allowHashBang: true, onComment: (_block, _text, start, end) => spans.push([start, end]) });
    for (const token of tokens) if (token.type === tokTypes.regexp) spans.push([token.start, token.end]);
  } catch {
    return source;
  }
  spans.sort((a, b) => a[0] - b[0]);
  const parts = [];
  let at = 0;
  for (const [start, end] of spans) {
    parts.push(source.slice(at, start), escaped(source.slice(start, end)));
    at = end;
  }
  parts.push(source.slice(at));
  return parts.join("");
}
