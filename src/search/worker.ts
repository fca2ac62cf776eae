// The search index is built in a worker thread. Eleventy renders and writes pages in long
// synchronous stretches that starve the main thread's event loop; a worker keeps feeding the
// Pagefind service (a process of its own, on the other core) meanwhile.
import { readdirSync, readlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { workerEntry } from "../runtime/worker-bundles.ts";
import { indexArticles, type IndexResult } from "./indexing.ts";

/** What indexArticles takes: the articles' search inputs, project root, output folder, language, part size. */
export type IndexJob = Parameters<typeof indexArticles>;
const running = new Set<Worker>();

/**
 * How the index stands against the rest of this process: `background` below it (the dev server's
 * index, behind the rebuild an editor waits for), `first` ahead of it (`npm run build`, see
 * `yieldToThisThread`), `normal` level with it.
 */
export type IndexPriority = "background" | "normal" | "first";

/** A worker thread (from its bundle, or loading TypeScript through tsx: src/runtime/worker-bundles.ts) waiting for its one job. */
interface IndexWorker {
  worker: Worker;
  run(job: IndexJob, priority: IndexPriority): Promise<IndexResult>;
}

function newWorker(): IndexWorker {
  const [entry, workerData] = workerEntry(import.meta.url);
  const worker = new Worker(entry, { workerData });
  running.add(worker);
  const result = new Promise<IndexResult>((resolve, reject) => {
    worker.once("exit", () => running.delete(worker));
    worker.once("message", (message: { result?: IndexResult; error?: string }) =>
      message.error === undefined ? resolve(message.result!) : reject(new Error(message.error)));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`Search index (Pagefind) failed: its worker exited with code ${code}`)));
  });
  result.catch(() => {}); // reported by whoever gave it a job; a worker given none is stopped
  return { worker, run: (job, priority) => (worker.postMessage({ job, priority }), result) };
}

let spare: IndexWorker | undefined;

/** Loads a worker now for a job to come: `npm run build` does so while it validates the articles. */
export function prepareIndexWorker(): void {
  spare ??= newWorker();
}

function takeWorker(): IndexWorker {
  const worker = spare ?? newWorker();
  spare = undefined;
  return worker;
}

/** What a job indexes, from where, into where: equal keys, equal indexes. */
const jobKey = ([inputs, root, folder, language, partSize, reuse]: IndexJob) => JSON.stringify([inputs, path.resolve(root), path.resolve(folder), language, partSize, reuse]);

let ahead: { job: IndexJob; worker: Worker; result: Promise<IndexResult> } | undefined;

/**
 * Starts an index before Eleventy asks for it. `npm run build` knows the articles once they are
 * validated, seconds before Eleventy's plugins hear of them (configuration, file scan, collections),
 * while the other core has little to do. The same job asked of `indexInWorker` takes this one over.
 */
export function indexAhead(job: IndexJob, priority: IndexPriority = "normal"): void {
  const { worker, run } = takeWorker();
  ahead = { job, worker, result: run(job, priority) };
}

/**
 * indexArticles in a worker thread. A `background` index (the dev server's) runs at a lower CPU
 * priority, Pagefind's process with it, so it does not slow the rebuild an editor is waiting for.
 */
export async function indexInWorker(job: IndexJob, priority: IndexPriority = "normal"): Promise<IndexResult> {
  const started = ahead;
  ahead = undefined;
  // the same object (src/search/search.ts hands it out twice) or equal contents
  if (started && priority !== "background" && (started.job === job || jobKey(started.job) === jobKey(job))) return started.result;
  // another job would write into the same folder
  await started?.worker.terminate();
  return takeWorker().run(job, priority);
}

/** How far the rest of the process steps back for a `first` index (nice +5: a third of the CPU weight). */
export const YIELD_NICENESS = 5;

/**
 * Lowers the CPU priority of every other thread of this process by `niceness`, on Linux (elsewhere
 * it does nothing). A priority belongs to the thread there, and a thread or process inherits its
 * starter's: Pagefind's process, started from this thread, keeps the full priority, and the workers
 * the main thread starts afterwards step back with it.
 */
export function yieldToThisThread(niceness = YIELD_NICENESS): void {
  let self: string;
  try {
    self = path.basename(readlinkSync("/proc/thread-self"));
  } catch {
    return;
  }
  for (const thread of readdirSync("/proc/self/task").filter((tid) => tid !== self).map(Number)) {
    try {
      os.setPriority(thread, Math.min(19, os.getPriority(thread) + niceness));
    } catch {
      // a thread that has just exited
    }
  }
}

/** A build that failed stops its indexing too, instead of waiting for it to write into a folder it removes. */
export async function stopIndexing(): Promise<void> {
  [spare, ahead] = [undefined, undefined];
  await Promise.all([...running].map((worker) => worker.terminate()));
}

if (!isMainThread && parentPort && workerData?.module === import.meta.url) {
  const port = parentPort;
  port.once("message", ({ job, priority }: { job: IndexJob; priority: IndexPriority }) => {
    // on Linux a priority belongs to the thread; Pagefind's process, started from it, inherits it
    if (priority === "background") os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
    if (priority === "first") yieldToThisThread();
    indexArticles(...job).then(
      (result) => port.postMessage({ result }),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
