// Wire copy as scraped from news sites → the parts of an article. Pure text in, parts out, so
// every rule (headline, standfirst, dateline, subheadings, boilerplate) is tested without files.
import { z } from "zod";
import { normaliseText } from "../content/frontmatter.ts";
import { findDateline, readDateLine, readDateline, type Dateline, type DatelineCities } from "./datelines.ts";

export interface Boilerplate {
  /** The first matching line after the headline ends the story. */
  endOfStory: RegExp[];
  /** Matching lines are dropped wherever they stand (share buttons, "Advertisement"). */
  anywhere: RegExp[];
}

export type Block = { kind: "paragraph" | "subheading"; text: string };

export interface WireStory {
  title: string;
  /** The first paragraph after the headline, on one line: the front matter's description. */
  standfirst: string;
  dateline?: Dateline;
  /** A front-matter date string read from a date line, not yet validated. */
  date?: string;
  blocks: Block[];
}

const patternList = z.array(z.string());
const boilerplateFile = z.object({ endOfStory: patternList, anywhere: patternList });
const MAX_HEADLINE = 200;
const SUBHEADING = /^[-–—]{1,3}\s+(\S.{0,118}?)\s+[-–—]{1,3}$/u;

/** Compiles the newsroom's pattern file; a broken pattern is named instead of failing later. */
export function compileBoilerplate(data: unknown): Boilerplate {
  const parsed = boilerplateFile.safeParse(data);
  if (!parsed.success) throw new Error("expected { endOfStory: [patterns], anywhere: [patterns] }");
  const compile = (key: keyof Boilerplate) =>
    parsed.data[key].map((source, i) => {
      try {
        return new RegExp(`^(?:${source})$`, "iu");
      } catch (error) {
        throw new Error(`${key}[${i}] "${source}" is not a valid regular expression (${(error as Error).message})`);
      }
    });
  return { endOfStory: compile("endOfStory"), anywhere: compile("anywhere") };
}

/** Paragraphs as lists of trimmed lines, boilerplate lines dropped, cut at the end of the story. */
function paragraphsOf(text: string, boilerplate: Boilerplate): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) paragraphs.push(current);
    current = [];
  };
  for (const line of text.split("\n").map((l) => l.trim())) {
    if (!line) flush();
    else if (paragraphs.length + current.length > 0 && boilerplate.endOfStory.some((re) => re.test(line))) break;
    else if (!boilerplate.anywhere.some((re) => re.test(line))) current.push(line);
  }
  flush();
  return paragraphs;
}

/** `cities` gives a city-only dateline ("GENEVA (Reuters) -") its country (_data/dateline-cities.json). */
export function parseWire(raw: string, boilerplate: Boilerplate, cities?: DatelineCities): WireStory | { error: string } {
  const text = normaliseText(raw);
  if (!text.trim()) return { error: "is empty (expected a headline line, then the story)" };
  const [first = [], ...rest] = paragraphsOf(text, boilerplate);
  const [title = "", ...restOfFirst] = first;
  if (title.length > MAX_HEADLINE) {
    return { error: `has no headline line: the first line is ${title.length} characters of story text (expected the headline alone on the first line)` };
  }
  if (readDateline(title, cities)?.rest === "" || readDateLine(title)) {
    return { error: `has no headline line: the first line "${title}" is a dateline or date (expected the headline first)` };
  }
  const paragraphs = restOfFirst.length ? [restOfFirst, ...rest] : rest;

  // the header: an optional date line and dateline among the first paragraphs, in either order
  const dateAt = paragraphs.slice(0, 4).findIndex((p) => p.length === 1 && readDateLine(p[0]!));
  const date = dateAt === -1 ? undefined : readDateLine(paragraphs.splice(dateAt, 1)[0]![0]!);
  const joined = paragraphs.map((lines) => lines.join("\n"));
  const found = findDateline(joined, cities);
  const datelineAt = found?.at ?? -1;
  const dateline = found?.dateline;
  let body = joined;
  if (dateline) {
    // text before the dateline is a standfirst; a dateline of its own line is not story text
    body = joined.slice(datelineAt + 1);
    if (dateline.rest) body.unshift(dateline.rest);
  }
  if (!body.length) return { error: "has no story text after the headline (expected paragraphs separated by blank lines)" };
  const standfirst = (datelineAt > 0 ? joined[0]! : body[0]!).replace(/\s*\n\s*/g, " ");
  return { title, standfirst, dateline, date, blocks: body.map(toBlock) };
}

function toBlock(paragraph: string): Block {
  const heading = paragraph.includes("\n") ? null : SUBHEADING.exec(paragraph);
  return heading ? { kind: "subheading", text: heading[1]! } : { kind: "paragraph", text: paragraph };
}

/** Backslash-escapes what Markdown would read as markup, so the story renders as it was written. */
export function escapeMarkdown(line: string): string {
  return line
    .replace(/[\\`*[\]<|~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\$&")
    .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&")
    .replace(/^(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|[=-](?=[=-]*$))/, "\\$1")
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
}

export function storyMarkdown(blocks: Block[]): string {
  return blocks
    .map((block) => {
      const text = block.text.split("\n").map(escapeMarkdown).join("\n");
      return block.kind === "subheading" ? `## ${text.replace(/#+$/, (hashes) => `\\${hashes}`)}` : text;
    })
    .join("\n\n");
}
