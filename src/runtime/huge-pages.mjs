// @ts-check
// A large build spends seconds having the kernel hand it fresh memory, 4 KiB at a time: the build
// cache's files read whole (150 MB at 100,000 articles), messages to worker threads. glibc's malloc
// asks for 2 MiB pages instead (transparent huge pages) when the process starts with the tunable
// below; it is read once, at start, so `npm run build` starts itself again with it.
// https://www.gnu.org/software/libc/manual/html_node/Memory-Allocation-Tunables.html
import { spawn } from "node:child_process";
import os from "node:os";

const TUNABLE = "glibc.malloc.hugetlb=1";

/**
 * Whether starting again would help: Linux with glibc, not set already (by the user or by a start
 * before this one), and `worth` (the caller's guess that the build is large enough to repay a second
 * start of Node, about 0.1 s).
 * @param {boolean} worth
 * @param {NodeJS.ProcessEnv} env
 */
export function wantsHugePages(worth, env = process.env) {
  if (!worth || process.platform !== "linux" || env.GLIBC_TUNABLES?.includes("glibc.malloc.hugetlb")) return false;
  // musl (Alpine) has no tunables; glibcVersionRuntime is undefined there
  const header = /** @type {{ header?: { glibcVersionRuntime?: string } }} */ (process.report?.getReport());
  return !!header?.header?.glibcVersionRuntime;
}

/**
 * This same command again, with the tunable, its output this process's; resolves with its exit code.
 * A signal this process gets is passed on, so stopping the build stops it. `handOver`: text this
 * process works out while the other starts, written to it on a pipe whose descriptor is in its
 * environment as `handOver.name`.
 * @param {{ name: string, text: () => string }} [handOver]
 * @returns {Promise<number>}
 */
export function startAgainWithHugePages(handOver) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, GLIBC_TUNABLES: [process.env.GLIBC_TUNABLES, TUNABLE].filter(Boolean).join(":") };
  if (handOver) env[handOver.name] = "3";
  /** @type {NodeJS.Signals[]} */
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  // listening before the child starts: a signal in between killed this process alone, and the
  // orphaned build went on to publish (a test's stop 0.14 s in, 3 times in 34 runs)
  const pass = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, pass);
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: ["inherit", "inherit", "inherit", handOver ? "pipe" : "ignore"], env });
  const pipe = /** @type {import("node:stream").Writable | null} */ (child.stdio[3]);
  if (handOver && pipe) {
    // the other process may end without reading it (a build stopped early)
    pipe.on("error", () => {});
    pipe.end(handedText(handOver.text));
  }
  return new Promise((resolve) => {
    child.once("error", () => resolve(1));
    // 128 + the signal's number, as a shell reports a command a signal stopped
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
  });
}

/** The text to hand over, or none if working it out failed (the other process then works it out itself): this process must go on to wait for it. */
function handedText(/** @type {() => string} */ text) {
  try {
    return text();
  } catch {
    return "";
  }
}
