// Incremental builds (`npm run build`, reusing .cache/build/ and the previous _site/) against clean
// ones (`npm run build -- --clean`): the same inputs must give the same bytes, whatever was edited,
// however the last build ended. Replay a run with INCREMENTAL_SEED=<seed> (printed on failure).
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, existsSync, watch, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { article, collect, makeFixture, PINNED_ENV, PROJECT, scriptArgs, testEnvironment, validFields, type Fixture, type RunResult } from "./fixture.ts";
import { findArticleFiles } from "../src/content/article-files.ts";
import { fileStatsInBackground, RecordCache } from "../src/content/record-cache.ts";
import { parseArticle } from "../src/content/article.ts";
import { survey, type Survey } from "../src/build/recycle.ts";
import { PageSignatures } from "../src/site/signatures.ts";
import type { Article } from "../src/content/load.ts";
import { DateTime } from "luxon";

const SEED = seedFromEnvironment();
/** Kinds of edit to leave out of the random sequence (comma-separated), e.g. to look past a known failure. */
const SKIPPED = (process.env.INCREMENTAL_SKIP ?? "").split(",").map((kind) => kind.trim()).filter(Boolean);
const REPLAY = `INCREMENTAL_SEED=${SEED}${SKIPPED.length ? ` INCREMENTAL_SKIP=${SKIPPED.join(",")}` : ""} npx vitest run test/incremental.test.ts`;
/** The build's closing line: `Built 12 articles (rendered 38 pages, reused 251 files; search: 1 of 1 parts re-indexed) in 2.4 s`. */
const CLOSING_LINE = /^Built (\d+) articles \(rendered (\d+) pages, reused (\d+) files; search: (\d+) of (\d+) parts re-indexed(?:, \d+ superseded records left out)?\) in \d+(\.\d+)? s$/;
/** "Now" once the clock has passed the embargo below (and the expiry of the licensed story). */
const LATER_NOW = "2026-01-04T00:00:00Z";

// ---------------------------------------------------------------------------------------------
// The sites: ten stories on three desks, from two agencies and two places, over two months, with
// shared tags; one embargoed past the pinned BUILD_NOW (2026-01-01T12:00:00Z), one licensed until
// before LATER_NOW. Every edit is made to a model, then written identically into each site.

interface Story {
  fields: Record<string, unknown>;
  body: string;
}

const REUTERS = { name: "Reuters", url: "https://www.reuters.com" };
const EMBARGOED = "articles/2026/summit-communique.md";

function initialStories(): Map<string, Story> {
  const paris = "Paris, France";
  const nairobi = "Nairobi, Kenya";
  const stories: [string, Record<string, unknown>, string][] = [
    ["articles/2025/oil-output-cut.md", { title: "Oil producers agree an output cut", date: "2025-10-02T08:00:00-04:00", dateline: paris, source: "AFP", tags: ["Energy", "Markets"], section: "Business" }, "Producers agreed to cut output by a million barrels a day.\n\n## Prices\n\nBrent rose 3 percent on the news."],
    ["articles/2025/rail-strike.md", { title: "Rail workers strike over pensions", date: "2025-10-09", dateline: paris, source: REUTERS, tags: ["Transport", "Labour"] }, "Trains stopped across the country on Thursday."],
    ["articles/2025/drought-harvest.md", { title: "Drought cuts the maize harvest", date: "2025-10-14T11:00:00", dateline: nairobi, source: "AFP", tags: ["Climate", "Farming"], section: "Science" }, "The long rains failed for a third season.\n\nFarmers in the east lost half their crop."],
    ["articles/2025/election-date.md", { title: "Election commission sets the vote for March", date: "2025-10-21T16:30:00-04:00", dateline: nairobi, source: REUTERS, tags: ["Elections"], author: "Wanjiru Kamau" }, "The commission named the date after weeks of talks."],
    ["articles/2025/central-bank.md", { title: "Central bank holds rates", date: "2025-10-31T23:30:00", dateline: paris, source: REUTERS, tags: ["Markets", "Banking"], section: "Business" }, "The bank kept its main rate at 2 percent."],
    ["articles/2025/solar-auction.md", { title: "Solar auction draws record bids", date: "2025-11-01T00:30:00", dateline: nairobi, source: "AFP", tags: ["Energy", "Climate"], section: "Science" }, "Bidders offered the lowest prices yet."],
    ["articles/2025/opposition-rally.md", { title: "Opposition fills the stadium", date: "2025-11-07T18:00:00-05:00", dateline: nairobi, source: "AFP", tags: ["Elections"] }, "Tens of thousands came to hear the candidate."],
    ["articles/2025/bond-yields.md", { title: "Bond yields climb after the budget", date: "2025-11-12", dateline: paris, source: REUTERS, tags: ["Markets"], section: "Business", kind: "analysis" }, "Investors asked for more to hold ten-year debt."],
    ["articles/2025/flood-warning.md", { title: "Flood warning for the coast", date: "2025-11-20T06:45:00", dateline: nairobi, source: REUTERS, tags: ["Climate"], expires: "2026-01-02T00:00:00-05:00" }, "Forecasters expect heavy rain this weekend."],
    ["articles/2025/tram-line.md", { title: "New tram line opens", date: "2025-11-28T10:00:00", dateline: paris, source: "AFP", tags: ["Transport"], image: { src: "images/tram.jpg", alt: "A tram at the terminus" } }, "The line links the airport with the centre."],
    [EMBARGOED, { title: "Summit agrees a climate fund", date: "2026-01-03T09:00:00-05:00", dateline: paris, source: "AFP", tags: ["Climate", "Energy"] }, "Leaders agreed the fund after two days of talks."],
  ];
  return new Map(stories.map(([file, fields, body]) => [file, { fields, body }]));
}

const filesOf = (stories: Map<string, Story>) => Object.fromEntries([...stories].map(([file, { fields, body }]) => [file, article(fields, body)]));

interface Picture {
  width: number;
  height: number;
  background: string;
}
/** The picture of the newest story (tram-line), so the front page leads with it. */
const FIRST_PICTURE: [string, Picture] = ["articles/2025/images/tram.jpg", { width: 160, height: 100, background: "#3b6ea5" }];
const jpeg = ({ width, height, background }: Picture) => sharp({ create: { width, height, channels: 3, background } }).jpeg().toBuffer();

/** `count` fixture sites holding the same stories (and the first picture). */
async function makeSites(stories: Map<string, Story>, count: number): Promise<Sites> {
  const sites = new Sites(Array.from({ length: count }, () => makeFixture(filesOf(stories))));
  sites.write(FIRST_PICTURE[0], await jpeg(FIRST_PICTURE[1]));
  return sites;
}

