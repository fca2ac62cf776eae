// `npm run import -- <file.txt ...>`: one wire-copy file into an article. What the text says is read
// by wire.ts (headline, date line, dateline, agency, standfirst, story); what the editor passes
// (`--date`, `--dateline`, `--source`, `--tags`) overrides it. Written through content/'s own parser.
import { readFile } from "node:fs/promises";
import { composeArticle, fileExists, tagList, writeNew, type ComposeOptions } from "../content/compose.ts";
import { formatProblem } from "../content/problems.ts";
import type { DatelineCities } from "./datelines.ts";
import { parseWire, storyMarkdown, type Boilerplate } from "./wire.ts";

/** What the editor passed, which overrides what the text says. */
export interface WireFlags {
  date?: string;
  dateline?: string;
  source?: string;
  tags?: string;
  "dry-run"?: boolean;
}

export interface WireImport {
  flags: WireFlags;
  boilerplate: Boilerplate;
  cities: DatelineCities;
  options: ComposeOptions;
  /** Article URLs already taken, and their files: an import adds its own. */
  taken: Map<string, string>;
}

/** UTF-8 text, or undefined for anything else (NUL bytes or invalid UTF-8 mean binary). */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Imports one file; returns the reason it failed, or undefined on success. */
export async function importWireFile(input: string, { flags, boilerplate, cities, options, taken }: WireImport): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `cannot be read (${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a file" : (error as Error).message})`;
  }
  const text = decodeText(bytes);
  if (text === undefined) return "is not a text file (binary or not UTF-8; expected plain-text wire copy)";
  const story = parseWire(text, boilerplate, cities);
  if ("error" in story) return story.error;

  const date = flags.date ?? story.date;
  if (!date) return "has no date line (expected e.g. \"September 20, 2020\" under the headline; or pass --date 2020-09-20)";
  const dateline = flags.dateline ?? story.dateline?.place;
  if (!dateline) return "has no dateline (expected a line such as \"Paris, France:\" or \"PARIS, France —\"; or pass --dateline \"Paris, France\")";
  if (!flags.dateline && !story.dateline?.hasCountry) return `has a dateline with no country, "${dateline}" (pass --dateline "${dateline}, Country")`;
  const source = flags.source ?? story.dateline?.agency;
  if (!source) return "names no agency (expected \"CITY (Agency) —\" in the text; or pass --source AFP)";

  const fields = { title: story.title, date, dateline, source, description: story.standfirst, tags: tagList(flags.tags) };
  const composed = composeArticle(fields, storyMarkdown(story.blocks), options, taken);
  if ("problems" in composed) return composed.problems.map(formatProblem).join("\n  ");
  if (flags["dry-run"]) {
    if (await fileExists(options.root, composed.file)) return `${composed.file} already exists; it would not be overwritten`;
    console.log(`==> ${composed.file} (dry run, not written) <==\n${composed.text}`);
  } else if (!(await writeNew(options.root, composed.file, composed.text))) {
    return `${composed.file} already exists; it was not overwritten`;
  } else {
    console.log(`${input} → ${composed.file}`);
  }
  taken.set(composed.article.url, composed.file);
  return undefined;
}
