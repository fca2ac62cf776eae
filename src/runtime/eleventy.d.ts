// Eleventy 3.1 ships JavaScript without declarations; these cover the parts this project calls.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; pathPrefix?: string; runMode?: "build" | "watch" | "serve"; source?: string });
    init(): Promise<void>;
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string | false; inputPath: string; outputPath: string | false; content: string }>>;
    /** Builds, then watches; resolves to what its watcher's "change" and "add" events call with a file. */
    watch(): Promise<(file: string) => Promise<void>>;
    /** Set by `watch()`: the chokidar watcher. */
    watcher: { on(event: "unlink", listener: (file: string) => void): void };
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
  }
  export const HtmlBasePlugin: unknown;
}
