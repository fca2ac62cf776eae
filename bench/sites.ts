// The two sites the benchmark builds from one corpus, each in its own temp root outside the repo:
// (A) this project, laid out like test/fixture.ts (code and layouts linked in, articles real
// files), and (B) the bare Eleventy baseline under bench/baseline/.
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { BENCH_NOW, writeCorpus, type GeneratedArticle } from "./generate.ts";

export const REPO = path.resolve(import.meta.dirname, "..");
const BASELINE = path.join(REPO, "bench/baseline");
const ELEVENTY = path.join(REPO, "node_modules/@11ty/eleventy/cmd.cjs");
/** What test/fixture.ts links into a fixture site: everything but the articles. */
const PROJECT_LINKS = [".eleventy.ts", "package.json", "tsconfig.json", ".gitignore", "src", "_includes", "_data", "node_modules", "articles/articles.11tydata.ts"];

export interface BenchSite {
  name: "project" | "baseline";
  root: string;
  /** The production build, run with cwd = root. */
  command: string[];
  /** Where the build writes, relative to root. */
  output: string;
}

/** Pinned "now", zone and URLs, and no dev-server mode leaking in from the caller's shell. */
export function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BUILD_NOW: BENCH_NOW, TZ: "UTC", PATH_PREFIX: "", SITE_URL: "" };
  for (const key of Object.keys(env)) if (key.startsWith("ELEVENTY_")) delete env[key];
  return env;
}

export function projectSite(root: string, articles: GeneratedArticle[]): BenchSite {
  fresh(root);
  mkdirSync(path.join(root, "articles"));
  for (const link of PROJECT_LINKS) symlinkSync(path.join(REPO, link), path.join(root, link));
  writeCorpus(root, articles);
  return { name: "project", root, command: [process.execPath, "--import", "tsx", path.join(REPO, "src/cli/build.ts")], output: "_site" };
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

/** Removes a site's previous output so every build starts from the same empty state. */
export function cleanOutput(site: BenchSite): void {
  for (const folder of [site.output, `${site.output}.next`, `${site.output}.old`]) {
    rmSync(path.join(site.root, folder), { recursive: true, force: true });
  }
}

function fresh(root: string): void {
  if (existsSync(root)) rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
}
