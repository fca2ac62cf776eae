// @11ty/eleventy-fetch 5 ships JavaScript without declarations; this covers the part the site uses.
// https://www.11ty.dev/docs/plugins/fetch/
declare module "@11ty/eleventy-fetch" {
  export class RemoteAssetCache {
    constructor(source: string, cacheDirectory: string, options: Record<string, unknown>);
    setQueue(queue: { add<T>(task: () => Promise<T>): Promise<T> }): void;
    /** The response body (a Buffer for type "buffer"), from the cache while it is valid. */
    queue(): Promise<unknown>;
    /** Whether the cache holds a copy still within its duration. */
    isCacheValid(): boolean;
    /** The cache entry's path; a buffer's bytes are beside it, in `${cachePath}.buffer`. */
    readonly cachePath: string;
  }
}
