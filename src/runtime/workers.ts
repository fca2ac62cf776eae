// Worker threads that work out results ahead of the main thread (stories for pages and feeds),
// started from a bundle or through worker.mjs (worker-bundles.ts); and plain-JavaScript
// workers that need none of it (the survey of the last site, the article files' stats).
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { workerEntry } from "./worker-bundles.ts";

/**
 * Results a worker thread works out ahead, one per article file, taken synchronously: Eleventy
 * renders in long stretches that leave no turn of the event loop for messages. The worker is the
 * module `module` (worker-bundles.ts); it answers with postInBatches.
 */
export class WorkerResults<T extends { file: string }> {
  #ready = new Map<string, T>();
  #port: MessagePort;
  #worker: Worker;

  constructor(module: string, data: Record<string, unknown>) {
    const { port1, port2 } = new MessageChannel();
    this.#port = port2;
    const [entry, workerData] = workerEntry(module, { ...data, port: port1 });
    this.#worker = new Worker(entry, { workerData, transferList: [port1] });
    this.#worker.unref();
  }

  /** The result for `file` if the worker has posted it; `keep` drops results no longer wanted as they arrive. */
  take(file: string, keep: (result: T) => boolean = () => true): T | undefined {
    for (let message; !this.#ready.has(file) && (message = receiveMessageOnPort(this.#port)); ) {
      for (const result of message.message as T[]) if (keep(result)) this.#ready.set(result.file, result);
    }
    const result = this.#ready.get(file);
    this.#ready.delete(file);
    return result;
  }

  close(): Promise<number> {
    this.#port.close();
    return this.#worker.terminate();
  }
}

/** The worker's side: results posted ten at a time (the main thread can only take what has been posted). */
export function postInBatches<T>(port: MessagePort, results: Iterable<T>): void {
  let batch: T[] = [];
  for (const result of results) {
    batch.push(result);
    if (batch.length === 10) {
      port.postMessage(batch);
      batch = [];
    }
  }
  port.postMessage(batch);
}

/**
 * The one message a plain-JavaScript worker module posts (it starts without the TypeScript loader:
 * `execArgv` empty), or undefined if it fails. The process waits for it: `npm run build` awaits
 * the survey once its pages are rendered, when nothing else may keep it running, and ends with
 * `process.exit`, so a build stopped early does not wait for it.
 */
export function plainWorkerResult<T>(module: URL, workerData: unknown): Promise<T | undefined> {
  const worker = new Worker(module, { execArgv: [], workerData });
  return new Promise((resolve) => {
    worker.once("message", (result: T) => resolve(result));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
}
