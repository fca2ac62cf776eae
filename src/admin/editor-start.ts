// The editor page's one script, bundled by the build into /admin/editor.js (a file: the admin
// policy allows no inline script). It teaches Sveltia CMS the project's file form, then starts it
// from /admin/cms/, the package's own self-hostable build served beside this file.
import { readEntry, writeEntry, type EntryForm } from "./entry-format.ts";

/** Each collection's file form, by format name: filled in by the build (esbuild `define`). */
declare const ENTRY_FORMS: Record<string, EntryForm>;

interface Sveltia {
  init(options?: object): Promise<void>;
  registerCustomFormat(name: string, extension: string, methods: {
    fromFile(text: string): Record<string, unknown>;
    toFile(content: Record<string, unknown>): string;
  }): void;
}

// a URL, not a specifier: the CMS is not bundled in, it is loaded from beside this file
const cms = (await import(new URL("cms/index.js", import.meta.url).href)) as Sveltia;
for (const [name, form] of Object.entries(ENTRY_FORMS)) {
  cms.registerCustomFormat(name, "md", { fromFile: (text) => readEntry(text, form), toFile: (content) => writeEntry(content, form) });
}
await cms.init();
