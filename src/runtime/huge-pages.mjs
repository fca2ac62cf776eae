// @ts-check
// A large build spends seconds having the kernel hand it fresh memory, 4 KiB at a time: the build
// cache's files read whole (150 MB at 100,000 articles), messages to worker threads. glibc's malloc
// asks for 2 MiB pages instead (transparent huge pages) when the process starts with the tunable
// below; it is read once, at start, so `npm run build` starts itself again with it.
// https://www.gnu.org/software/libc/manual/html_node/Memory-Allocation-Tunables.html
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import os from "node:os";
import { text } from "node:stream/consumers";

const TUNABLE = "glibc.malloc.hugetlb=1";

/**
 * Kept records (src/content/record-cache.ts) at least this large make a build large enough to start
 * again, about 17,000 articles. Starting again costs about 0.3 s (a second Node, the handover);
 * huge pages took 0.17–0.23 s off an edit's build by its clock at 10,000 articles (11.6 MB), which
 * was then a median 46, 74 and 101 ms slower in wall time (rounds of 12, 16 and 12 alternating
 * pairs), and 0.12 s off a new article's, then 197 ms slower (10 pairs); at 100,000 (116 MB) they
 * saved a median 1.4 s.
 */
export const LARGE_RECORDS = 20 * 1024 * 1024;

/**
 * Whether starting again would help: Linux with glibc, not set already (by the user or by a start
 * before this one), and `worth` (the caller's guess that the build is large enough to repay a second
 * start of Node, about 0.3 s).
 * @param {boolean} worth
 * @param {NodeJS.ProcessEnv} env
 */
export function wantsHugePages(worth, env = process.env) {
  if (!worth || process.platform !== "linux" || env.GLIBC_TUNABLES?.includes("glibc.malloc.hugetlb")) return false;
  // musl (Alpine) has no tunables; glibcVersionRuntime is undefined there
  const header = /** @type {{ header?: { glibcVersionRuntime?: string } }} */ (process.report?.getReport());
  return !!header?.header?.glibcVersionRuntime;
}

/** In the environment of the build started again: the descriptor of its pipe to the first process. */
export const PIPE = "NEWSROOM_FIRST_PROCESS_FD";

/**
 * This same command again, with the tunable, its output this process's; resolves with its exit code.
 * A signal this process gets is passed on, so stopping the build stops it. `handOver`: text this
 * process works out while the other starts, which that one reads with `handedOver`.
 * @param {() => string} [handOver]
 * @returns {Promise<number>}
 */
export function startAgainWithHugePages(handOver) {
  const env = { ...process.env, GLIBC_TUNABLES: [process.env.GLIBC_TUNABLES, TUNABLE].filter(Boolean).join(":"), [PIPE]: "3" };
  /** @type {NodeJS.Signals[]} */
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  // listening before the child starts: a signal in between killed this process alone, and the
  // orphaned build went on to publish (a test's stop 0.14 s in, 3 times in 34 runs)
  const pass = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, pass);
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: ["inherit", "inherit", "inherit", "pipe"], env });
  const pipe = /** @type {import("node:stream").Writable} */ (child.stdio[3]);
  // the other process may end without reading it (a build stopped early)
  pipe.on("error", () => {});
  pipe.end(handedText(handOver));
  return new Promise((resolve) => {
    child.once("error", () => resolve(1));
    // 128 + the signal's number, as a shell reports a command a signal stopped
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
  });
}

/** The text to hand over, or none if working it out failed (the other process then works it out itself): this process must go on to wait for it. */
function handedText(/** @type {(() => string) | undefined} */ work) {
  try {
    return work?.() ?? "";
  } catch {
    return "";
  }
}

/**
 * In a build started again: the text the first process handed over ("" for none); undefined in any
 * other process. Read once, and the pipe's name left out of the environment of any process this
 * one starts (the build's own --clean fallback).
 */
export function handedOver() {
  const fd = Number(process.env[PIPE]) || 0;
  delete process.env[PIPE];
  return fd ? text(createReadStream("", { fd })).catch(() => "") : undefined;
}
