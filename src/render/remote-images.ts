// Pictures given as http(s) addresses (image.src or a Markdown image, in any article or page):
// fetched once through eleventy-fetch into .cache/ and kept there, so later builds (offline ones
// too) read the copy, which src/render/images.ts then encodes like a file beside the article. One
// that cannot be fetched or read never stops the build: the page shows it from its address, and
// the build prints one warning line for it.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ImageRef } from "../content/image-refs.ts";
import { escapeHtml } from "../content/markdown.ts";
import { formatProblem } from "../content/problems.ts";

export interface Options {
  /** How long a picture's server may take to send it (ms); REMOTE_IMAGE_TIMEOUT_MS overrides it. */
  timeout: number;
  /** Fetched pictures, relative to `root`; kept for good ("*"), so each is fetched once. */
  directory: string;
  duration: string;
  /** Pictures fetched at once. */
  concurrency: number;
  root: string;
}

const fromEnvironment = Number(process.env.REMOTE_IMAGE_TIMEOUT_MS);

export const defaults: Options = {
  timeout: Number.isInteger(fromEnvironment) && fromEnvironment > 0 ? fromEnvironment : 5000,
  directory: ".cache/remote-images",
  duration: "*",
  concurrency: 8,
  root: process.cwd(),
};

/** What the build has of an article's or page's remote pictures. */
export interface HasRemoteImages {
  file: string;
  remoteImages: ImageRef[];
}

type Outcome = { file: string } | { error: string };

/** Why a fetch failed, in a few words: "HTTP 404", "connection refused", "no answer within 5000 ms". */
export function failureReason(error: unknown, timeout: number): string {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Response) return `HTTP ${e.status}`; // eleventy-fetch's cause for a bad status
    const { name, code } = e as { name?: string; code?: string };
    if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeout} ms`;
    if (code) return { ECONNREFUSED: "connection refused", ENOTFOUND: "host not found", ECONNRESET: "connection reset" }[code] ?? code;
  }
  const message = error instanceof Error ? error.message : String(error);
  return /unsupported image format|not a picture/i.test(message) ? "not a picture the site can read" : message;
}

/** At most `concurrency` tasks at a time; a finished task hands its slot to the next. */
function limited(concurrency: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < concurrency) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** A picture the build could not fetch, shown from its address: no sizes (they are unknown), alt kept. */
export function remoteImageHtml(url: string, { sizes: _, ...attributes }: Record<string, string>): string {
  const all = { src: url, loading: "lazy", decoding: "async", ...attributes }; // no srcset, so no sizes
  return `<img ${Object.entries(all).map(([name, value]) => `${name}="${escapeHtml(value)}"`).join(" ")}>`;
}

export class RemotePictures {
  options: Options = defaults;
  #outcomes = new Map<string, Promise<Outcome>>();
  #settled = new Map<string, Outcome>();
  #warned = new Set<string>();
  #limit = limited(defaults.concurrency);

  configure(options: Partial<Options>): void {
    this.options = { ...defaults, ...options };
    this.#limit = limited(this.options.concurrency);
  }

  /**
   * Fetches every remote picture of `records` not fetched before in this process, checks it with
   * `check` (which encodes it), and warns once per file and picture about those that failed.
   */
  async prepare(records: HasRemoteImages[], check: (file: string) => Promise<void>): Promise<void> {
    const wanted = records.flatMap((record) => record.remoteImages.map((ref) => ({ file: record.file, ref })));
    const outcomes = await Promise.all(wanted.map(({ ref }) => this.#load(ref.src, check)));
    // in the records' order, once per process, however the fetches finished
    outcomes.forEach((outcome, i) => {
      const { file, ref } = wanted[i]!;
      const key = `${file}\0${ref.src}`;
      if ("file" in outcome || this.#warned.has(key)) return;
      this.#warned.add(key);
      const message = `${ref.src} could not be fetched (${outcome.error}); the page shows it from that address, unresized`;
      console.warn(`warning: ${formatProblem({ file, field: ref.field, message })}`);
    });
  }

  /** The fetched copy of a picture, a file to encode like any other; undefined if it could not be fetched. */
  file(url: string): string | undefined {
    const outcome = this.#settled.get(url);
    return outcome && "file" in outcome ? outcome.file : undefined;
  }

  /** Whether a page showing these records shows a picture from another site (one that could not be fetched). */
  stillRemote(records: HasRemoteImages[]): boolean {
    return records.some((record) => record.remoteImages.some((ref) => !this.file(ref.src)));
  }

  #load(url: string, check: (file: string) => Promise<void>): Promise<Outcome> {
    let outcome = this.#outcomes.get(url);
    if (!outcome) {
      outcome = this.#limit(() => this.#download(url))
        .then(async (file): Promise<Outcome> => {
          await check(file);
          return { file };
        })
        .catch((error: unknown): Outcome => ({ error: failureReason(error, this.options.timeout) }))
        .then((settled) => (this.#settled.set(url, settled), settled));
      this.#outcomes.set(url, outcome);
    }
    return outcome;
  }

  /** The picture's bytes in eleventy-fetch's cache (fetched now if not there yet), as a file. */
  async #download(url: string): Promise<string> {
    const { root, directory, duration, timeout } = this.options;
    // imported here: a site whose pictures are all files never loads it
    const { RemoteAssetCache } = await import("@11ty/eleventy-fetch");
    // an instance of our own, not eleventy-fetch's shared one, which keeps every body in memory
    const asset = new RemoteAssetCache(url, path.resolve(root, directory), {
      type: "buffer", duration, fetchOptions: { signal: AbortSignal.timeout(timeout) }, dryRun: false, verbose: false,
    });
    asset.setQueue({ add: (task) => task() });
    const file = `${asset.cachePath}.buffer`;
    if (asset.isCacheValid() && existsSync(file)) return file; // a cached copy is used where it is, not read into memory
    const body = await asset.queue();
    if (!existsSync(file) && Buffer.isBuffer(body)) writeFileSync(file, body); // eleventy-fetch keeps it there today
    return file;
  }
}

/** One per process: the images plugin fills it, pages, share cards and feeds ask it. */
export const remotePictures = new RemotePictures();
