// The slice of Eleventy's configuration API this project uses. Eleventy 3.1 ships no type
// declarations, so the plugins type against this instead of `any`.
// https://www.11ty.dev/docs/config/

export type TemplateData = Record<string, any>;

export interface EleventyConfig {
  addPlugin<O>(plugin: (config: EleventyConfig, options: O) => void, options?: O): void;
  addPlugin(plugin: unknown, options?: unknown): void;
  addFilter(name: string, filter: (...args: any[]) => unknown): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  addCollection(name: string, fn: () => unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(inputPath: string, content: string, data?: TemplateData): void;
  addPreprocessor(name: string, extensions: string, fn: (data: TemplateData, content: string) => unknown): void;
  addTransform(name: string, fn: (this: { page: TemplateData }, content: string) => unknown): void;
  addDataExtension(extensions: string, options: { parser: (contents: string, path: string) => unknown; read?: boolean }): void;
  addExtension(extensions: string[], options: Record<string, unknown>): void;
  addTemplateFormats(formats: string | string[]): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addWatchTarget(target: string): void;
  setLibrary(name: string, library: unknown): void;
  setFrontMatterParsingOptions(options: Record<string, unknown>): void;
  setServerOptions(options: Record<string, unknown>): void;
  setServerPassthroughCopyBehavior(behavior: "copy" | "passthrough"): void;
  setChokidarConfig(options: Record<string, unknown>): void;
  setQuietMode(quiet: boolean): void;
  on(event: string, fn: (...args: any[]) => unknown): void;
  emit(event: string, ...args: unknown[]): Promise<unknown>;
  ignores: { add(glob: string): void };
  watchIgnores: { add(glob: string): void };
  pathPrefix?: string;
}
