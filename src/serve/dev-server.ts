// `npm start`: Eleventy's dev server on PORT (default 8080), with article problems shown in the
// browser as well as the terminal, so an editor sees a broken front matter where they are looking.
// https://www.11ty.dev/docs/dev-server/
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { formatProblem, type Problem } from "../content/problems.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { redirectsOf } from "../site/redirects.ts";
import { outputFile } from "../site/signatures.ts";

export interface Options {
  port: number;
  /** Where the page script asks for the current problems; served by the dev server, never built. */
  statusPath: string;
  /** The panel script itself, a file of the dev server's (no inline script: the pages' policy forbids it). */
  scriptPath: string;
  /** Only `eleventy --serve` gets the panel script and the server settings. */
  enabled: boolean;
}

export function portFrom(value: string | undefined): number | undefined {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/** `--port=N` or `--port N` on `npm start`'s command line (it wins over PORT), if it is a port number. */
export function portArgument(args: readonly string[]): number | undefined {
  const { values } = parseArgs({ args: [...args], options: { port: { type: "string" } }, strict: false });
  return typeof values.port === "string" ? portFrom(values.port) : undefined;
}

export const defaults: Options = {
  port: portFrom(process.env.PORT) ?? 8080,
  statusPath: "/.dev/problems.json",
  scriptPath: "/.dev/problems.js",
  enabled: process.env.ELEVENTY_RUN_MODE === "serve",
};

let current: Problem[] = [];

/** Every dev build's article problems (event "articles.problems"): an empty list once everything is fixed. */
export function reportProblems(problems: Problem[]): void {
  if (problems.length) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    console.error(`[articles] ${count}; these articles are left out of the preview until fixed:`);
    for (const problem of problems) console.error(`[articles] ${formatProblem(problem)}`);
  } else if (current.length) console.error("[articles] all problems fixed");
  current = problems;
}

/**
 * The pages the last dev build had (`before`) that this one has not (`now`): a deleted story's or
 * static page's, and the redirects at its old addresses; a moved story's old address; a tag's page
 * once no story carries it. The page of an article whose file has a problem now is `kept`, as the
 * editor's last good version, until it is fixed or deleted.
 * `files` (URL → file, of the last build's pages and kept pages) is only worked out when a page went.
 */
export function dropPages(before: Iterable<string>, now: ReadonlySet<string>, files: () => ReadonlyMap<string, string>, broken: ReadonlySet<string>) {
  const gone: string[] = [];
  const kept = new Map<string, string>();
  const missing = [...before].filter((url) => !now.has(url));
  const fileOf = missing.length ? files() : new Map<string, string>();
  for (const url of missing) {
    const file = fileOf.get(url);
    if (file && broken.has(file)) kept.set(url, file);
    else gone.push(url);
  }
  return { gone, kept };
}

export const currentProblems = (): readonly Problem[] => current;

/**
 * The panel script every page the dev server builds loads. It asks for the problems on each
 * load (the dev server reloads the page after every build) and shows any other build error the
 * server broadcasts; text goes in with textContent, so nothing in a problem is read as HTML.
 * Its styles are set through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' allows.
 */
export function panelScript(statusPath: string): string {
  return `const show = (heading, lines) => {
  document.getElementById("dev-problems")?.remove();
  if (!lines.length) return;
  const panel = document.createElement("aside");
  panel.id = "dev-problems";
  panel.setAttribute("role", "alert");
  panel.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff3f0;color:#5c0a00;border-top:4px solid #c0270e;font:15px/1.45 system-ui,sans-serif;box-shadow:0 -4px 16px #0003";
  const title = panel.appendChild(document.createElement("strong"));
  title.textContent = heading;
  const list = panel.appendChild(document.createElement("ul"));
  list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap";
  for (const line of lines) list.appendChild(document.createElement("li")).textContent = line;
  document.body.append(panel);
};
const response = await fetch(${JSON.stringify(statusPath)}, { cache: "no-store" });
const { problems } = await response.json();
show(problems.length === 1 ? "1 article problem: fix it and save (the preview leaves it out meanwhile)" : problems.length + " article problems: fix them and save (the preview leaves them out meanwhile)", problems);
new WebSocket(location.origin.replace(/^http/, "ws")).addEventListener("message", (event) => {
  const data = JSON.parse(event.data);
  if (data.type === "eleventy.error") show("The build failed: fix it and save", [JSON.parse(data.error).message]);
});
`;
}

export function devServerPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const options: Options = { ...defaults, ...userOptions };
  // the articles plugin leaves out a dev build's broken articles and reports them (src/site/articles.ts)
  eleventyConfig.on("articles.problems", reportProblems);
  if (!options.enabled) return;
  const script = panelScript(options.statusPath);
  eleventyConfig.setServerOptions({
    port: options.port, // `--port` on the command line still wins
    // a full reload on every build re-runs the panel script; DOM diffing would leave a stale panel
    domDiff: false,
    onRequest: {
      [options.statusPath]: () => ({
        headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
        body: JSON.stringify({ problems: current.map(formatProblem) }),
      }),
      [options.scriptPath]: () => ({
        headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
        body: script,
      }),
    },
  });
  // copied files are served from where they are, never re-copied: a copy deletes the file first, and a
  // reload during a rebuild lost the stylesheet or script https://www.11ty.dev/docs/copy/#emulate-passthrough-copy-during-serve
  eleventyConfig.setServerPassthroughCopyBehavior("passthrough");
  // Eleventy never deletes an output file: a deleted story's page would still be served
  let last: { urls: Set<string>; owners: Parameters<typeof redirectsOf>[0]; kept: Map<string, string> } | undefined;
  eleventyConfig.on("articles.loaded", async ({ articles, pages, pageUrls, replaced, directories }: ArticlesLoaded) => {
    const owners = [...articles, ...pages];
    // an edit that moved no article (src/site/patch-collections.ts) keeps every page: 40 ms spared a save at 10,000 articles
    if (replaced && last) return void (last.owners = owners);
    // the articles' and listings' pages, the static pages, and the redirects at their old addresses
    const urls = new Set(pageUrls());
    for (const page of [...pages, ...redirectsOf(owners)]) urls.add(page.url);
    if (last) {
      const { kept: keptBefore, owners: before } = last;
      const files = () => new Map([...keptBefore, ...[...before, ...redirectsOf(before)].map((o) => [o.url, o.file] as const)]);
      const { gone, kept } = dropPages(last.urls, urls, files, new Set(current.map((p) => p.file)));
      await Promise.all(gone.map((url) => rm(path.join(directories.output, outputFile(url)), { force: true })));
      for (const url of kept.keys()) urls.add(url);
      last = { urls, owners, kept };
    } else last = { urls, owners, kept: new Map() };
  });
  // Eleventy waits 150 ms for a saved file to settle before rebuilding; editors save whole files
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 } });
  const tag = `<script type="module" src="${options.scriptPath}" data-dev-problems></script>`;
  eleventyConfig.addTransform("dev-problems-panel", function (content) {
    const html = this.page.outputPath?.toString().endsWith(".html") && content.includes("</body>");
    return html ? content.replace("</body>", `${tag}\n</body>`) : content;
  });
}