/** Edits made the same way to every site of a test. */
class Sites {
  constructor(readonly all: Fixture[]) {}

  write(file: string, content: string | Buffer) {
    for (const site of this.all) {
      const target = inside(site, file);
      mkdirSync(path.dirname(target), { recursive: true });
      if (existsSync(target) && lstatSync(target).isSymbolicLink()) unlinkSync(target); // never through a link into the project
      writeFileSync(target, content);
    }
  }

  remove(file: string) {
    for (const site of this.all) rmSync(inside(site, file));
  }

  story(file: string, story: Story) {
    this.write(file, article(story.fields, story.body));
  }

  /** _includes/ is linked from the project: the first layout edit puts the same real copy into every site. */
  ownIncludes() {
    const [first, ...rest] = this.all;
    const copy = (site: Fixture, from: string) => {
      const folder = path.join(site.root, "_includes");
      if (!lstatSync(folder).isSymbolicLink()) return;
      unlinkSync(folder);
      cpSync(from, folder, { recursive: true });
    };
    copy(first!, path.join(PROJECT, "_includes"));
    for (const site of rest) copy(site, path.join(first!.root, "_includes")); // one copy, even if the project's changes meanwhile
  }
}

/** A path in the fixture, refusing one that leads out of it (through a linked folder into the project). */
function inside(site: Fixture, file: string): string {
  const target = path.join(site.root, file);
  let folder = path.dirname(target);
  while (!existsSync(folder)) folder = path.dirname(folder);
  if (!realpathSync(folder).startsWith(realpathSync(site.root))) throw new Error(`${file} is not the fixture's own: it leads to ${realpathSync(folder)}`);
  return target;
}

// ---------------------------------------------------------------------------------------------
// The random edits. mulberry32: a small PRNG whose sequence is the same on every machine.

/** The seed: INCREMENTAL_SEED, or 5, whose sequence replaces the front page's lead picture under its own name (step 16). */
function seedFromEnvironment(): number {
  const text = process.env.INCREMENTAL_SEED?.trim();
  if (!text) return 5;
  if (!/^\d+$/.test(text)) throw new Error(`INCREMENTAL_SEED=${text}: expected a whole number`);
  return Number(text) >>> 0;
}

/** Entries by their key, the same order on every machine (no locale). */
const byName = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  between(low: number, high: number): number {
    return low + this.next() * (high - low);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  some<T>(list: readonly T[], min: number, max: number): T[] {
    return this.shuffle(list).slice(0, min + this.int(max - min + 1));
  }
}

// the edits an editor makes; besides: a picture replaced under its name, the front page arranged,
// a byline changed, a correction added, an old address kept
const KINDS = ["add", "delete", "text", "retitle", "retag", "redate", "place", "draft", "image", "layout", "data", "clock", "repicture", "frontpage", "byline", "correct", "alias"] as const;
type Kind = (typeof KINDS)[number];

const SUBJECTS = ["Ministers", "Farmers", "Traders", "The court", "Unions", "The mayor", "Regulators", "Doctors"];
const VERBS = ["reject", "back", "delay", "question", "approve", "welcome"];
const OBJECTS = ["the fuel subsidy", "a new port", "the water plan", "tax changes", "the vaccine drive", "a trade deal"];
const SENTENCES = [
  "Officials said the decision would be reviewed next month.",
  "The plan had been debated for more than a year.",
  "Critics said it came too late.",
  "Markets barely moved on the news.",
  "A spokesperson declined to comment.",
  "The figures were published on Tuesday.",
  "“We will not stop here,” one organiser said.",
];
const TAGS = ["Energy", "Markets", "Climate", "Elections", "Transport", "Health"];
const DATELINES = ["Paris, France", "Nairobi, Kenya", "Lima, Peru"];
const SOURCES: unknown[] = ["AFP", REUTERS, "AP"];
const PLACES = { dateline: DATELINES, source: SOURCES, section: ["World", "Business", "Science"], kind: ["news", "analysis", "opinion"] };
/** Two with a profile in _data/authors.ts (an author page), one without. */
const BYLINES: unknown[] = ["Wanjiru Kamau", "Mariana Teixeira", ["Wanjiru Kamau", "Jane Doe"], "Jane Doe"];
/** Either side of a month's end in the site's zone (America/New_York); some are the next month in UTC. */
const MONTH_EDGES = ["2025-09-30T23:30:00", "2025-10-01T00:30:00", "2025-10-31T23:50:00-04:00", "2025-11-01T00:10:00-04:00", "2025-11-30T22:00:00", "2025-12-01T07:00:00-05:00"];

class Newsroom {
  readonly stories = initialStories();
  /** Local pictures, by path in the site. */
  readonly pictures = new Map([FIRST_PICTURE]);
  /** Stories _data/frontpage.yaml names: not deleted while it does. */
  private onFrontPage = new Set<string>();
  env: Record<string, string> = {};
  private made = 0;

  constructor(
    private readonly random: Random,
    private readonly sites: Sites,
  ) {}

  private headline = () => `${this.random.pick(SUBJECTS)} ${this.random.pick(VERBS)} ${this.random.pick(OBJECTS)}`;
  private text = () => {
    const paragraphs = Array.from({ length: 1 + this.random.int(3) }, () => this.random.some(SENTENCES, 1, 3).join(" "));
    if (this.random.next() < 0.4) paragraphs.splice(1, 0, `## ${this.random.pick(["Reaction", "What comes next", "Background"])}`);
    return paragraphs.join("\n\n");
  };
  private tags = () => this.random.some(TAGS, 1, 3).map((tag) => (this.random.next() < 0.25 ? tag.toLowerCase() : tag)); // "markets" is "Markets"
  /** A story to edit; not the embargoed one when the edit would change whether it is published. */
  private anyStory(keepEmbargo = false): [string, Story] {
    return this.random.pick([...this.stories].filter(([file]) => !keepEmbargo || file !== EMBARGOED).sort(byName));
  }
  private picture = (): Picture => ({ width: 96 + this.random.int(160), height: 64 + this.random.int(96), background: `#${this.random.int(0x1000000).toString(16).padStart(6, "0")}` });
  private async drawPicture(where: string, picture: Picture) {
    this.sites.write(where, await jpeg(picture));
    this.pictures.set(where, picture);
  }
  private picturePath = (file: string, story: Story) => path.join(path.dirname(file), (story.fields.image as { src: string }).src);
  private pickStory(filter: (entry: [string, Story]) => boolean): [string, Story] {
    return this.random.pick([...this.stories].filter(filter).sort(byName));
  }
  private save(file: string, change: (story: Story) => void) {
    const story = this.stories.get(file)!;
    change(story);
    this.sites.story(file, story);
  }

