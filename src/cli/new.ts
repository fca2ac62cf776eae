// `npm run new -- "Headline" --dateline "Paris, France" --source AFP [--tags a,b] [--draft]`:
// writes articles/<yyyy>/<slug>.md dated now in the site's zone. Missing values are asked for on a
// terminal; without one the command names what is missing and exits 1. Usage errors exit 2.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { ZodType } from "zod";
import site from "../../_data/site.ts";
import { buildNow } from "../content/clock.ts";
import { composeArticle, tagList, takenUrls, writeNew } from "../content/compose.ts";
import { formatProblem } from "../content/problems.ts";
import { frontMatterSchema } from "../content/schema.ts";

const USAGE = 'usage: npm run new -- "Headline text" --dateline "Paris, France" --source AFP [--tags a,b] [--draft]';
const BODY = "Write the story here: the lede first, then paragraphs separated by blank lines.";

type Key = "title" | "dateline" | "source";
interface Required {
  key: Key;
  name: string;
  prompt: string;
  check: ZodType;
}

const REQUIRED: Required[] = [
  { key: "title", name: "the headline", prompt: "Headline", check: frontMatterSchema.shape.title },
  { key: "dateline", name: "--dateline", prompt: "Dateline (City, Country)", check: frontMatterSchema.shape.dateline },
  { key: "source", name: "--source", prompt: "Source (agency or outlet)", check: frontMatterSchema.shape.source },
];

function readArgs() {
  return parseArgs({
    allowPositionals: true,
    options: {
      dateline: { type: "string" },
      source: { type: "string" },
      tags: { type: "string" },
      draft: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** Asks for each missing value until it passes the contract; undefined if the editor gives up (Ctrl-C/D). */
async function ask(missing: Required[]): Promise<Partial<Record<Key, string>> | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const closed = new Promise<undefined>((resolve) => rl.once("close", () => resolve(undefined)));
  rl.on("SIGINT", () => rl.close());
  const answers: Partial<Record<Key, string>> = {};
  try {
    for (const field of missing) {
      for (;;) {
        const answer = await Promise.race([rl.question(`${field.prompt}: `), closed]);
        if (answer === undefined) return undefined;
        const result = field.check.safeParse(answer);
        if (result.success) {
          answers[field.key] = answer.trim();
          break;
        }
        console.error(`${field.key}: ${result.error?.issues[0]?.message ?? "is not valid"}`);
      }
    }
    return answers;
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  let args: ReturnType<typeof readArgs>;
  try {
    args = readArgs();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const given: Partial<Record<Key, string>> = {
    title: args.positionals.join(" ").trim() || undefined,
    dateline: args.values.dateline?.trim() || undefined,
    source: args.values.source?.trim() || undefined,
  };
  const missing = REQUIRED.filter((field) => !given[field.key]);
  if (missing.length && !process.stdin.isTTY) {
    console.error(`Missing ${missing.map((f) => f.name).join(", ")} (no terminal to ask on); nothing was written.\n${USAGE}`);
    return 1;
  }
  const answers = missing.length ? await ask(missing) : {};
  if (!answers) {
    console.error("\nCancelled; nothing was written.");
    return 1;
  }
  const { title = "", dateline = "", source = "" } = { ...given, ...answers };

  const now = buildNow().setZone(site.timezone).startOf("second");
  const options = { root: process.cwd(), dir: "articles", timezone: site.timezone, now };
  const fields = {
    title,
    date: now.toISO({ suppressMilliseconds: true })!,
    dateline,
    source,
    tags: tagList(args.values.tags),
    draft: args.values.draft ? (true as const) : undefined,
  };
  const composed = composeArticle(fields, BODY, options, await takenUrls(options));
  if ("problems" in composed) {
    for (const problem of composed.problems) console.error(formatProblem(problem));
    console.error("Nothing was written.");
    return 1;
  }
  if (!(await writeNew(options.root, composed.file, composed.text))) {
    console.error(`${composed.file} already exists; it was not overwritten (edit that file, or choose another headline).`);
    return 1;
  }
  console.log(composed.file);
  return 0;
}

process.exitCode = await main();
