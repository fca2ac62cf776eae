// `npm run build` on a large site starts itself again with glibc's huge pages
// (src/runtime/huge-pages.mjs): the build must still say what it found, exit as it ended, and stop
// when it is stopped. A site counts as large by the size of its kept records, so these fixtures'
// records are padded with a line that holds no record.
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, collect, makeFixture, scriptArgs, testEnvironment, validFields, type Fixture } from "./fixture.ts";
import { CACHE_DIR, RECORDS_FILE } from "../src/build/cache-files.mjs";
import { LARGE_RECORDS, wantsHugePages } from "../src/runtime/huge-pages.mjs";
import { fileStats } from "../src/content/file-stats.mjs";

/** This machine can start a build with the tunable (Linux with glibc): what these tests expect depends on it. */
const CAPABLE = wantsHugePages(true, {});

/** Kept records made large: a line of no record (no tabs), which the record cache passes over, added to them. */
function makeLarge(site: Fixture): void {
  mkdirSync(path.join(site.root, CACHE_DIR), { recursive: true });
  appendFileSync(path.join(site.root, CACHE_DIR, RECORDS_FILE), `\n${"x".repeat(LARGE_RECORDS)}`);
}

function largeSite(files: Record<string, string>): Fixture {
  const site = makeFixture(files);
  makeLarge(site);
  return site;
}

/** The processes whose parent is `pid`, with the GLIBC_TUNABLES each was started with. */
function children(pid: number): { pid: number; tunables: string | undefined }[] {
  const found = [];
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!new RegExp(`^PPid:\\s+${pid}$`, "m").test(readFileSync(`/proc/${entry}/status`, "utf8"))) continue;
      const environment = readFileSync(`/proc/${entry}/environ`, "latin1").split("\0");
      found.push({ pid: Number(entry), tunables: environment.find((line) => line.startsWith("GLIBC_TUNABLES="))?.slice("GLIBC_TUNABLES=".length) });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** `npm run build` in `site`, its child processes looked at every 20 ms while it runs. */
function build(site: Fixture) {
  const child = spawn(process.execPath, scriptArgs("build"), { cwd: site.root, env: testEnvironment({ GLIBC_TUNABLES: "" }) });
  const seen = new Map<number, string | undefined>();
  const look = setInterval(() => {
    for (const { pid, tunables } of children(child.pid!)) seen.set(pid, tunables);
  }, 20);
  const result = collect(child).finally(() => clearInterval(look));
  return { child, result, seen };
}

const withTunable = (seen: Map<number, string | undefined>) => [...seen].filter(([, tunables]) => tunables?.includes("glibc.malloc.hugetlb=1"));