  async apply(kind: Kind): Promise<string> {
    const r = this.random;
    const n = ++this.made;
    switch (kind) {
      case "add": {
        const file = `articles/2025/added-${n}.md`;
        const fields = { title: this.headline(), date: `2025-${r.pick(["10", "11", "12"])}-${String(1 + r.int(28)).padStart(2, "0")}T${String(r.int(24)).padStart(2, "0")}:15:00`, dateline: r.pick(DATELINES), source: r.pick(SOURCES), tags: this.tags() };
        this.stories.set(file, { fields, body: this.text() });
        this.sites.story(file, this.stories.get(file)!);
        return `add ${file} (${JSON.stringify(fields)})`;
      }
      case "delete": {
        const [file] = this.pickStory(([name]) => name !== EMBARGOED && !this.onFrontPage.has(name));
        this.stories.delete(file);
        this.sites.remove(file);
        return `delete ${file}`;
      }
      case "text": {
        const [file] = this.anyStory();
        const body = this.text();
        this.save(file, (story) => void (story.body = body));
        return `edit the text of ${file}: ${JSON.stringify(body)}`;
      }
      case "retitle": {
        const [file] = this.anyStory();
        const title = this.headline();
        this.save(file, (story) => void (story.fields.title = title));
        return `retitle ${file}: ${JSON.stringify(title)}`;
      }
      case "retag": {
        const [file] = this.anyStory();
        const tags = this.tags();
        this.save(file, (story) => void (story.fields.tags = tags));
        return `retag ${file}: ${JSON.stringify(tags)}`;
      }
      case "redate": {
        const [file, story] = this.anyStory(true);
        const month = String(story.fields.date).slice(0, 7);
        const date = r.pick(MONTH_EDGES.filter((edge) => edge.slice(0, 7) !== month));
        this.save(file, (s) => void (s.fields.date = date));
        return `re-date ${file}: ${month} → ${date}`;
      }
      case "place": {
        const [file, story] = this.anyStory();
        const field = r.pick(["dateline", "source", "section", "kind"] as const);
        const value = r.pick(PLACES[field].filter((v) => JSON.stringify(v) !== JSON.stringify(story.fields[field])));
        this.save(file, (s) => void (s.fields[field] = value));
        return `change the ${field} of ${file}: ${JSON.stringify(value)}`;
      }
      case "draft": {
        const [file, story] = this.anyStory(true);
        const draft = !story.fields.draft;
        this.save(file, (s) => (draft ? (s.fields.draft = true) : delete s.fields.draft));
        return `${draft ? "make a draft of" : "publish the draft"} ${file}`;
      }
      case "image": {
        const [file] = this.anyStory();
        const picture = this.picture();
        const src = `images/picture-${n}.jpg`;
        await this.drawPicture(path.join(path.dirname(file), src), picture);
        const image = { src, alt: `A ${picture.width} by ${picture.height} picture`, caption: "The scene on the day." };
        this.save(file, (s) => void (s.fields.image = image));
        return `add a ${JSON.stringify(picture)} picture ${src} to ${file}`;
      }
      case "repicture": {
        // the story's file is not touched: only the picture it names, same name, new bytes
        const shown = [...this.stories].filter(([file, story]) => story.fields.image && this.pictures.has(this.picturePath(file, story))).sort(byName);
        if (!shown.length) return `${await this.apply("image")} (no story had a local picture to replace)`;
        // mostly the newest story's, which the front page leads with (unless frontpage.yaml says otherwise)
        const lead = shown.find(([file, story]) => this.picturePath(file, story) === FIRST_PICTURE[0]);
        const [file, story] = lead && r.next() < 0.75 ? lead : r.pick(shown);
        const where = this.picturePath(file, story);
        const old = this.pictures.get(where)!;
        // half the time the same size in pixels, another colour: often the same size in bytes too
        const picture = r.next() < 0.5 ? { ...old, background: this.picture().background } : this.picture();
        const bytes = statSync(path.join(this.sites.all[0]!.root, where)).size;
        await this.drawPicture(where, picture);
        const now = statSync(path.join(this.sites.all[0]!.root, where)).size;
        return `replace the picture ${where} (of ${file}) with ${JSON.stringify(picture)}, ${now} bytes (was ${JSON.stringify(old)}, ${bytes} bytes)`;
      }
      case "frontpage": {
        const chosen = r.some([...this.stories.keys()].sort(), 2, 3);
        const [lead, ...top] = chosen;
        const yaml = `lead: ${lead}\ntop:\n${top.map((file) => `  - ${path.basename(file, ".md")}\n`).join("")}sectionStories: ${r.int(4)}\n`;
        this.onFrontPage = new Set(chosen);
        this.sites.write("_data/frontpage.yaml", yaml);
        return `_data/frontpage.yaml: ${JSON.stringify(yaml)}`;
      }
      case "correct": {
        // after every story's date (the latest a step gives is 2025-12-28) and before the pinned now
        const [file] = this.anyStory(true);
        const correction = { date: `2025-12-31T${String(10 + r.int(10))}:00:00`, text: `An earlier version misspelt a name (correction ${n}).` };
        this.save(file, (s) => void (s.fields.corrections = [...((s.fields.corrections as unknown[]) ?? []), correction]));
        return `correct ${file}: ${JSON.stringify(correction)}`;
      }
      case "alias": {
        const [file] = this.anyStory();
        const alias = `/legacy/story-${n}/`;
        this.save(file, (s) => void (s.fields.aliases = [...((s.fields.aliases as string[]) ?? []), alias]));
        return `give ${file} the old address ${alias}`;
      }
      case "byline": {
        const [file, story] = this.anyStory();
        const author = r.pick(BYLINES.filter((v) => JSON.stringify(v) !== JSON.stringify(story.fields.author)));
        this.save(file, (s) => void (s.fields.author = author));
        return `byline of ${file}: ${JSON.stringify(author)}`;
      }
      case "layout": {
        this.sites.ownIncludes();
        const [file, description, edit] = r.pick(LAYOUT_EDITS);
        const before = readFileSync(path.join(this.sites.all[0]!.root, "_includes", file), "utf8");
        const after = edit(before, n);
        if (after === before) throw new Error(`the layout edit of _includes/${file} (${description}) changed nothing: has the layout changed?`);
        this.sites.write(path.join("_includes", file), after);
        return `layout: ${description} in _includes/${file} (rev ${n})`;
      }
      case "data": {
        const field = r.pick(["title", "description"] as const);
        const original = readFileSync(path.join(PROJECT, "_data/site.ts"), "utf8");
        const edited = original.replace(new RegExp(`^(  ${field}: ")([^"]*)(",)$`, "m"), `$1$2 (edition ${n})$3`);
        if (edited === original) throw new Error(`_data/site.ts has no ${field} line to edit`);
        this.sites.write("_data/site.ts", edited);
        return `_data/site.ts: ${field} + " (edition ${n})"`;
      }
      case "clock": {
        this.env = { BUILD_NOW: LATER_NOW };
        return `move the clock past the embargo: BUILD_NOW=${LATER_NOW} from now on`;
      }
    }
  }
}

