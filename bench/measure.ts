// Runs one build and measures it. CPU time and peak RSS come from GNU time (/usr/bin/time):
// %U+%S is the user+system CPU of the build and every child it waited for; %M is the largest
// resident set of any single process in that tree (the Node build process in practice). Processes
// the build starts but never waits for (Pagefind's service) escape %M, so the whole tree's resident
// memory is also sampled from /proc every 200 ms: its largest total is `treePeakKiB`.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { folderSize } from "../src/output.ts";
import { cleanOutput, type BenchSite } from "./sites.ts";

export const GNU_TIME = "/usr/bin/time";

export interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssKiB: number;
  /** Largest sampled sum of resident memory over the build and every process below it. */
  treePeakKiB: number;
  stdout: string;
  stderr: string;
}

export interface BuildSample extends Omit<Measured, "stdout" | "stderr"> {
  files: number;
  bytes: number;
  /** The build's own last line of output, e.g. the project's closing summary. */
  lastLine: string;
}

/** Wall time is taken here around the child; CPU and RSS are what GNU time reports for it. */
export async function measureCommand(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Measured> {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is missing: install GNU time (Debian package "time")`);
  const scratch = mkdtempSync(path.join(tmpdir(), "newsroom-bench-time-"));
  const stats = path.join(scratch, "stats");
  try {
    const started = performance.now();
    let treePeakKiB = 0;
    const { code, stdout, stderr } = await run([GNU_TIME, "-f", "%U %S %M", "-o", stats, "--", ...command], cwd, env, (pid) => {
      const timer = setInterval(() => (treePeakKiB = Math.max(treePeakKiB, treeRssKiB(pid))), 200);
      return () => clearInterval(timer);
    });
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`exited with ${code}: ${keyLine(stderr || stdout)}\n${command.join(" ")} in ${cwd}:\n${tail(stderr || stdout)}`);
    const [user, system, rss] = readFileSync(stats, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
    return { wallMs, cpuMs: (user! + system!) * 1000, peakRssKiB: rss!, treePeakKiB: Math.max(treePeakKiB, rss!), stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One production build from an empty output folder; the output is counted afterwards. */
export async function measureBuild(site: BenchSite, env: NodeJS.ProcessEnv): Promise<BuildSample> {
  cleanOutput(site);
  const { stdout, stderr, ...measured } = await measureCommand(site.command, site.root, env);
  const { files, bytes } = folderSize(path.join(site.root, site.output));
  const lastLine = (stdout.trim().split("\n").at(-1) ?? "").trim();
  return { ...measured, files, bytes, lastLine };
}

/** Resident memory of `root` and all its descendants now (Linux /proc; fields of /proc/<pid>/stat). */
export function treeRssKiB(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // [0] state, [1] ppid, [21] rss pages
      const pid = Number(name);
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
      rss.set(pid, Number(fields[21]) * 4);
    } catch {
      // the process ended while being read
    }
  }
  let total = 0;
  for (const queue = [root]; queue.length; ) {
    const pid = queue.pop()!;
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv, watch?: (pid: number) => () => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd, env });
    const unwatch = child.pid && watch ? watch(child.pid) : undefined;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      unwatch?.();
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

const tail = (text: string) => text.trim().split("\n").slice(-20).join("\n");
/** The line that says what went wrong: V8's fatal error if there is one, else the last line. */
const keyLine = (text: string) => {
  const lines = text.trim().split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => line.startsWith("FATAL ERROR")) ?? lines.at(-1) ?? "no output";
};
