// Tiny fixture sites for build tests: a temp folder with the project's layouts, data and code
// linked in, a handful of articles written by the test, and the real CLI run against it.
import { spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

export const PROJECT = path.resolve(import.meta.dirname, "..");
/** "Now" and the build machine's zone, pinned once for every test build. */
export const PINNED_ENV = { BUILD_NOW: "2026-01-01T12:00:00Z", TZ: "UTC" };

/** Pagefind's binary. A test can have the build start a script in its place that records what it sees, then runs it: PAGEFIND_EXTENDED_BINARY_PATH. */
export const PAGEFIND = createRequire(import.meta.url).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);

const LINKED = [".eleventy.ts", "package.json", "tsconfig.json", ".gitignore", "src", "_includes", "node_modules", "articles/articles.11tydata.ts"];
/** _data/ is linked file by file, so a test can write its own front page; the project's names the sample articles (sampleSite links it). */
const UNLINKED_DATA = ["frontpage.yaml"];

export interface Fixture {
  root: string;
  write(file: string, text: string): void;
  read(file: string): string;
  exists(file: string): boolean;
  /** `args` go after the script's own, as `npm run build -- --clean` passes them. */
  run(script: "build" | "check", env?: Record<string, string>, args?: string[]): Promise<RunResult>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function article(fields: Record<string, unknown>, body = "Body text of the story."): string {
  const yaml = Object.entries(fields)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`) // JSON is valid YAML
    .join("\n");
  return `---\n${yaml}\n---\n\n${body}\n`;
}

export const validFields = {
  title: "Council approves new bridge",
  date: "2025-06-01T09:30:00-04:00",
  dateline: "Albany, United States",
  source: "AFP",
  tags: ["Infrastructure"],
};

export function makeFixture(files: Record<string, string> = {}): Fixture {
  const root = mkdtempSync(path.join(tmpdir(), "newsroom-fixture-"));
  mkdirSync(path.join(root, "articles"));
  mkdirSync(path.join(root, "_data"));
  for (const link of LINKED) symlinkSync(path.join(PROJECT, link), path.join(root, link));
  for (const name of readdirSync(path.join(PROJECT, "_data")).filter((name) => !UNLINKED_DATA.includes(name))) {
    symlinkSync(path.join(PROJECT, "_data", name), path.join(root, "_data", name));
  }
  const fixture: Fixture = {
    root,
    write(file, text) {
      const target = path.join(root, file);
      mkdirSync(path.dirname(target), { recursive: true });
      // a linked project file is replaced in the fixture, never written through
      if (existsSync(target) && lstatSync(target).isSymbolicLink()) unlinkSync(target);
      writeFileSync(target, text);
    },
    read: (file) => readFileSync(path.join(root, file), "utf8"),
    exists: (file) => existsSync(path.join(root, file)),
    run: (script, env = {}, args = []) => runScript(root, script, env, args),
  };
  for (const [file, text] of Object.entries(files)) fixture.write(file, text);
  return fixture;
}

/** Node's arguments for `npm run <script>` of the code in `code`, exactly as its package.json has them ("node …"), its own files absolute. */
export function nodeScriptArgs(code: string, script: string): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(code, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [node, ...args] = scripts[script]!.split(" ");
  if (node !== "node") throw new Error(`package.json's ${script} script does not start with node: ${scripts[script]}`);
  return args.map((arg) => (arg.startsWith("src/") ? path.join(code, arg) : arg));
}

/** What `npm run build` or `npm run check` runs in this project. */
export const scriptArgs = (script: "build" | "check") => nodeScriptArgs(PROJECT, script);

function runScript(cwd: string, script: "build" | "check", env: Record<string, string>, args: string[]): Promise<RunResult> {
  return collect(spawn(process.execPath, [...scriptArgs(script), ...args], { cwd, env: testEnvironment(env) }));
}

/** The pinned environment of every command a test runs; no prefix or site URL leaks in. */
export const testEnvironment = (env: Record<string, string> = {}) => ({ ...process.env, ...PINNED_ENV, PATH_PREFIX: "", SITE_URL: "", ...env });

/** Waits for a child process to end, with its output (`onOutput` sees stdout as it grows). */
export function collect(child: ReturnType<typeof spawn>, onOutput?: (stdout: string) => void): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      onOutput?.(stdout);
    });
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