/** Edits to the copied _includes/: [file, what, edit(text, revision)]. Each can be made again. */
const LAYOUT_EDITS: [string, string, (text: string, rev: number) => string][] = [
  ["layouts/article.njk", "the Topics heading of article pages", (text, rev) => text.replace(/<h2>Topics[^<]*<\/h2>/, `<h2>Topics (rev ${rev})</h2>`)],
  ["partials/card.njk", "the standfirst of every listing card", (text, rev) => text.replace(/<p( data-rev="\d+")?>\{\{ article\.description \}\}<\/p>/, `<p data-rev="${rev}">{{ article.description }}</p>`)],
  ["layouts/base.njk", "a line in every page's footer", (text, rev) => text.replace(/(\n  <p class="edition">[^<]*<\/p>)?\n<\/footer>/, `\n  <p class="edition">Edition ${rev}</p>\n</footer>`)],
  ["assets/site.css", "a rule in the stylesheet", (text, rev) => `${text.replace(/\n\/\* rev \d+ \*\/\n.*\n$/, "\n")}\n/* rev ${rev} */\n.edition { margin-block: ${rev}px; }\n`],
];

// ---------------------------------------------------------------------------------------------
// Comparing built folders, byte for byte; the search index by what a search finds (searchDiff).

/** Every file under `folder` (a symlink as its target), by path relative to it. */
function readTree(folder: string): Map<string, Buffer> {
  const tree = new Map<string, Buffer>();
  if (!existsSync(folder)) return tree;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(folder, file);
    tree.set(relative, entry.isSymbolicLink() ? Buffer.from(`(a symlink to ${readlinkSync(file)})`) : readFileSync(file));
  }
  return new Map([...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const TEXT = /\.(html|xml|json|txt|css|js|mjs|svg|yml|webmanifest)$/;

/**
 * Pagefind's index files. A part kept with an overlay (src/search/overlay.ts) differs from a clean
 * build's in its bytes, not in what a search finds: they are compared by `searchDiff`.
 */
const INDEX_FILE = /^pagefind\/(?:archive\/\d+\/)?(?:pagefind-entry\.json|[^/]+\.pf_meta|(?:index|fragment|filter)\/.+)$|^pagefind\/superseded\.json$/;
const bundleOf = (file: string) => /^pagefind\/(?:archive\/\d+\/)?/.exec(file)![0];

/** Each bundle's records (URL → its fragment's JSON), and the records a search finds: all but the superseded. */
function searchRecords(tree: Map<string, Buffer>) {
  const bundles = new Map<string, Map<string, string>>();
  const byId = new Map<string, string[]>();
  for (const [file, bytes] of tree) {
    const fragment = /^(.*)fragment\/([^/]+)\.pf_fragment$/.exec(file);
    if (!fragment || !INDEX_FILE.test(file)) continue;
    const json = gunzipSync(bytes).subarray("pagefind_dcd".length).toString("utf8");
    const { url } = JSON.parse(json) as { url: string };
    if (!bundles.has(fragment[1]!)) bundles.set(fragment[1]!, new Map());
    bundles.get(fragment[1]!)!.set(url, json);
    byId.set(`${fragment[2]} ${url}`, [...(byId.get(`${fragment[2]} ${url}`) ?? []), json]);
  }
  const superseded = JSON.parse(tree.get("pagefind/superseded.json")?.toString("utf8") ?? "{}") as Record<string, { url: string }[]>;
  for (const [id, records] of Object.entries(superseded)) for (const { url } of records) byId.get(`${id} ${url}`)?.pop();
  const found = [...byId].flatMap(([key, jsons]) => jsons.map((json) => `${key.split(" ")[1]} ${json}`)).sort();
  return { bundles, found };
}

/** What a search finds must be the same; a bundle holding the same records as the clean build's, the same bytes. */
function searchDiff(actual: Map<string, Buffer>, expected: Map<string, Buffer>, [a, b]: [string, string]): string[] {
  const [x, y] = [searchRecords(actual), searchRecords(expected)];
  const lines: string[] = [];
  if (x.found.join("\n") !== y.found.join("\n")) lines.push(`what a search finds differs: ${firstDifference(x.found.join("\n"), y.found.join("\n"), [a, b])}`);
  const same = [...x.bundles].filter(([bundle, records]) => JSON.stringify([...records].sort()) === JSON.stringify([...(y.bundles.get(bundle) ?? [])].sort())).map(([bundle]) => bundle);
  const files = [...new Set([...actual.keys(), ...expected.keys()])].filter((file) => INDEX_FILE.test(file) && same.includes(bundleOf(file)) && file !== "pagefind/superseded.json");
  const differing = files.filter((file) => !actual.get(file)?.equals(expected.get(file) ?? Buffer.alloc(0)));
  if (differing.length) lines.push(`search index bundles with the same records differ in their files: ${differing.slice(0, 4).join(", ")}`);
  return lines;
}

/** The first `limit` differences between two trees, each a line; none when they are the same. */
function treeDiff(actual: Map<string, Buffer>, expected: Map<string, Buffer>, [a, b]: [string, string], limit = 6): string[] {
  const lines: string[] = searchDiff(actual, expected, [a, b]);
  const paths = [...new Set([...actual.keys(), ...expected.keys()])].filter((file) => !INDEX_FILE.test(file)).sort();
  let count = 0;
  for (const file of paths) {
    const [x, y] = [actual.get(file), expected.get(file)];
    if (x && y && x.equals(y)) continue;
    if (++count > limit) continue;
    if (!x) lines.push(`${file}: only in the ${b} build`);
    else if (!y) lines.push(`${file}: only in the ${a} build`);
    else lines.push(`${file}: differs${TEXT.test(file) ? `: ${firstDifference(x.toString("utf8"), y.toString("utf8"), [a, b])}` : ` (${x.length} bytes in the ${a} build, ${y.length} in the ${b})`}`);
  }
  if (count > limit) lines.push(`… and ${count - limit} more of ${paths.length} files`);
  return lines;
}

function firstDifference(x: string, y: string, [a, b]: [string, string]): string {
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const excerpt = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 60), i + 100));
  return `first at character ${i}:\n      ${a}: ${excerpt(x)}\n      ${b}: ${excerpt(y)}`;
}

