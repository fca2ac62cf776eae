// Runs one build and measures it. CPU time and peak RSS come from GNU time (/usr/bin/time):
// %U+%S is the user+system CPU of the build and every child it waited for; %M is the largest
// resident set of any single process in that tree (Pagefind's or the Node build process, whichever
// is larger). Processes the build starts but never waits for escape both, so the whole tree is also
// sampled from /proc every 200 ms: its largest total resident memory is `treePeakKiB`, and the
// last CPU seen of each process in it adds up to `treeCpuMs`. The samples also give the largest
// resident set of the Node build process and of Pagefind's process apart (`nodePeakKiB`, `pagefindPeakKiB`).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { folderSize } from "../src/build/output.ts";
import { cleanOutput, type BenchSite } from "./sites.ts";

export const GNU_TIME = "/usr/bin/time";

export interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssKiB: number;
  /** Largest sampled sum of resident memory over the build and every process below it. */
  treePeakKiB: number;
  /** CPU of the build and every process below it, waited for or not (sampled; at least `cpuMs`). */
  treeCpuMs: number;
  /** Largest sampled resident memory of a single Node process in the tree (the build), and of a Pagefind process (0: none ran). */
  nodePeakKiB: number;
  pagefindPeakKiB: number;
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
    const peaks = { node: 0, pagefind: 0 };
    const cpuByPid = new Map<number, number>();
    const { code, stdout, stderr } = await run([GNU_TIME, "-f", "%U %S %M", "-o", stats, "--", ...command], cwd, env, (pid) => {
      const timer = setInterval(() => {
        const tree = sampleTree(pid);
        treePeakKiB = Math.max(treePeakKiB, tree.rssKiB);
        for (const [program, kiB] of tree.programs) {
          // /proc truncates a name to 15 characters: pagefind_extended is "pagefind_extend"
          const key = program === "node" ? "node" : program.startsWith("pagefind") ? "pagefind" : undefined;
          if (key) peaks[key] = Math.max(peaks[key], kiB);
        }
        for (const [process, ms] of tree.cpuMs) cpuByPid.set(process, ms); // its last figure counts
      }, 200);
      return () => clearInterval(timer);
    });
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`exited with ${code}: ${keyLine(stderr || stdout)}\n${command.join(" ")} in ${cwd}:\n${tail(stderr || stdout)}`);
    const [user, system, rss] = readFileSync(stats, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
    const cpuMs = (user! + system!) * 1000;
    const treeCpuMs = Math.max(cpuMs, [...cpuByPid.values()].reduce((sum, ms) => sum + ms, 0));
    return { wallMs, cpuMs, peakRssKiB: rss!, treePeakKiB: Math.max(treePeakKiB, rss!), treeCpuMs, nodePeakKiB: peaks.node, pagefindPeakKiB: peaks.pagefind, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * One production build from an empty output folder and no build cache; the output is counted
 * afterwards. `incremental`: the site's incremental build instead, on the output and cache the
 * last build left.
 */
export async function measureBuild(site: BenchSite, env: NodeJS.ProcessEnv, { incremental = false } = {}): Promise<BuildSample> {
  if (incremental && !site.incremental) throw new Error(`the ${site.name} site has no incremental build`);
  if (!incremental) cleanOutput(site);
  const command = incremental ? site.incremental! : site.command;
  const { stdout, stderr, ...measured } = await measureCommand(command, site.root, env);
  const { files, bytes } = folderSize(path.join(site.root, site.output));
  const lastLine = (stdout.trim().split("\n").at(-1) ?? "").trim();
  return { ...measured, files, bytes, lastLine };
}

/** Resident memory of `root` and all its descendants now. */
export const treeRssKiB = (root: number) => sampleTree(root).rssKiB;

/**
 * `root` and all its descendants now (Linux /proc; fields of /proc/<pid>/stat): their total
 * resident memory, the CPU (user + system) each process has used so far, and the largest resident
 * memory of a single process per program name.
 */
export function sampleTree(root: number): { rssKiB: number; cpuMs: Map<number, number>; programs: Map<string, number> } {
  const children = new Map<number, number[]>();
  const seen = new Map<number, { program: string; rssKiB: number; cpuMs: number }>();
  const tick = 1000 / 100; // USER_HZ: 100 on Linux
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // [0] state, [1] ppid, [11] utime and [12] stime in ticks, [21] rss pages
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(name);
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
      seen.set(pid, { program: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), rssKiB: Number(fields[21]) * 4, cpuMs: (Number(fields[11]) + Number(fields[12])) * tick });
    } catch {
      // the process ended while being read
    }
  }
  let rssKiB = 0;
  const cpuMs = new Map<number, number>();
  const programs = new Map<string, number>();
  for (const queue = [root]; queue.length; ) {
    const pid = queue.pop()!;
    const entry = seen.get(pid);
    if (entry) {
      rssKiB += entry.rssKiB;
      cpuMs.set(pid, entry.cpuMs);
      programs.set(entry.program, Math.max(programs.get(entry.program) ?? 0, entry.rssKiB));
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return { rssKiB, cpuMs, programs };
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
