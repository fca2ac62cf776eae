// Runs one build and measures it. CPU time and peak RSS come from GNU time (/usr/bin/time):
// %U+%S is the user+system CPU of the build and every child it waited for; %M is the largest
// resident set of any single process in that tree (the Node build process in practice).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { folderSize } from "../src/output.ts";
import { cleanOutput, type BenchSite } from "./sites.ts";

export const GNU_TIME = "/usr/bin/time";

export interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssKiB: number;
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
    const { code, stdout, stderr } = await run([GNU_TIME, "-f", "%U %S %M", "-o", stats, "--", ...command], cwd, env);
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`exited with ${code}: ${keyLine(stderr || stdout)}\n${command.join(" ")} in ${cwd}:\n${tail(stderr || stdout)}`);
    const [user, system, rss] = readFileSync(stats, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
    return { wallMs, cpuMs: (user! + system!) * 1000, peakRssKiB: rss!, stdout, stderr };
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

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const tail = (text: string) => text.trim().split("\n").slice(-20).join("\n");
/** The line that says what went wrong: V8's fatal error if there is one, else the last line. */
const keyLine = (text: string) => {
  const lines = text.trim().split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => line.startsWith("FATAL ERROR")) ?? lines.at(-1) ?? "no output";
};