const lastLine = (result: RunResult) => result.stdout.trim().split("\n").at(-1) ?? "";
const reused = (result: RunResult) => Number(CLOSING_LINE.exec(lastLine(result))?.[3] ?? NaN);
const failed = (what: string, result: RunResult) => `${what} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;

// ---------------------------------------------------------------------------------------------

describe("an incremental build (npm run build with .cache/build/) against a clean one (--clean)", () => {
  it("is byte-identical to a clean build, its search finding the same records, after each of a seeded random sequence of edits", async () => {
    // the stories are arranged around the pinned "now": the embargo and the expiry fall between it and LATER_NOW
    expect(PINNED_ENV.BUILD_NOW < "2026-01-02T05:00:00Z" && LATER_NOW > "2026-01-03T14:00:00Z").toBe(true);
    const random = new Random(SEED);
    const sites = await makeSites(initialStories(), 2);
    const [incremental, clean] = sites.all as [Fixture, Fixture];
    const newsroom = new Newsroom(random, sites);
    for (const kind of SKIPPED) expect(KINDS, `INCREMENTAL_SKIP names ${kind}`).toContain(kind);
    const kinds = [...random.shuffle(KINDS), ...Array.from({ length: 1 }, () => random.pick(KINDS.filter((kind) => kind !== "clock")))].filter((kind) => !SKIPPED.includes(kind));
    const steps: string[] = ["build the first 11 stories"];
    const stats: string[] = [];
    const context = (step: number) =>
      `seed ${SEED} (replay: ${REPLAY}), ${incremental.root} against ${clean.root}; steps:\n${steps.map((s, i) => `  ${i}. ${s}`).join("\n")}\n(failed at step ${step})`;

    let previous: Map<string, Buffer> | undefined;
    for (let step = 0; step <= kinds.length; step++) {
      if (step > 0) steps.push(await newsroom.apply(kinds[step - 1]!));
      // search index parts of 4 stories: edits to older stories go through the search overlay; sitemap files of 8 URLs, reused while unchanged
      const env = { SEARCH_PART_SIZE: "4", SITEMAP_SIZE: "8", ...newsroom.env };
      const [inc, full] = await Promise.all([incremental.run("build", env), clean.run("build", env, ["--clean"])]);
      expect(inc.code, `${failed("the incremental build", inc)}\n${context(step)}`).toBe(0);
      expect(full.code, `${failed("the clean build", full)}\n${context(step)}`).toBe(0);
      stats.push(`${step}. ${steps[step]}\n     ${lastLine(inc)}`);
      const built = readTree(path.join(incremental.root, "_site"));
      expect(built.size, `the incremental build wrote no _site/\n${context(step)}`).toBeGreaterThan(0);
      expect(treeDiff(built, readTree(path.join(clean.root, "_site")), ["incremental", "clean"]), `incremental _site/ ≠ clean _site/ after step ${step}\n${context(step)}`).toEqual([]);
      // the site it replaced stays as _site.old, as it was: reusing its files never wrote into them
      if (previous) {
        const rollback = readTree(path.join(incremental.root, "_site.old"));
        expect(treeDiff(rollback, previous, ["_site.old after", "previous _site/ before"]), `the incremental build changed the site it replaced (_site.old) at step ${step}\n${context(step)}`).toEqual([]);
      }
      previous = built;
      // the survey it left for the next build, made from what it wrote, keeps what comparing every file with _site/'s keeps
      const at = (name: string) => path.join(incremental.root, name);
      expect(await surveyWritten(at(".cache/build")), `no survey made ahead after step ${step}\n${context(step)}`).toBe(true);
      const { plan } = JSON.parse(readFileSync(at(".cache/build/survey.json"), "utf8")) as { plan: Survey | null };
      const pages = new Set(JSON.parse(readFileSync(at(".cache/build/manifest.jsonl"), "utf8").split("\n")[1]!) as string[]);
      // the build names its folders relative to the project
      const ahead = plan && { ...plan, folder: at(plan.folder) };
      expect(ahead, `the survey made ahead after step ${step}\n${context(step)}`).toEqual(survey(at("_site.next"), at("_site.old"), at("_site"), pages) ?? null);
    }
    console.log(`seed ${SEED}: ${kinds.length} steps, each with its incremental build's closing line:\n${stats.join("\n")}`);
  }, 400_000);
});

