// Editing an old story without re-indexing its part. Pagefind cannot take a record out of an index,
// so a part of the last build whose records mostly still hold is kept as it is: its records of
// edited, deleted or moved stories are listed as superseded (the search page's bridge,
// src/search/bridge.js, leaves them out of results) and the stories' current records join the
// recent part, which is indexed on every change anyway. Past a budget, the parts behind most of that
// overlay are indexed again, as a clean build would.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { constants, gunzipSync } from "node:zlib";

/** A written part: its folder under the site, and URL → [its record's digest, Pagefind's id for it]. */
export interface PartLedger {
  at: string;
  records: Record<string, [digest: string, id: string]>;
}

/** What a part of a clean build holds: URL → its record's digest. */
export type PartRecords = ReadonlyMap<string, string>;

/** A part kept from the last build, with the URLs whose records in it are superseded; or one to index. */
export type PartPlan = { reuse: PartLedger; stale: string[] } | { reuse?: undefined };

export interface Plan {
  /** One per part but the last, the recent part. */
  parts: PartPlan[];
  /** The recent part's records: its own and those superseded in kept parts. */
  recent: Map<string, string>;
  /** The last build's recent part, if it held exactly these. */
  recentReuse?: PartLedger;
}

/** How many superseded and added records the kept parts may carry together: a hundredth of a part. */
export const overlayBudget = (partSize: number) => Math.max(2, Math.floor(partSize / 100));

/**
 * What to reuse of `previous` for `targets` (the parts a clean build makes, the recent one last): a
 * part the last build wrote with exactly a target's records, wherever it was; else the one in the
 * target's folder, with an overlay, while all overlays together fit in `budget`.
 */
export function planParts(targets: readonly { at: string; records: PartRecords }[], previous: readonly PartLedger[], budget: number): Plan {
  const unused = new Set(previous);
  const live = (ledger: PartLedger, url: string, digest: string) => ledger.records[url]?.[0] === digest;
  const exact = (records: PartRecords) => [...unused].find((ledger) => Object.keys(ledger.records).length === records.size && [...records].every(([url, digest]) => live(ledger, url, digest)));
  const take = (ledger: PartLedger | undefined) => (ledger && unused.delete(ledger), ledger);

  const archive = targets.slice(0, -1).map(({ at, records }) => ({ at, records, best: take(exact(records)), stale: [] as string[], added: [] as [string, string][] }));
  for (const part of archive.filter((p) => !p.best)) {
    const best = take([...unused].find((ledger) => ledger.at === part.at));
    if (!best) continue;
    Object.assign(part, { best, stale: Object.keys(best.records).filter((url) => !live(best, url, part.records.get(url) ?? "")), added: [...part.records].filter(([url, digest]) => !live(best, url, digest)) });
  }
  // the parts that carry most of the overlay are indexed again until it fits the budget
  const cost = (p: (typeof archive)[number]) => p.stale.length + p.added.length;
  const overlaid = archive.filter((p) => p.best && cost(p)).sort((a, b) => cost(b) - cost(a));
  let load = overlaid.reduce((sum, p) => sum + cost(p), 0);
  for (const part of overlaid) {
    if (load <= budget) break;
    load -= cost(part);
    unused.add(part.best!);
    part.best = undefined;
  }
  const recent = new Map(targets.at(-1)?.records);
  for (const { best, added } of archive) if (best) for (const [url, digest] of added) recent.set(url, digest);
  return { parts: archive.map(({ best, stale }) => (best ? { reuse: best, stale } : {})), recent, recentReuse: exact(recent) };
}

/** One page's record as Pagefind wrote it (a fragment file: "pagefind_dcd", then JSON, gzipped). */
export function readFragment(file: string): { url: string; filters: Record<string, string[]> } {
  const bytes = gunzipSync(readFileSync(file));
  return JSON.parse(bytes.subarray("pagefind_dcd".length).toString("utf8"));
}

/** URL → Pagefind's id (its fragment's name) for every page of the bundle in `folder`. */
export function pageIds(folder: string): Map<string, string> {
  const ids = new Map<string, string>();
  if (!existsSync(path.join(folder, "fragment"))) return ids; // an index of no pages
  // the URL comes first in a fragment: its first compressed bytes hold it (a tenth of the time of reading it all)
  const head = Buffer.alloc(1024);
  for (const name of readdirSync(path.join(folder, "fragment"))) {
    if (!name.endsWith(".pf_fragment")) continue;
    const file = path.join(folder, "fragment", name);
    const fd = openSync(file, "r");
    const length = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const text = gunzipSync(head.subarray(0, length), { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
    const url = /^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
    ids.set(url ? (JSON.parse(url) as string) : readFragment(file).url, name.slice(0, -".pf_fragment".length));
  }
  return ids;
}

/** Pagefind id → the superseded records it names (ids are short: two parts may share one). */
export type Superseded = Record<string, { url: string; filters: Record<string, string[]> }[]>;

/** The superseded records of a kept part, now at `folder`, added to `into`. */
export function addSuperseded(into: Superseded, folder: string, ledger: PartLedger, stale: readonly string[]): void {
  for (const url of stale) {
    const id = ledger.records[url]![1];
    const { filters } = readFragment(path.join(folder, "fragment", `${id}.pf_fragment`));
    (into[id] ??= []).push({ url, filters });
  }
}
