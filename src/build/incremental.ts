// Incremental production builds: `npm run build` keeps, in .cache/build/, each output page's
// signature (src/site/signatures.ts) and what each search index part holds (src/search/overlay.ts),
// in the manifest (manifest.ts), beside the kept records and related stories. The next
// build renders only the pages whose signature changed and links the rest from the _site/ it
// replaces. Whatever can change every page (layouts, data, code, packages, the site's address) is
// the fingerprint: when it differs, or the cache is missing, unreadable or not that _site/'s, the
// build is a full one.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { readPictureDigests, writePictureDigests } from "../content/digests.ts";
import { RecordCache } from "../content/record-cache.ts";
import { keptRelated, type KeptRelated } from "../site/related-changes.ts";
import { writeWhole } from "../runtime/write-whole.ts";
import { CACHE_DIR, RECORDS_FILE } from "./cache-files.mjs";
import { FORMAT, forgetManifest, manifestFile, readManifest, writeManifest, type Manifest, type Usable, type Where } from "./manifest.ts";

/** Where the cache lives and what it describes (manifest.ts), and what its fingerprint covers. */
export interface Options extends Where {
  /** Folders and files whose every byte can change any page (relative to root; missing ones are skipped). */
  inputs: string[];
  /** Left out of the fingerprint: read by the loader, and part of the pages' signatures instead. */
  unsigned: string[];
  /** Environment variables the site reads. */
  environment: string[];
}

export const defaults: Omit<Options, "root" | "output"> = {
  cacheDir: CACHE_DIR,
  inputs: ["_includes", "_data", "src", "pages", ".eleventy.ts", "package.json", "package-lock.json", "tsconfig.json", "articles/articles.11tydata.ts"],
  unsigned: ["_data/frontpage.yaml"],
  environment: ["SITE_URL", "PATH_PREFIX", "SEARCH_PART_SIZE", "SITEMAP_SIZE", "ADMIN"],
};

/** A digest of every input that can change any page, and of the settings that do. */
export function fingerprint(options: Pick<Options, "root" | "inputs" | "unsigned" | "environment">, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash("sha1").update(`${FORMAT}\0${process.version}\0`);
  for (const name of options.environment) hash.update(`${name}=${env[name] ?? ""}\0`);
  const add = (relative: string) => {
    const absolute = path.join(options.root, relative);
    if (!existsSync(absolute) || options.unsigned.includes(relative)) return;
    if (statSync(absolute).isDirectory()) {
      // sorted: the same tree hashes the same whatever order the disk lists it in
      for (const entry of readdirSync(absolute).sort()) add(`${relative}/${entry}`);
    } else hash.update(`${relative}\0`).update(readFileSync(absolute)).update("\0");
  };
  for (const input of options.inputs) add(input);
  return hash.digest("base64url");
}

/** The related stories the last build worked out (src/site/related.ts), if it ran the same code. */
function readRelated(file: string, fingerprint: string): KeptRelated | undefined {
  try {
    const kept = JSON.parse(readFileSync(file, "utf8")) as Partial<KeptRelated> & { format?: number; fingerprint?: string };
    const valid = kept.format === FORMAT && kept.fingerprint === fingerprint && typeof kept.key === "string" && Array.isArray(kept.indexes);
    return valid ? { key: kept.key!, indexes: kept.indexes! } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What one `npm run build` keeps between builds: the fingerprint, the parsed records (read when
 * first asked for, for the loader), the pictures' digests, the related stories, and the manifest
 * (read once the articles are valid).
 */
export class BuildCache {
  readonly options: Options;
  readonly fingerprint: string;
  #records: RecordCache | undefined;
  #related: KeptRelated | undefined;

  constructor(root: string, output: string, readonly timezone: string, readonly clean: boolean) {
    this.options = { ...defaults, root, output };
    this.fingerprint = fingerprint(this.options);
  }

  /** The manifest's file and the fingerprint it must carry: enough for the survey of the last site (src/build/recycle.ts) to start on its own. */
  get manifest() {
    return { file: manifestFile(this.options), fingerprint: this.fingerprint };
  }

  get records(): RecordCache {
    if (!this.#records) {
      this.#records = new RecordCache(this.#file(RECORDS_FILE), this.fingerprint, this.timezone, !this.clean);
      readPictureDigests(this.#file("pictures.tsv"));
      if (!this.clean) keptRelated.set((this.#related = readRelated(this.#file("related.json"), this.fingerprint)));
    }
    return this.#records;
  }

  #file = (name: string) => path.join(this.options.root, this.options.cacheDir, name);

  /** The last build's manifest, unless --clean or it cannot be trusted (then why). */
  usable(): Usable {
    return this.clean ? { reason: "--clean" } : readManifest(this.options, this.fingerprint);
  }

  /** Before the swap: a build killed between the swap and `save` must find no manifest, not the last one. */
  forget = () => forgetManifest(this.options);

  /** After the swap: the records of the articles still there, the pictures read, the new manifest; returns the manifest's id. */
  async save(articleFiles: ReadonlySet<string>, manifest: Omit<Manifest, "format" | "stamp" | "fingerprint" | "id">): Promise<string> {
    const id = randomBytes(8).toString("hex");
    await this.records.write(articleFiles);
    await writePictureDigests(this.#file("pictures.tsv"));
    const related = keptRelated.get();
    if (related && related.key !== this.#related?.key) await writeWhole(this.#file("related.json"), JSON.stringify({ format: FORMAT, fingerprint: this.fingerprint, key: related.key, indexes: related.indexes }));
    await writeManifest(this.options, { fingerprint: this.fingerprint, id, ...manifest });
    return id;
  }
}