describe("a build killed part-way", () => {
  /** `npm run build`, started in a process group of its own so that Pagefind goes down with it. */
  function startBuild(site: Fixture, env: Record<string, string> = {}) {
    const child = spawn(process.execPath, scriptArgs("build"), { cwd: site.root, env: testEnvironment(env), detached: true });
    const started = performance.now();
    let validated: number | undefined;
    const result = collect(child, (stdout) => void (validated ??= stdout.includes("Validated") ? performance.now() - started : undefined));
    return { child, result, started, validated: () => validated };
  }

  it("leaves a site and a cache the next build can use", async () => {
    const random = new Random(SEED ^ 0x5eed);
    const stories = initialStories();
    const both = await makeSites(stories, 2);
    const [site, clean] = both.all as [Fixture, Fixture];
    const log: string[] = [];
    const context = () => `seed ${SEED} (replay: ${REPLAY}), ${site.root} against ${clean.root}:\n${log.map((line) => `  ${line}`).join("\n")}`;
    const edit = (file: string, change: (story: Story) => void, what: string) => {
      change(stories.get(file)!);
      both.story(file, stories.get(file)!);
      log.push(what);
    };

    const first = await site.run("build");
    expect(first.code, failed("the first build", first)).toBe(0);
    // an uninterrupted incremental build, timed: the kills below land inside one like it
    edit("articles/2025/rail-strike.md", (s) => void (s.fields.title = "Rail strike ends"), "retitle rail-strike; build");
    const timed = startBuild(site);
    const reference = await timed.result;
    expect(reference.code, failed("the timed build", reference)).toBe(0);
    const total = performance.now() - timed.started;
    const writing = timed.validated() ?? 0; // from the "Validated …" line, when the build starts writing
    log.push(`(that build took ${total.toFixed(0)} ms, ${writing.toFixed(0)} ms of it before writing)`);

    let interrupted = 0;
    const live = path.join(site.root, "_site");
    /** A kill at a seeded time while it writes (a fraction of the timed build's writing), or as soon as it has swapped the new site in. */
    type KillPoint = [number, number] | "swap";
    const killedBuilds = async (before: Map<string, Buffer>, after: Map<string, Buffer>, points: KillPoint[]) => {
      for (const point of points) {
        const build = startBuild(site);
        const kill = () => build.child.exitCode === null && build.child.signalCode === null && process.kill(-build.child.pid!, "SIGKILL");
        let when: string;
        let killed: boolean;
        if (point === "swap") {
          // _site/ is a new folder once the staging folder is renamed to it
          const old = statSync(live).ino;
          let sent = false;
          const watcher = watch(site.root, () => {
            const now = statSync(live, { throwIfNoEntry: false })?.ino;
            if (!sent && now !== undefined && now !== old) sent = kill();
          });
          await build.result;
          watcher.close();
          killed = sent;
          when = `as the new site was swapped in (the manifest then ${existsSync(path.join(site.root, ".cache/build/manifest.jsonl")) ? "written" : "not written"})`;
        } else {
          const delay = writing + random.between(...point) * (total - writing);
          await new Promise((resolve) => setTimeout(resolve, delay));
          killed = kill();
          when = `at ${delay.toFixed(0)} ms`;
        }
        const ended = await build.result;
        if (killed) interrupted++;
        log.push(killed ? `build: SIGKILL ${when} (stdout so far: ${JSON.stringify(ended.stdout.trim().split("\n").at(-1) ?? "")})` : `build: finished (exit ${ended.code}) before the kill ${when}`);
        const now = readTree(path.join(site.root, "_site"));
        expect(now.get("index.html"), `no _site/index.html after the kill\n${context()}`).toBeDefined();
        // the previous complete site, or, had it got as far as swapping the new one in, the new one
        const diff = treeDiff(now, before, ["killed", "previous"]);
        if (diff.length) expect(treeDiff(now, after, ["killed", "clean"]), `_site/ after the kill is neither the previous site (${diff.join("; ")}) nor the new one\n${context()}`).toEqual([]);
        log.push(`  _site/ then held the ${diff.length ? "new" : "previous"} site`);
      }
      const next = await site.run("build");
      log.push(`build to the end: ${lastLine(next)}`);
      expect(next.code, `${failed("the build after the kill", next)}\n${context()}`).toBe(0);
      expect(treeDiff(readTree(path.join(site.root, "_site")), after, ["incremental", "clean"]), `the build after the kills ≠ a clean build\n${context()}`).toEqual([]);
    };
    const cleanBuild = async () => {
      const result = await clean.run("build", {}, ["--clean"]);
      expect(result.code, failed("the clean build", result)).toBe(0);
      return readTree(path.join(clean.root, "_site"));
    };

    // early, midway and late in writing, then at the swap, one after another over what each left
    let before = readTree(path.join(site.root, "_site"));
    edit("articles/2025/drought-harvest.md", (s) => void (s.body = "The rains came late.\n\n## Prices\n\nMaize doubled in price."), "edit the text of drought-harvest");
    edit("articles/2025/tram-line.md", (s) => void (s.fields.tags = ["Transport", "Markets", "Cities"]), "retag tram-line");
    stories.set("articles/2025/ferry-strike.md", { fields: { title: "Ferry crews walk out", date: "2025-11-30T22:00:00", dateline: "Lima, Peru", source: "AP", tags: ["Transport"] }, body: "Ferries stayed in port." });
    both.story("articles/2025/ferry-strike.md", stories.get("articles/2025/ferry-strike.md")!);
    log.push("add ferry-strike");
    await killedBuilds(before, await cleanBuild(), [[0, 0.3], [0.35, 0.7], [0.75, 1.2], "swap"]);

    // a new edit over the cache that build left: killed at the swap, late, then early
    before = readTree(path.join(site.root, "_site"));
    edit("articles/2025/central-bank.md", (s) => void (s.fields.date = "2025-11-01T00:10:00-04:00"), "re-date central-bank into November");
    edit("articles/2025/solar-auction.md", (s) => void (s.fields.draft = true), "make a draft of solar-auction");
    both.remove("articles/2025/bond-yields.md");
    log.push("delete bond-yields");
    await killedBuilds(before, await cleanBuild(), ["swap", [0.6, 1.2], [0, 0.4]]);

    console.log(`seed ${SEED}, the killed builds:\n${log.join("\n")}`);
    expect(interrupted, `no kill landed before its build ended: the test tried nothing\n${context()}`).toBeGreaterThan(0);
  }, 240_000);
});

describe("the page signatures kept between builds", () => {
  it("tell a build that only added stories, whose lists alone change, from one that changed or removed a story", () => {
    const [a, b, c] = ["a.md", "b.md", "c.md"].map((file) => ({ file }) as Article) as [Article, Article, Article];
    // the last build showed a and b; each card's digest is kept after its article's version
    const previous = { pages: new Map<string, string>(), needs: new Map<string, string[]>(), shown: new Map([["a.md", "va:card-a"], ["b.md", "vb:card-b"]]) };
    const build = (shown: Article[], versions: Record<string, string> = {}) => {
      const signatures = new PageSignatures(previous, () => "", () => "");
      for (const article of shown) signatures.shownId(article, versions[article.file] ?? `v${article.file[0]}:`, () => `new card of ${article.file}`);
      return signatures;
    };
    const added = build([a, b, c]);
    expect(added.onlyAdded()).toBe(true);
    expect(added.shownId(a, "va:", () => "worked out again"), "an unchanged article's card, as the last build worked it out").toBe("card-a");
    expect(build([a, b, c], { "b.md": "vb2:" }).onlyAdded(), "b's file changed").toBe(false);
    expect(build([a, c]).onlyAdded(), "b removed, c added").toBe(false);
    expect(build([a]).onlyAdded(), "b removed").toBe(false);
    expect(new PageSignatures(undefined, () => "", () => "").onlyAdded(), "no last build").toBe(false);
  });
});

