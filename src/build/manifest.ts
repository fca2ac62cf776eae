// The build cache's manifest (.cache/build/manifest.jsonl, src/build/incremental.ts): which _site/
// it describes, every page's signature, what each article's cards show, and what each search index
// part holds. Trusted only when it is this format, this fingerprint and that very _site/.
import { statSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { asciiJson, readAscii, writeWhole } from "../runtime/write-whole.ts";

/** Where the cache lives, and the published folder it describes (relative to root). */
export interface Where {
  root: string;
  output: string;
  cacheDir: string;
}

/** Bumped whenever what the cache holds, or what a signature covers, changes meaning. */
export const FORMAT = 10;

/**
 * A large map as its keys and its values, side by side: JSON reads two arrays of strings in half the
 * time of an object with 150,000 keys (0.25 s instead of 0.5 s for a manifest at 100,000 articles).
 */
export type Pairs = [keys: string[], values: string[]];
export const toPairs = (map: ReadonlyMap<string, string>): Pairs => [[...map.keys()], [...map.values()]];
export function fromPairs([keys, values]: Pairs): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) map.set(keys[i]!, values[i]!);
  return map;
}
const isPairs = (value: unknown): value is Pairs =>
  Array.isArray(value) && value.length === 2 && Array.isArray(value[0]) && Array.isArray(value[1]) && value[0].length === value[1].length;

export interface Manifest {
  format: number;
  fingerprint: string;
  /** Which _site/ this is: the size and time of files every build writes (src/site/listing-pages.ts's 404 page, robots.txt). */
  stamp: string;
  /** Which build wrote it: the survey made ahead for the next build names it (src/build/survey-ahead.ts). */
  id: string;
  /** Output path → signature, for every page a signature selects. */
  pages: Pairs;
  /** Output path → pictures it shows (src/render/images.ts). */
  needs: Record<string, string[]>;
  /** Article file → its version's digest, then the digest of what its cards show (src/site/signatures.ts). */
  shown: Pairs;
  /** What each search index part holds (src/search/overlay.ts), as JSON text: only the index's worker reads it. */
  search: string;
  /** The digest of what every listing page is made of (src/site/changes.ts), if the build signed its listings. */
  lists?: string;
  /** A list's first page (output path) → how many items the list holds (src/site/changes.ts). */
  counts: Pairs;
}

export type Usable = { manifest: Manifest } | { reason: string };

/** The stamp of a built folder (undefined if it is not a whole site). */
export function siteStamp(output: string): string | undefined {
  const parts = ["404.html", "robots.txt"].map((file) => statSync(path.join(output, file), { throwIfNoEntry: false }));
  if (parts.some((part) => !part)) return undefined;
  // whole seconds: a cache restored from an archive may keep no finer time
  return parts.map((part) => `${part!.size}@${Math.floor(part!.mtimeMs / 1000)}`).join(" ");
}

export const manifestFile = (options: Pick<Where, "root" | "cacheDir">) => path.join(options.root, options.cacheDir, "manifest.jsonl");

/**
 * One JSON text per line, in this order (JSON never holds a raw newline): the survey of the last
 * site (survey.mjs) reads only the first two, not the 37 MB of a manifest at 100,000 articles. ASCII
 * only, read back as Latin-1 (write-whole.ts).
 */
const toLines = (m: Omit<Manifest, "format">) => [{ format: FORMAT, fingerprint: m.fingerprint, stamp: m.stamp, id: m.id, lists: m.lists }, m.pages[0], m.pages[1], m.needs, m.shown, m.search, m.counts[0], m.counts[1]];

function fromLines(text: string): Manifest {
  const [header, keys, values, needs, shown, search, listKeys, listCounts, ...more] = text.split("\n").map((line) => JSON.parse(line) as unknown);
  if (more.length) throw new Error("more lines than a manifest has");
  const { format, fingerprint, stamp, id, lists } = (header ?? {}) as Partial<Manifest>;
  return { format, fingerprint, stamp, id, lists, pages: [keys, values], needs, shown, search, counts: [listKeys, listCounts] } as Manifest;
}

/** The last build's manifest, if this build may trust it; otherwise why not. */
export function readManifest(options: Where, expected: string): Usable {
  let manifest: Manifest;
  try {
    manifest = fromLines(readAscii(manifestFile(options)));
  } catch {
    return { reason: "no build cache" };
  }
  if (manifest?.format !== FORMAT || !isPairs(manifest.pages) || !isPairs(manifest.shown) || !isPairs(manifest.counts) || typeof manifest.search !== "string" || typeof manifest.id !== "string" || typeof manifest.needs !== "object" || !manifest.needs || !["string", "undefined"].includes(typeof manifest.lists)) return { reason: "a build cache from another version" };
  if (manifest.fingerprint !== expected) return { reason: "layouts, data, code or settings changed" };
  if (manifest.stamp !== siteStamp(path.join(options.root, options.output))) return { reason: `${options.output}/ is not the build the cache describes` };
  return { manifest };
}

/** Before the swap: a build killed between the swap and `writeManifest` must find no cache, not the last one. */
export async function forgetManifest(options: Pick<Where, "root" | "cacheDir">): Promise<void> {
  await rm(manifestFile(options), { force: true });
}

/** After the swap: written whole or not at all (a temporary file renamed into place). */
export async function writeManifest(options: Where, manifest: Omit<Manifest, "format" | "stamp">): Promise<void> {
  const stamp = siteStamp(path.join(options.root, options.output));
  if (stamp) await writeWhole(manifestFile(options), asciiJson(toLines({ ...manifest, stamp }).map((line) => JSON.stringify(line)).join("\n")));
}
