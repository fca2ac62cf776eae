// The two sites the benchmark builds from one corpus, each in its own temp root outside the repo:
// (A) this project, laid out like test/fixture.ts (code and layouts linked in, articles real
// files), and (B) the bare Eleventy baseline under bench/baseline/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BENCH_NOW, writeCorpus, type GeneratedArticle } from "./generate.ts";
// the same command the tests run: package.json's own
import { nodeScriptArgs } from "../test/fixture.ts";

export const REPO = path.resolve(import.meta.dirname, "..");
const BASELINE = path.join(REPO, "bench/baseline");
const ELEVENTY = path.join(REPO, "node_modules/@11ty/eleventy/cmd.cjs");
/** What test/fixture.ts links into a fixture site: everything but the articles (and node_modules). */
const PROJECT_LINKS = [".eleventy.ts", "package.json", "tsconfig.json", ".gitignore", "src", "_includes", "articles/articles.11tydata.ts"];
/** _data/ file by file: the front page's arrangement names the sample articles, not the corpus's. */
const UNLINKED_DATA = ["frontpage.yaml"];

export interface BenchSite {
  name: "project" | "baseline";
  root: string;
  /** The production build from scratch, run with cwd = root. */
  command: string[];
  /** The build as an editor runs it, reusing the last build's output and cache (the project's). */
  incremental?: string[];
  /** Where the build writes, relative to root. */
  output: string;
  /** What the build keeps between runs, relative to root: moved aside with the output before a clean build. */
  caches?: string[];
}

/** Pinned "now", zone and URLs, and no dev-server mode leaking in from the caller's shell. */
export function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BUILD_NOW: BENCH_NOW, TZ: "UTC", PATH_PREFIX: "", SITE_URL: "" };
  for (const key of Object.keys(env)) if (key.startsWith("ELEVENTY_")) delete env[key];
  return env;
}

/** `code` is the project's code: the working tree (default) or a snapshot of one commit. */
export function projectSite(root: string, articles: GeneratedArticle[], code = REPO): BenchSite {
  fresh(root);
  mkdirSync(path.join(root, "articles"));
  for (const link of PROJECT_LINKS) symlinkSync(path.join(code, link), path.join(root, link));
  mkdirSync(path.join(root, "_data"));
  for (const name of readdirSync(path.join(code, "_data")).filter((name) => !UNLINKED_DATA.includes(name))) {
    symlinkSync(path.join(code, "_data", name), path.join(root, "_data", name));
  }
  symlinkSync(path.join(REPO, "node_modules"), path.join(root, "node_modules"));
  writeCorpus(root, articles);
  const build = [process.execPath, ...nodeScriptArgs(code, "build")];
  // --clean and no cache: a full build even once the build is incremental (older commits ignore the flag)
  return { name: "project", root, command: [...build, "--clean"], incremental: build, output: "_site", caches: [".cache/build"] };
}

/**
 * The committed tree at `rev`, extracted once: the working tree changes under a long benchmark
 * when others are editing it, a snapshot does not. Packages still come from the repo.
 */
export function snapshot(rev = "HEAD"): { folder: string; commit: string } {
  const commit = execFileSync("git", ["rev-parse", "--short", rev], { cwd: REPO, encoding: "utf8" }).trim();
  const folder = path.join(tmpdir(), `newsroom-bench-src-${commit}`);
  if (!existsSync(path.join(folder, "package.json"))) {
    fresh(folder);
    const archive = execFileSync("git", ["archive", "--format=tar", commit], { cwd: REPO, maxBuffer: 1 << 30 });
    execFileSync("tar", ["-x", "-C", folder], { input: archive });
    symlinkSync(path.join(REPO, "node_modules"), path.join(folder, "node_modules"));
  }
  return { folder, commit };
}

/** The baseline's files are linked in (its .js modules resolve packages from the repo). */
export function baselineSite(root: string, articles: GeneratedArticle[]): BenchSite {
  fresh(root);
  mkdirSync(path.join(root, "articles"));
  for (const entry of readdirSync(BASELINE)) {
    if (entry !== "articles") symlinkSync(path.join(BASELINE, entry), path.join(root, entry));
  }
  for (const entry of readdirSync(path.join(BASELINE, "articles"))) {
    symlinkSync(path.join(BASELINE, "articles", entry), path.join(root, "articles", entry));
  }
  writeCorpus(root, articles);
  return { name: "baseline", root, command: [process.execPath, ELEVENTY, "--quiet"], output: "_site" };
}

/** Empties a site's output folders and build cache so every clean build starts from the same empty state. */
export function cleanOutput(site: BenchSite): void {
  for (const folder of [site.output, `${site.output}.next`, `${site.output}.old`, ...(site.caches ?? [])]) discard(path.join(site.root, folder));
}

function fresh(root: string): void {
  discard(root);
  mkdirSync(root, { recursive: true });
}

const TRASH_PREFIX = "newsroom-bench-trash-";
/** A trash folder's name, with the process that made it. */
const TRASH_NAME = new RegExp(`^${TRASH_PREFIX}(\\d+)-`);
let trash: string | undefined;
let discarded = 0;

/**
 * Moves a folder into this run's trash instead of deleting it. On ext4 a file created within a
 * minute or so of many deletions costs several times the kernel time (the inode allocator steps
 * over every recently freed inode: `recently_deleted` in perf), so deleting one build's 10,000s of
 * files would charge the next build in proportion to the files it writes. `emptyTrash` deletes
 * it all once nothing is measured any more.
 */
function discard(folder: string): void {
  if (!existsSync(folder)) return;
  trash ??= mkdtempSync(path.join(tmpdir(), `${TRASH_PREFIX}${process.pid}-`));
  renameSync(folder, path.join(trash, String(discarded++)));
}

const running = (pid: number) => {
  try {
    return process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Deletes this run's trash, and any an earlier run left when it was stopped before emptying its own. */
export function emptyTrash(): void {
  for (const entry of readdirSync(tmpdir())) {
    const owner = Number(TRASH_NAME.exec(entry)?.[1]);
    if (owner && (owner === process.pid || !running(owner))) rmSync(path.join(tmpdir(), entry), { recursive: true, force: true });
  }
  trash = undefined;
}
