// Writing the Pagefind index in parts (run in a worker thread: src/search/worker.ts): each part
// indexed, kept from the last build as it was, or kept with an overlay (src/search/overlay.ts).
// https://pagefind.app/docs/node-api/
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import { textDigest } from "../content/digests.ts";
import { storyMarkdown } from "../content/markdown.ts";
import { addSuperseded, overlayBudget, pageIds, planParts, type PartLedger, type Superseded } from "./overlay.ts";
import { archivePart, indexParts, SUPERSEDED, type PlacedPart } from "./parts.ts";
import { searchInputs, searchRecord, type SearchInput, type SearchInputs, type SearchRecord } from "./records.ts";

export interface IndexResult {
  /** Pages a search finds. */
  pages: number;
  /** Pagefind bundles it was written as (see `indexParts`). */
  parts: number;
  /** Parts Pagefind wrote; the others were the last build's, reused. */
  reindexed: number;
  /** The reused parts, for the caller to place (src/build/recycle.ts): their files are not linked here. */
  placed: PlacedPart[];
  /** Records of kept parts that newer ones supersede. */
  superseded: number;
  /**
   * What each part holds, for the next build to reuse: PartLedger[] as JSON text, which the main
   * thread keeps in the build cache as it is (100,000 records copied to it and back as objects,
   * and read and written there, cost it 0.4 s at 100,000 articles).
   */
  ledgers: string;
}

/** The last build's parts an incremental build may reuse: its site folder, and what each part holds (`IndexResult.ledgers` of the build that wrote it). */
export interface IndexReuse {
  from: string;
  parts: string;
}

/** The ledgers of `reuse`, or none when they cannot be read (every part is indexed again). */
function ledgersOf(reuse: IndexReuse | undefined): PartLedger[] {
  try {
    const parts: unknown = JSON.parse(reuse?.parts ?? "[]");
    return Array.isArray(parts) && parts.every((p: Partial<PartLedger>) => typeof p?.at === "string" && typeof p.records === "object" && p.records) ? (parts as PartLedger[]) : [];
  } catch {
    return [];
  }
}

/** One Pagefind index of `inputs` written to `outputPath`; returns what it holds. */
async function writeIndex(inputs: readonly SearchInput[], digests: ReadonlyMap<string, string>, root: string, outputPath: string, language: string): Promise<PartLedger["records"]> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(errors.join("; "));
    // a few records in flight at a time: all 10,000 at once held every story twice in this worker
    const added: { errors: string[] }[] = [];
    const next = inputs.values();
    const feed = async () => {
      for (const input of next) added.push(await index.addCustomRecord(searchRecord(input, storyMarkdown(input, root), language) satisfies SearchRecord));
    };
    await Promise.all(Array.from({ length: 16 }, feed));
    const written = await index.writeFiles({ outputPath });
    const problems = [...added.flatMap((r) => r.errors), ...written.errors];
    if (problems.length) throw new Error(problems.join("; "));
  } finally {
    // Pagefind's service process keeps the index in memory until it exits: one part at a time
    await pagefind.close();
  }
  const ids = pageIds(outputPath);
  return Object.fromEntries(inputs.map(({ url }) => {
    const id = ids.get(url);
    if (!id) throw new Error(`no page for ${url} in the index Pagefind wrote`);
    return [url, [digests.get(url)!, id]];
  }));
}

function pageCount(outputPath: string): number {
  const entry = JSON.parse(readFileSync(path.join(outputPath, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

/**
 * Indexes the articles into `folder/pagefind/` (and its archive parts); throws if Pagefind reports
 * a problem. A part the last build wrote (`reuse`) is reused instead when its records still hold,
 * or nearly all do (see src/search/overlay.ts): the result names it, for the caller to place.
 */
export async function indexArticles(given: SearchInputs, root: string, folder: string, language: string, partSize: number, reuse?: IndexReuse): Promise<IndexResult> {
  try {
    const inputs = searchInputs(given);
    const parts = indexParts(inputs, partSize);
    // a record changes with its input (the article's file digest included): so does its digest
    const digests = new Map(inputs.map((input) => [input.url, textDigest(JSON.stringify([language, input]))]));
    const present = ledgersOf(reuse).filter((ledger) => existsSync(path.join(reuse!.from, ledger.at, "pagefind-entry.json")));
    const at = (i: number) => (i === parts.length - 1 ? "pagefind/" : archivePart(i + 1));
    const plan = planParts(parts.map((part, i) => ({ at: at(i), records: new Map(part.map(({ url }) => [url, digests.get(url)!])) })), present, overlayBudget(partSize));
    const recent = inputs.filter(({ url }) => plan.recent.has(url));
    // the main bundle last: its folder holds the archive parts' folders
    const placed = [...plan.parts.map((p, i) => ({ ...p, part: parts[i]!, at: at(i), stale: "stale" in p ? p.stale : [] })), { reuse: plan.recentReuse, part: recent, at: "pagefind/", stale: [] }];
    const result = { pages: 0, parts: parts.length, reindexed: 0, placed: [] as PlacedPart[], superseded: 0, ledgers: [] as PartLedger[] };
    const superseded: Superseded = {};
    for (const { reuse: kept, part, at, stale } of placed) {
      if (kept) {
        // a part's files name no folder of their own: the same bundle works wherever it is placed
        const from = path.join(reuse!.from, kept.at);
        result.placed.push({ from: kept.at, at });
        addSuperseded(superseded, from, kept, stale);
        result.superseded += stale.length;
        result.pages += pageCount(from) - stale.length;
        result.ledgers.push({ at, records: kept.records });
      } else {
        result.ledgers.push({ at, records: await writeIndex(part, digests, root, path.join(folder, at), language) });
        result.pages += part.length;
        result.reindexed++;
      }
    }
    mkdirSync(path.dirname(path.join(folder, SUPERSEDED)), { recursive: true }); // no part written here
    writeFileSync(path.join(folder, SUPERSEDED), JSON.stringify(superseded));
    return { ...result, ledgers: JSON.stringify(result.ledgers) };
  } catch (error) {
    throw new Error(`Search index (Pagefind) failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