describe("npm run build on a large site (src/runtime/huge-pages.mjs)", () => {
  it("starts again with huge pages, and still names every problem and exits with the build's code", async () => {
    const site = largeSite({ "articles/bridge.md": article(validFields), "articles/bad.md": article({ ...validFields, title: "", dateline: "Albany" }) });
    const { result, seen } = build(site);
    const { code, stderr } = await result;
    expect(code).toBe(1);
    expect(stderr).toContain("articles/bad.md");
    expect(stderr).toMatch(/title/);
    expect(stderr).toMatch(/dateline/);
    expect(stderr).toContain("Build stopped: 2 problem(s) in articles");
    expect(withTunable(seen).length, `child processes seen: ${JSON.stringify([...seen])}`).toBe(CAPABLE ? 1 : 0);
  }, 60_000);

  it("builds the site in the process it started again", async () => {
    const site = largeSite({ "articles/bridge.md": article(validFields) });
    const { result, seen } = build(site);
    const { code, stdout, stderr } = await result;
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^Built 1 articles/m);
    expect(site.read("_site/2025/06/01/bridge/index.html")).toContain("Council approves new bridge");
    expect(withTunable(seen).length).toBe(CAPABLE ? 1 : 0);
  }, 120_000);

  it("stops the build it started when it is stopped, and leaves the last site as it was", async () => {
    const site = largeSite({ "articles/bridge.md": article(validFields) });
    expect((await site.run("build")).code).toBe(0);
    makeLarge(site);
    const before = site.read("_site/2025/06/01/bridge/index.html");
    site.write("articles/bridge.md", article({ ...validFields, title: "Council rejects new bridge" }));
    const { child, result, seen } = build(site);
    const started = performance.now();
    while (!withTunable(seen).length && performance.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const [[builder]] = withTunable(seen) as [[number, string]];
    child.kill("SIGTERM");
    expect((await result).code).not.toBe(0);
    // the build it started goes too (a signal 0 to a process that is gone throws)
    const gone = async () => {
      for (const deadline = performance.now() + 10_000; performance.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        try {
          process.kill(builder, 0);
        } catch {
          return true;
        }
      }
      return false;
    };
    expect(await gone(), `process ${builder} still running`).toBe(true);
    expect(site.read("_site/2025/06/01/bridge/index.html")).toBe(before);
  }, 120_000);

  it("renders a story edited since the last build, with the stats the first process handed over", async () => {
    const site = largeSite({ "articles/bridge.md": article(validFields), "articles/ferry.md": article({ ...validFields, title: "Ferry service resumes" }) });
    expect((await site.run("build")).code).toBe(0);
    makeLarge(site);
    site.write("articles/bridge.md", article({ ...validFields, title: "Council rejects new bridge" }));
    const { code, stdout, stderr } = await build(site).result;
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/rendered \d+ pages, reused [1-9]\d* files/);
    expect(site.read("_site/2025/06/01/bridge/index.html")).toContain("Council rejects new bridge");
  }, 120_000);
});

describe("what the first process hands over to the build it started again (src/runtime/huge-pages.mjs)", () => {
  /** A script in `site` started as the build is: it starts itself again with `handOver`; started again, it prints what `child` (its body) works out. */
  async function startedAgain(site: Fixture, handOver: string, child: string) {
    const modules = (name: string) => JSON.stringify(new URL(`../src/${name}`, import.meta.url).href);
    site.write("again.mjs", `import { PIPE, startAgainWithHugePages } from ${modules("runtime/huge-pages.mjs")};
      import { handedStats, statsText } from ${modules("content/file-stats.mjs")};
      if (!process.env.GLIBC_TUNABLES?.includes("hugetlb")) process.exitCode = await startAgainWithHugePages(() => ${handOver});
      else console.log(JSON.stringify(${child}));`);
    const { code, stdout, stderr } = await collect(spawn(process.execPath, ["again.mjs"], { cwd: site.root, env: testEnvironment({ GLIBC_TUNABLES: "" }) }));
    expect(code, stderr).toBe(0);
    return JSON.parse(stdout) as { stats: [string, string][] | null; inherited?: string | null };
  }

  it("hands over the article files' stats, of the folder they were taken of, to be read once", async () => {
    const site = makeFixture({ "articles/bridge.md": article(validFields), "articles/2024/ferry.md": article(validFields) });
    const handed = await startedAgain(site, `statsText(process.cwd(), "articles")`, `{ stats: [...(await handedStats(process.cwd(), "articles"))], inherited: process.env[PIPE] ?? null }`);
    expect(handed.stats).toEqual([...fileStats(site.root, "articles")]);
    expect(handed.stats?.map(([name]) => name).sort()).toEqual(["articles/2024/ferry.md", "articles/bridge.md"]);
    // a build started from it (the build's own --clean fallback) does not wait for a pipe it does not have
    expect(handed.inherited).toBeNull();
  });

  it("leaves the stats of another folder than the one they were taken of to the build", async () => {
    const site = makeFixture({ "articles/bridge.md": article(validFields) });
    const handed = await startedAgain(site, `statsText(process.cwd(), "articles")`, `{ stats: (await handedStats(process.cwd(), "drafts")) ?? null }`);
    expect(handed.stats).toBeNull();
  });
});
