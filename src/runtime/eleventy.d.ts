// Eleventy 3.1 ships JavaScript without declarations; these cover the parts this project calls.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; pathPrefix?: string; runMode?: string });
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string | false; inputPath: string; outputPath: string | false; content: string }>>;
  }
  export const HtmlBasePlugin: unknown;
}
