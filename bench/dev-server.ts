// The dev-server figures: `npm start` (eleventy --serve) in the benchmark site, then
// "save → rebuilt page served": append a word to one article and poll its URL until it shows up;
// write a new article and poll its URL until it is served; add a tag to an article and poll its
// page until the tag's link is in its topics.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { parsed, type Newsroom } from "./incremental.ts";
import type { BenchSite } from "./sites.ts";

export interface DevFigure {
  /** From `npm start` to the article being served: the initial full build of the dev server. */
  startupMs: number;
  /** Save → the page with the new word served, one per edit. */
  samples: number[];
  /** New article written → its page served, one per article. */
  added?: number[];
  /** A tag added to an article → its page served with the tag's link, one per article. */
  retagged?: number[];
}

export interface DevTarget {
  file: string;
  /** Site-relative URL of the article, e.g. /2025/12/19/slug/ */
  url: string;
}

const POLL_MS = 10;

/** `newsroom`: the site's articles, for the new-article and re-tag figures (skipped without it). */
export async function measureDevServer(site: BenchSite, target: DevTarget, edits: number, env: NodeJS.ProcessEnv, newsroom?: Newsroom, timeoutMs = 15 * 60_000): Promise<DevFigure> {
  const port = await freePort();
  const file = path.join(site.root, target.file);
  const original = readFileSync(file, "utf8");
  // its own process group, so the server and npm's shell stop together
  const server = spawn("npm", ["start", "--", `--port=${port}`], { cwd: site.root, env: { ...env, PORT: String(port) }, detached: true });
  // count Eleventy's signals line by line; keep only the tail of its (long) log for errors
  let output = "";
  let partial = "";
  const seen = { watching: 0, changed: 0 };
  const read = (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      if (line.includes("Watching…")) seen.watching++;
      if (line.includes("File changed:")) seen.changed++;
    }
    output = (output + chunk.toString()).slice(-4000);
  };
  server.stdout!.on("data", read);
  server.stderr!.on("data", read);
  const exited = new Promise<never>((_, reject) => server.on("exit", (code) => reject(new Error(`npm start exited (${code}):\n${output.slice(-2000)}`))));
  exited.catch(() => undefined);
  const watching = () => seen.watching;
  const url = `http://localhost:${port}${target.url}`;
  try {
    const started = performance.now();
    await Promise.race([exited, until(async () => (await fetchPage(url)) !== undefined && watching() > 0, timeoutMs, "the dev server to serve the article")]);
    const startupMs = performance.now() - started;
    /** Save → `served` true of the page at `page`; then waits for the rest of the rebuild. */
    const timed = async (save: () => void, page: string, served: (html: string) => boolean, what: string): Promise<number> => {
      const builds = watching();
      const pageUrl = `http://localhost:${port}${page}`;
      save();
      const saved = performance.now();
      await Promise.race([exited, until(async () => {
        const html = await fetchPage(pageUrl);
        return html !== undefined && served(html);
      }, timeoutMs, what)]);
      const ms = performance.now() - saved;
      // let the rest of the rebuild finish before the next save
      await Promise.race([exited, until(async () => watching() > builds, 120_000, "the rebuild to finish").catch(() => undefined)]);
      return ms;
    };
    const edit = (marker: string) => timed(() => appendFileSync(file, `${marker}\n`), target.url, (html) => html.includes(marker), `the edited article (${marker})`);
    // append until the server reports the change (its article watcher, src/serve/article-watch.ts),
    // then one unmeasured edit
    const changes = () => seen.changed;
    for (let attempt = 0; changes() === 0; attempt++) {
      if (attempt === 30) throw new Error(`the dev server never noticed an edit:\n${output.slice(-2000)}`);
      appendFileSync(file, `benchwarmup${attempt}\n`);
      await Promise.race([exited, until(async () => changes() > 0, 10_000, "the watcher").catch(() => undefined)]);
    }
    await edit(`benchwarmup${Date.now().toString(36)}`);
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) samples.push(await edit(`benchedit${i}x${Date.now().toString(36)}`));
    if (!newsroom) return { startupMs, samples };
    // a new story: its page is a 404 until the rebuilt site has it
    const added: number[] = [];
    for (let i = 0; i < edits; i++) {
      const change = newsroom.addition();
      added.push(await timed(change.apply, parsed(change.article).url, () => true, `the new article ${change.article.file}`));
    }
    // a tag added: the article's page links the tag among its topics
    const topics = (html: string) => /<footer class="story-foot">[\s\S]*?<\/footer>/.exec(html)?.[0] ?? "";
    const retagged: number[] = [];
    for (let i = 0; i < edits; i++) {
      const change = newsroom.retag();
      const page = parsed(change.article);
      const link = `href="/tags/${page.tags.find((t) => t.name.toLowerCase() === change.tag!.toLowerCase())!.slug}/"`;
      retagged.push(await timed(change.apply, page.url, (html) => topics(html).includes(link), `${page.url} with ${link}`));
    }
    return { startupMs, samples, added, retagged };
  } finally {
    await stop(server);
    newsroom?.restore(); // before the edited article is put back: a retag may have changed it too
    writeFileSync(file, original);
  }
}

async function fetchPage(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Stops the server's process group (npm, its shell, Eleventy) and waits for it to go. */
async function stop(server: ChildProcess): Promise<void> {
  if (server.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const gone = new Promise((resolve) => server.once("exit", resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await gone;
  clearTimeout(timer);
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