describe("the build cache (.cache/build/)", () => {
  const few = () => new Map([...initialStories()].filter(([file]) => !file.includes("flood") && !file.includes("tram")));

  const now = DateTime.fromISO("2025-07-01T12:00:00Z");
  /** Each article file written with its front matter, parsed and kept; the records file written. */
  async function keepArticles(site: Fixture, fields: Record<string, Record<string, unknown>>): Promise<{ file: string; articles: Article[] }> {
    const file = path.join(site.root, ".cache/build/records.tsv");
    const records = new RecordCache(file, "key", "America/New_York", false);
    const articles = Object.entries(fields).map(([name, front]) => {
      site.write(name, article(front));
      const parsed = parseArticle(name, site.read(name), { timezone: "America/New_York", now });
      if (!("article" in parsed)) throw new Error(JSON.stringify(parsed.problems));
      records.set(name, "digest", now, parsed, "1:2");
      return parsed.article;
    });
    await records.write(new Set(Object.keys(fields)));
    return { file, articles };
  }

  it("keeps records as ASCII, every accent and quote escaped, and reads them back as written", async () => {
    const title = "Café owners in São Paulo “protest” 日本 😀";
    // a file name past ASCII, and one with "%" (how the cache writes the first)
    const names = ["articles/café-日本.md", "articles/50%-off.md"];
    const { file, articles: loaded } = await keepArticles(makeFixture(), Object.fromEntries(names.map((name) => [name, { ...validFields, title }])));
    expect(readFileSync(file, "utf8")).toMatch(/^[\x00-\x7f]*$/);
    // a name storeName could not have written (a broken escape) leaves its line out, not the file
    appendFileSync(file, `\narticles/broken%E0%A4.md\tdigest\t1\t1:2\t{}`);
    const kept = new RecordCache(file, "key", "America/New_York");
    for (const name of names) expect(kept.get(name, "digest", now)?.article.file, name).toBe(name);
    const again = kept.get(names[0]!, "digest", now);
    expect(again?.article.title).toBe(title);
    expect(again?.article.date.instant.toISO()).toBe(loaded[0]!.date.instant.toISO());
  });

  it("reads back one object for each desk, source, place and tag the kept articles share, and a tag spelled otherwise apart", async () => {
    const fields: Record<string, Record<string, unknown>> = {
      "articles/a.md": { ...validFields, tags: ["Rail", "Strikes"] },
      "articles/b.md": { ...validFields, title: "Rail strike called off", tags: ["Rail", "Unions"] },
      "articles/c.md": { ...validFields, title: "RAIL fares frozen", source: { name: "AFP", url: "https://www.afp.com" }, dateline: "Albany, Georgia", tags: ["RAIL"] },
    };
    const { file, articles: parsed } = await keepArticles(makeFixture(), fields);
    const kept = new RecordCache(file, "key", "America/New_York");
    const [a, b, c] = Object.keys(fields).map((name) => kept.get(name, "digest", now)!.article) as [Article, Article, Article];
    // the same values as the articles they were kept from
    expect([a, b, c].map((x) => [x.section, x.source, x.place, x.tags])).toEqual(parsed.map((x) => [x.section, x.source, x.place, x.tags]));
    expect(b.section).toBe(a.section);
    expect(b.source).toBe(a.source);
    expect(b.place).toBe(a.place);
    expect(b.tags[0]).toBe(a.tags[0]);
    // the same desk, but another source's address, another country and another spelling of "rail"
    expect(c.section).toBe(a.section);
    expect(c.source).not.toBe(a.source);
    expect(c.place).not.toBe(a.place);
    expect(c.tags[0]).toEqual({ name: "RAIL", slug: "rail" });
    expect(a.tags[0]).toEqual({ name: "Rail", slug: "rail" });
  });

  it("compares each article file's time and size taken on a worker thread, under the names the loader lists", async () => {
    const site = makeFixture();
    for (const file of ["articles/top.md", "articles/2025/06/deep.md", "articles/2024/old.md"]) site.write(file, article({ ...validFields, title: file }));
    site.write("articles/2025/notes.txt", "not an article");
    const stats = await fileStatsInBackground(site.root);
    const files = await findArticleFiles(site.root);
    expect([...stats!.keys()].sort()).toEqual(files);
    for (const file of files) {
      const info = statSync(path.join(site.root, file));
      expect(stats!.get(file)).toBe(`${info.mtimeMs}:${info.size}`);
    }
  });

  it("is ignored by --clean, which reuses nothing from it or from the previous _site/", async () => {
    const stories = few();
    const both = await makeSites(stories, 2);
    const [site, clean] = both.all as [Fixture, Fixture];
    expect((await site.run("build")).code).toBe(0);
    const retitled = { ...stories.get("articles/2025/rail-strike.md")!, fields: { ...stories.get("articles/2025/rail-strike.md")!.fields, title: "Rail strike ends" } };
    both.story("articles/2025/rail-strike.md", retitled);
    const incremental = await site.run("build");
    expect(incremental.code, failed("the incremental build", incremental)).toBe(0);
    expect(lastLine(incremental)).toMatch(CLOSING_LINE);
    expect(reused(incremental), "an incremental build after one retitle reuses the pages it does not change").toBeGreaterThan(0);
    // the editor's files follow the code and the tags in use: taken from the last build (the same file), the script not bundled again
    for (const file of ["admin/editor.js", "admin/config.yml", "admin/index.html"]) {
      expect(statSync(path.join(site.root, "_site", file)).ino, `_site/${file} reused`).toBe(statSync(path.join(site.root, "_site.old", file)).ino);
    }

    // files an incremental build would take as they are: a clean build must not
    for (const file of ["tags/index.html", "2025/10/02/oil-output-cut/index.html", "assets/site.css"]) {
      const target = path.join(site.root, "_site", file);
      expect(existsSync(target), `_site/${file}`).toBe(true);
      unlinkSync(target); // not written through: it may be a hard link into _site.old
      writeFileSync(target, "tampered");
    }
    both.story("articles/2025/drought-harvest.md", { ...stories.get("articles/2025/drought-harvest.md")!, body: "The rains came late." });
    const [rebuilt, reference] = await Promise.all([site.run("build", {}, ["--clean"]), clean.run("build", {}, ["--clean"])]);
    expect(rebuilt.code, failed("the --clean build", rebuilt)).toBe(0);
    expect(reference.code, failed("the reference build", reference)).toBe(0);
    expect(lastLine(rebuilt)).toMatch(CLOSING_LINE);
    expect(lastLine(rebuilt)).toMatch(/reused 0 files/);
    expect(lastLine(reference)).toMatch(/reused 0 files/);
    expect(treeDiff(readTree(path.join(site.root, "_site")), readTree(path.join(clean.root, "_site")), ["--clean", "reference"])).toEqual([]);
    const [articles, rendered] = CLOSING_LINE.exec(lastLine(rebuilt))!.slice(1, 3).map(Number);
    expect(articles).toBe(8); // nine stories, one embargoed
    expect(rendered).toBeGreaterThan(articles!);
  }, 120_000);

  it("is ignored, not trusted, when a file of it is garbage, cut short or from another version", async () => {
    const stories = few();
    const both = await makeSites(stories, 2);
    const [site, clean] = both.all as [Fixture, Fixture];
    const folder = path.join(site.root, ".cache/build");
    expect((await site.run("build")).code).toBe(0);
    expect(existsSync(path.join(folder, "manifest.jsonl")), ".cache/build/manifest.jsonl after a build").toBe(true);
    // survey.json too, which the build's own process leaves to write after it ends
    expect(await surveyWritten(folder), ".cache/build/survey.json after a build").toBe(true);
    // the manifest first: without it every page renders; then any other file the cache keeps
    const files = ["manifest.jsonl", ...readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((name) => name !== "manifest.jsonl" && !name.endsWith(".next") && statSync(path.join(folder, name)).isFile()).sort()];
    const spoilers: [string, (text: string, file: string) => string][] = [
      ["garbage", () => "\u0000\u00ffnot a cache {{{\tx\ty\tz\n"],
      ["cut short", (text) => text.slice(0, Math.floor(text.length / 2))],
      ["from another version", (text, file) => anotherVersion(text, file)],
    ];
    let day = 0;
    for (const file of files) {
      // each spoiler spoils the file as the first build wrote it: a build need not write it again (a full build's workers' bundles)
      await surveyWritten(folder);
      const written = readFileSync(path.join(folder, file), "utf8");
      for (const [how, spoil] of spoilers) {
        const what = `the build over a .cache/build/${file} ${how}`;
        // the last build's survey, written late, would replace a spoiled one
        await surveyWritten(folder);
        writeFileSync(path.join(folder, file), spoil(written, file));
        const story = stories.get("articles/2025/rail-strike.md")!;
        story.fields.title = `Rail strike, day ${++day}`;
        both.story("articles/2025/rail-strike.md", story);
        const [result, reference] = await Promise.all([site.run("build"), clean.run("build", {}, ["--clean"])]);
        expect(reference.code, failed("the reference build", reference)).toBe(0);
        expect.soft(result.code, failed(what, result)).toBe(0);
        if (result.code !== 0) continue;
        expect.soft(lastLine(result), what).toMatch(CLOSING_LINE);
        if (file === "manifest.jsonl") expect.soft(reused(result), `${what}: ${lastLine(result)}`).toBe(0);
        expect.soft(treeDiff(readTree(path.join(site.root, "_site")), readTree(path.join(clean.root, "_site")), ["incremental", "clean"]), what).toEqual([]);
        const manifest = readFileSync(path.join(folder, "manifest.jsonl"), "utf8").split("\n").map((line) => JSON.parse(line) as unknown);
        expect.soft(manifest[0], `${what} writes a good manifest`).toMatchObject({ format: expect.any(Number), fingerprint: expect.any(String) });
      }
    }
  }, 360_000);

  it("does not trust a _site/ that lost files the cache says it holds (a page, the pictures)", async () => {
    const stories = initialStories();
    const both = await makeSites(stories, 2);
    const [site, clean] = both.all as [Fixture, Fixture];
    expect((await site.run("build")).code).toBe(0);
    const tidied: [string, (folder: string) => string[]][] = [
      ["an article page", (folder) => ["2025/10/02/oil-output-cut/index.html"].filter((file) => existsSync(path.join(folder, file)))],
      ["every picture under img/", (folder) => (existsSync(path.join(folder, "img")) ? readdirSync(path.join(folder, "img")).map((name) => `img/${name}`) : [])],
    ];
    let day = 0;
    for (const [what, files] of tidied) {
      const folder = path.join(site.root, "_site");
      const removed = files(folder);
      expect(removed.length, `${what}: nothing to remove`).toBeGreaterThan(0);
      for (const file of removed) rmSync(path.join(folder, file));
      // an edit no published page shows: every page could be reused
      const story = stories.get(EMBARGOED)!;
      story.body = `Leaders agreed the fund after ${++day + 2} days of talks.`;
      both.story(EMBARGOED, story);
      const [result, reference] = await Promise.all([site.run("build"), clean.run("build", {}, ["--clean"])]);
      expect(reference.code, failed("the reference build", reference)).toBe(0);
      expect.soft(result.code, failed(`the build after removing ${what}`, result)).toBe(0);
      expect.soft(treeDiff(readTree(folder), readTree(path.join(clean.root, "_site")), ["incremental", "clean"]), `after removing ${what} from _site/ (${removed.join(", ")}): ${lastLine(result)}`).toEqual([]);
    }
  }, 120_000);
});

