// Where a worker thread of the project's TypeScript starts. Through worker.mjs, which registers tsx's
// loader in the thread: each such loader runs a thread of its own, about 0.8 s of CPU before the
// worker's first message. `npm run build` starts them instead from plain-JavaScript bundles of their
// modules (esbuild, as src/cli/launch.mjs starts the commands), kept in the build cache under the
// build's fingerprint, which covers all of src/: an edit's build at 10,000 articles took 0.22–0.26 s
// less (the median difference of 7 alternating pairs, in two rounds).
// https://esbuild.github.io/api/#build
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { OWN_CODE } from "./main-bundle.mjs";

let kept: { folder: string; key: string } | undefined;

/**
 * From now on, workers start from bundles in `folder`/`key`/, each made when first needed; the
 * bundles of other keys (code since changed) are deleted. Without it, through tsx (the dev server).
 */
export function useWorkerBundles(folder: string, key: string): void {
  kept = { folder, key };
  const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir).map((entry) => path.join(dir, entry)) : []);
  const stale = [...entries(folder).filter((entry) => path.basename(entry) !== key), ...entries(path.join(folder, key)).filter((entry) => path.basename(entry).includes(".next-"))];
  // other code's bundles, and what a killed build was writing
  for (const entry of stale) rmSync(entry, { recursive: true, force: true });
}

const HEADER = "// worker bundle 1";
const digestOf = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("base64url");

/** A bundle as written: its first line gives the digest of the rest (a damaged cache file is made again, never run). */
function intact(file: string): boolean {
  try {
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(0x0a);
    return newline > 0 && bytes.toString("latin1", 0, newline) === `${HEADER} ${digestOf(bytes.subarray(newline + 1))}`;
  } catch {
    return false;
  }
}

/** The bundle of `module` (a file URL), made now if missing or damaged; undefined if esbuild cannot make it. */
function bundleOf(module: string): string | undefined {
  if (!kept) return undefined;
  const source = fileURLToPath(module);
  // the module's name, and a digest of its path: two modules may share a name
  const file = path.join(kept.folder, kept.key, `${path.basename(source, path.extname(source))}-${createHash("sha1").update(source).digest("hex").slice(0, 8)}.mjs`);
  if (!intact(file)) {
    // written beside its place and renamed: a build killed meanwhile leaves no half a bundle
    const next = `${file}.next-${process.pid}`;
    try {
      // required only to make a bundle (synchronously, as a worker starts): most builds find theirs kept
      const { buildSync } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
      const [code] = buildSync({ ...OWN_CODE, entryPoints: [source], write: false, logLevel: "silent" }).outputFiles;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(next, Buffer.concat([Buffer.from(`${HEADER} ${digestOf(code!.contents)}\n`), code!.contents]));
      renameSync(next, file);
    } catch {
      rmSync(next, { force: true });
      return undefined; // the worker starts through tsx, as in the dev server
    }
  }
  return pathToFileURL(file).href;
}

/**
 * The file a worker thread for `module` starts from, and its data with `module` set to the URL the
 * worker's own module will see as its `import.meta.url` (how it knows it runs as the worker).
 */
export function workerEntry(module: string, data: Record<string, unknown> = {}): [URL, Record<string, unknown>] {
  const bundle = bundleOf(module);
  return bundle ? [new URL(bundle), { ...data, module: bundle }] : [new URL("./worker.mjs", import.meta.url), { ...data, module }];
}
