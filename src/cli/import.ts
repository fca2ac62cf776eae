// `npm run import -- <file.txt ...> [--out articles] [--date ISO] [--source NAME] [--dateline "City,
// Country"] [--tags a,b] [--dry-run]`: one article per wire-copy file. Flags override what the text
// says. A file that cannot be imported is named with the reason and the others still import;
// the exit code is 1 if any failed, 2 for a usage error.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import boilerplateData from "../../_data/boilerplate.json" with { type: "json" };
import site from "../../_data/site.ts";
import { buildNow } from "../content/clock.ts";
import { dateProblem } from "../content/dates.ts";
import { composeArticle, fileExists, tagList, takenUrls, writeNew, type ComposeOptions } from "../content/compose.ts";
import { formatProblem } from "../content/problems.ts";
import { compileBoilerplate, parseWire, storyMarkdown, type Boilerplate } from "../import/wire.ts";

const USAGE = "usage: npm run import -- <file.txt ...> [--out articles] [--date 2020-09-20] [--source AFP] [--dateline \"City, Country\"] [--tags a,b] [--dry-run]";

function readArgs() {
  return parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string", default: "articles" },
      date: { type: "string" },
      source: { type: "string" },
      dateline: { type: "string" },
      tags: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
}
type Flags = ReturnType<typeof readArgs>["values"];

/** UTF-8 text, or undefined for anything else (NUL bytes or invalid UTF-8 mean binary). */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

interface Run {
  flags: Flags;
  boilerplate: Boilerplate;
  options: ComposeOptions;
  taken: Map<string, string>;
}

/** Imports one file; returns the reason it failed, or undefined on success. */
async function importOne(input: string, { flags, boilerplate, options, taken }: Run): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `cannot be read (${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a file" : (error as Error).message})`;
  }
  const text = decodeText(bytes);
  if (text === undefined) return "is not a text file (binary or not UTF-8; expected plain-text wire copy)";
  const story = parseWire(text, boilerplate);
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

async function main(): Promise<number> {
  let args: ReturnType<typeof readArgs>;
  let boilerplate: Boilerplate;
  try {
    args = readArgs();
    if (!args.values.help && !args.positionals.length) throw new Error("No wire-copy files given.");
    const badDate = args.values.date === undefined ? undefined : dateProblem(args.values.date);
    if (badDate) throw new Error(`--date ${badDate}`);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    boilerplate = compileBoilerplate(boilerplateData);
  } catch (error) {
    console.error(`_data/boilerplate.json: ${(error as Error).message}`);
    return 2;
  }
  const root = process.cwd();
  const dir = path.relative(root, path.resolve(root, args.values.out)) || ".";
  const options = { root, dir, timezone: site.timezone, now: buildNow() };
  const run: Run = { flags: args.values, boilerplate, options, taken: await takenUrls(options) };
  let failed = 0;
  for (const input of args.positionals) {
    const reason = await importOne(input, run);
    if (reason) {
      failed++;
      console.error(`${input}: ${reason}`);
    }
  }
  if (failed) console.error(`${failed} of ${args.positionals.length} file(s) not imported.`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