/**
 * Whether the last build's survey made ahead (src/build/survey-ahead.ts) is in `folder`: a process
 * that outlives the build writes it, and the next build takes it away. Waits for it a while. A full
 * build takes none, so the one before's may still be there: only the survey of the manifest's build counts.
 */
async function surveyWritten(folder: string): Promise<boolean> {
  const written = () => {
    try {
      const { id } = JSON.parse(readFileSync(path.join(folder, "survey.json"), "utf8")) as { id?: string };
      return id === (JSON.parse(readFileSync(path.join(folder, "manifest.jsonl"), "utf8").split("\n")[0]!) as { id?: string }).id;
    } catch {
      return false;
    }
  };
  for (let waited = 0; waited < 20_000 && !written(); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  return written();
}

/** A cache file as another version of the code would have written it: the manifest's version-like fields (the survey's manifest id), another file's first number. */
function anotherVersion(text: string, file: string): string {
  if (!file.endsWith(".json")) {
    if (!/^[^\n]*?\d/.test(text)) throw new Error(`.cache/build/${file} has no version number in its first line`);
    return text.replace(/^([^\n]*?)(\d+)/, (_, before: string, version: string) => `${before}${Number(version) + 1000}`);
  }
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const keys = Object.keys(manifest).filter((key) => /^id$|version|schema|format|tool|code/i.test(key));
  if (!keys.length) throw new Error(`.cache/build/${file} has no version field among ${Object.keys(manifest).join(", ")}`);
  for (const key of keys) manifest[key] = typeof manifest[key] === "number" ? (manifest[key] as number) + 1000 : `another-${String(manifest[key])}`;
  return JSON.stringify(manifest);
}
