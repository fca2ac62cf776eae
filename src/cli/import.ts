// `npm run import -- <file.txt ...> [--out articles] [--date ISO] [--source NAME] [--dateline "City,
// Country"] [--tags a,b] [--dry-run]`: one article per wire-copy file. Flags override what the text
// says. A file that cannot be imported is named with the reason and the others still import;
// the exit code is 1 if any failed, 2 for a usage error. A WordPress export (`export.xml`,
// recognised by its content) imports every post and page instead (src/import/wordpress-import.ts):
// there --source and --dateline are defaults for posts without one, and --download-images
// stores the pictures next to the articles.
import path from "node:path";
import { parseArgs } from "node:util";
import boilerplateData from "../../_data/boilerplate.json" with { type: "json" };
import citiesData from "../../_data/dateline-cities.json" with { type: "json" };
import site from "../../_data/site.ts";
import { buildNow } from "../content/clock.ts";
import { dateProblem } from "../content/dates.ts";
import { takenUrls } from "../content/compose.ts";
import { frontMatterSchema } from "../content/schema.ts";
import { datelineCities, type DatelineCities } from "../import/datelines.ts";
import { formatReport } from "../import/report.ts";
import { compileBoilerplate, type Boilerplate } from "../import/wire.ts";
import { importWireFile, type WireImport } from "../import/wire-import.ts";
import { looksLikeWordPressExport } from "../import/wordpress.ts";
import { importWordPress } from "../import/wordpress-import.ts";

const USAGE = "usage: npm run import -- <file.txt ...> [--out articles] [--date 2020-09-20] [--source AFP] [--dateline \"City, Country\"] [--tags a,b] [--dry-run]\n" +
  "       npm run import -- export.xml [--source NAME] [--dateline \"City, Country\"] [--out articles] [--dry-run] [--download-images]";

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
      "download-images": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
}
type Flags = ReturnType<typeof readArgs>["values"];
type Run = WireImport & { flags: Flags };

/** A WordPress export: every post and page, then the report; the number of items not imported. */
async function importExport(input: string, { flags, cities, options, taken }: Run): Promise<number> {
  const dateline = flags.dateline === undefined ? undefined : frontMatterSchema.shape.dateline.safeParse(flags.dateline);
  if (dateline && !dateline.success) {
    console.error(`${input}: --dateline ${dateline.error.issues[0]?.message ?? "is not valid"}`);
    return 1;
  }
  try {
    const report = await importWordPress(input, {
      ...options,
      pagesDir: "pages",
      dryRun: flags["dry-run"],
      downloadImages: flags["download-images"],
      cities,
      defaults: { source: flags.source, dateline: flags.dateline },
      log: (line) => console.log(line),
      taken,
    });
    console.log(formatReport(report, input, flags["dry-run"]).join("\n"));
    if (report.failed.length) console.error(`${input}: ${report.failed.length} item(s) could not be imported (listed under "Not imported:")`);
    return report.failed.length;
  } catch (error) {
    console.error(`${input}: ${(error as Error).message}`);
    return 1;
  }
}

async function main(): Promise<number> {
  let args: ReturnType<typeof readArgs>;
  let boilerplate: Boilerplate;
  let cities: DatelineCities;
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
  try {
    cities = datelineCities(citiesData);
  } catch (error) {
    console.error(`_data/dateline-cities.json: ${(error as Error).message}`);
    return 2;
  }
  const root = process.cwd();
  const dir = path.relative(root, path.resolve(root, args.values.out)) || ".";
  const options = { root, dir, timezone: site.timezone, now: buildNow() };
  const run: Run = { flags: args.values, boilerplate, cities, options, taken: await takenUrls(options) };
  let failed = 0;
  for (const input of args.positionals) {
    if (await looksLikeWordPressExport(input)) {
      if (await importExport(input, run)) failed++;
      continue;
    }
    const reason = await importWireFile(input, run);
    if (reason) {
      failed++;
      console.error(`${input}: ${reason}`);
    }
  }
  if (failed) console.error(`${failed} of ${args.positionals.length} file(s) not imported.`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
