import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liftEmbargo } from "../src/site/articles.ts";
import { parseArticle } from "../src/content/load.ts";
import { rmSync } from "node:fs";
import { dropPages, portArgument, portFrom } from "../src/serve/dev-server.ts";
import { DateTime } from "luxon";
import { ARTIFACTS, hasChromium, launchBrowser, openWatched, type WatchedPage } from "./browser.ts";
import { article, makeFixture, PINNED_ENV, validFields, type Fixture } from "./fixture.ts";

describe("dev server settings", () => {
  it("takes the port from PORT only when it is a real port number", () => {
    expect(portFrom("3000")).toBe(3000);
    expect(portFrom(undefined)).toBeUndefined();
    expect(portFrom("")).toBeUndefined();
    expect(portFrom("80a")).toBeUndefined();
    expect(portFrom("70000")).toBeUndefined();
  });

  it("takes --port from npm start's arguments, in either form, over PORT", () => {
    expect(portArgument(["--port=8081"])).toBe(8081);
    expect(portArgument(["--port", "8082"])).toBe(8082);
    expect(portArgument([])).toBeUndefined();
    expect(portArgument(["--port=eighty"])).toBeUndefined();
  });

  it("drops the pages a deleted story and its last tag had, but keeps a broken story's last good page until it is fixed or deleted", () => {
    const files = () => new Map([["/a/", "articles/a.md"], ["/b/", "articles/b.md"]]);
    // a.md deleted, b.md broken: neither has a page in this build
    const first = dropPages(["/a/", "/b/", "/tags/only-a/", "/"], new Set(["/"]), files, new Set(["articles/b.md"]));
    expect(first.gone.sort()).toEqual(["/a/", "/tags/only-a/"]);
    expect([...first.kept]).toEqual([["/b/", "articles/b.md"]]);
    // b.md deleted while broken: its kept page goes too
    expect(dropPages(["/", "/b/"], new Set(["/"]), () => first.kept, new Set()).gone).toEqual(["/b/"]);
    // b.md fixed: nothing to drop, and nothing looked up
    expect(dropPages(["/", "/b/"], new Set(["/", "/b/"]), () => { throw new Error("looked up"); }, new Set())).toEqual({ gone: [], kept: new Map() });
  });

  it("publishes an embargoed article once the clock passes its date, without re-reading the file", () => {
    const zone = "America/New_York";
    const loadedAt = DateTime.fromISO("2026-01-01T12:00:00Z");
    const parsed = parseArticle("articles/later.md", article({ ...validFields, date: "2026-01-02T09:00:00-05:00" }), { timezone: zone, now: loadedAt });
    if (!("article" in parsed)) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.article.status).toBe("embargoed");
    expect(liftEmbargo(parsed.article, loadedAt).status).toBe("embargoed");
    expect(liftEmbargo(parsed.article, DateTime.fromISO("2026-01-02T13:59:59Z")).status).toBe("embargoed");
    expect(liftEmbargo(parsed.article, DateTime.fromISO("2026-01-02T14:00:00Z")).status).toBe("published");
  });
});

const BRIDGE = "articles/2025/bridge.md";
const BRIDGE_URL = "/2025/06/01/bridge/";
const bridge = (title: string, body: string) => article({ ...validFields, title, tags: ["Infrastructure"] }, body);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `npm start` in the fixture, in its own process group so the whole tree can be stopped. */
function startDevServer(root: string, port: number) {
  const child = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    env: { ...process.env, ...PINNED_ENV, PATH_PREFIX: "", SITE_URL: "", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    async waitFor(pattern: RegExp, ms: number) {
      const end = Date.now() + ms;
      while (!pattern.test(output)) {
        if (child.exitCode !== null) throw new Error(`dev server exited (${child.exitCode}):\n${output}`);
        if (Date.now() > end) throw new Error(`no ${pattern} within ${ms} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** Waits until the server has printed nothing for `ms`: the builds an earlier step set off are done. */
    async settle(ms: number) {
      for (let seen = output, end = Date.now() + 60_000; ; seen = output) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        if (output === seen || Date.now() > end) return;
      }
    },
  };
}

async function stop(child: ChildProcess | undefined) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

const ferry = (body: string) => article({ ...validFields, title: "Ferry service resumes", date: "2025-05-02", tags: ["Transport"], aliases: ["/ferry-service/"] }, body);

describe.skipIf(!hasChromium)("npm start in a fixture site, watched in Chromium", () => {
  let site: Fixture;
  let server: ReturnType<typeof startDevServer>;
  let browser: Browser;
  let page: WatchedPage;
  let origin: string;
  const get = async (url: string) => {
    const response = await fetch(origin + url);
    return { status: response.status, html: await response.text() };
  };
  const waitForText = (text: string) =>
    page.waitForFunction((t) => document.querySelector("main")?.textContent?.includes(t), text, { timeout: 30_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n--- dev server output ---\n${server.output()}`);
    });

  /**
   * Opens a page once earlier rebuilds are over and waits until its live-reload socket is connected,
   * so no rebuild goes unseen. A late reload can still abort the navigation: then it is opened again.
   */
  async function open(url: string, attempts = 5): Promise<void> {
    await server.settle(750);
    const connected = page.waitForEvent("console", { predicate: (message) => message.text().includes("Connected"), timeout: 15_000 });
    try {
      await page.goto(origin + url);
      await connected;
    } catch (error) {
      connected.catch(() => undefined);
      if (attempts === 1 || !/ERR_ABORTED|interrupted by another navigation/.test(String(error))) throw error;
      await open(url, attempts - 1);
    }
  }

  beforeAll(async () => {
    site = makeFixture({
      [BRIDGE]: bridge("Council approves new bridge", "The council voted on Monday."),
      "articles/2025/ferry.md": ferry("The ferry runs again."),
      "pages/tips.md": "---\ntitle: Send us a tip\nslug: tips\n---\n\nWrite to the desk.\n",
      "articles/2025/draft.md": article({ ...validFields, title: "Unfinished draft", date: "2025-05-03", draft: true }),
      "articles/2026/later.md": article({ ...validFields, title: "Embargoed budget story", date: "2026-03-01T09:00:00-05:00" }),
    });
    // left by an earlier `npm start`, for a story deleted since
    site.write("_site.dev/2024/01/01/deleted-meanwhile/index.html", "<p>Deleted meanwhile</p>");
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = startDevServer(site.root, port);
    // saved while the first build runs, after it wrote the story's page: built again once it is done
    await server.waitFor(/Writing \.\/_site\.dev\/2025\/05\/02\/ferry\/index\.html/, 90_000);
    site.write("articles/2025/ferry.md", ferry("Fares are frozen until spring."));
    [browser] = await Promise.all([launchBrowser(), server.waitFor(/Server at http:\/\/localhost:\d+/, 90_000)]);
    expect(server.output()).toContain(`localhost:${port}/`);
    page = await openWatched(browser, `${origin}/`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stop(server?.child);
    expect(server?.child.exitCode !== null || server?.child.signalCode !== null).toBe(true);
  });

  it("serves on PORT into a fresh _site.dev/ (no page left from an earlier run), leaves _site/ alone, shows drafts and embargoed articles marked, and builds a story saved during the first build", async () => {
    const home = await get("/");
    expect(home.status).toBe(200);
    expect(home.html).toContain("Unfinished draft");
    expect(home.html).toContain("Embargoed budget story");
    expect((await get("/2025/05/03/draft/")).html).toMatch(/class="status status-draft"[^>]*>[^<]*Draft/);
    expect((await get("/2026/03/01/later/")).html).toMatch(/Embargoed until <time datetime="2026-03-01T09:00:00-05:00">/);
    expect(site.exists("_site.dev/index.html")).toBe(true);
    expect((await get("/2024/01/01/deleted-meanwhile/")).status).toBe(404);
    for (let tries = 0; !(await get("/2025/05/02/ferry/")).html.includes("Fares are frozen until spring."); tries++) {
      if (tries === 300) throw new Error(`the story saved during the first build was never built again:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(site.exists("_site")).toBe(false);
  });

  it("serves the stylesheet and the search script from the project, not from copies in _site.dev/ that every rebuild deletes and writes again", async () => {
    const served: [url: string, file: string][] = [["/assets/site.css", "_includes/assets/site.css"], ["/search/search.js", "src/search/client.js"]];
    for (const [url, file] of served) {
      const { status, html } = await get(url);
      expect(status, url).toBe(200);
      expect(html, url).toBe(site.read(file));
      expect(site.exists(`_site.dev${url}`), `_site.dev${url}`).toBe(false);
    }
  });

  it("live-reloads the open article after an edit, rebuilds home, tag and archive pages after a title change, and serves new stories, in a new folder too", async () => {
    await open(BRIDGE_URL);
    expect(await page.locator("h1").textContent()).toBe("Council approves new bridge");

    let saved = Date.now();
    site.write(BRIDGE, bridge("Council approves new bridge", "The council voted on Tuesday, not Monday."));
    await waitForText("voted on Tuesday, not Monday.");
    console.log(`body edit on screen ${Date.now() - saved} ms after saving`);

    saved = Date.now();
    site.write(BRIDGE, bridge("Council approves a longer bridge", "The council voted on Tuesday, not Monday."));
    await waitForText("Council approves a longer bridge");
    console.log(`title edit on screen ${Date.now() - saved} ms after saving`);
    for (const listing of ["/", "/tags/infrastructure/", "/archive/2025/06/"]) {
      const { status, html } = await get(listing);
      expect(status, listing).toBe(200);
      expect(html, listing).toContain("Council approves a longer bridge");
      expect(html, listing).not.toContain("Council approves new bridge");
    }

    site.write("articles/2025/harbour.md", article({ ...validFields, title: "Harbour reopens after storm", date: "2025-06-10" }));
    // polled from the server: a live reload sent while the browser is still loading "/" is lost
    for (let tries = 0; !(await get("/")).html.includes("Harbour reopens after storm"); tries++) {
      if (tries === 300) throw new Error(`the new article never reached the home page:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await get("/2025/06/10/harbour/")).status).toBe(200);

    // a folder the watcher has not seen yet (src/serve/article-watch.ts)
    site.write("articles/2024/ferry-fares.md", article({ ...validFields, title: "Ferry fares frozen", date: "2024-11-05" }));
    for (let tries = 0; (await get("/2024/11/05/ferry-fares/")).status !== 200; tries++) {
      if (tries === 300) throw new Error(`the story in a new folder was never served:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 90_000);

  it("reports a broken front matter in the terminal and on the open page, keeps serving, and recovers once fixed", async () => {
    await open(BRIDGE_URL);
    const panel = page.locator("#dev-problems");
    site.write(BRIDGE, "---\ntitle: [Council approves\n---\n\nThe council voted.\n");
    await panel.waitFor({ timeout: 30_000 });
    const problem = `${BRIDGE}: front matter: YAML syntax error at line`;
    expect(await panel.textContent()).toContain(problem);
    await server.waitFor(new RegExp(problem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), 5000);
    await page.screenshot({ path: path.join(ARTIFACTS, "dev-server-problem.png") });
    expect((await get("/")).status).toBe(200); // the rest of the site is still served
    expect((await get(BRIDGE_URL)).html).toContain("Council approves"); // and the story's last good version

    // a field name that looks like markup is shown as text, never parsed
    site.write(BRIDGE, "---\n" + `title: Council approves\n"<b id=injected>bold</b>": 1\n` + "---\n\nThe council voted.\n");
    await page.waitForFunction(() => document.querySelector("#dev-problems")?.textContent?.includes("<b id=injected>bold</b>"), null, { timeout: 30_000 });
    expect(await page.locator("#injected").count()).toBe(0);

    site.write(BRIDGE, bridge("Council approves the bridge again", "The council voted once more."));
    await waitForText("The council voted once more.");
    expect(await panel.count()).toBe(0);
    await server.waitFor(/all problems fixed/, 5000);
    expect(server.child.exitCode).toBeNull();
    // the panel, the live reload and every page the dev server built ran under the pages' policy
    expect((await get(BRIDGE_URL)).html).toMatch(/<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'self';/);
    expect(await page.problems()).toEqual([]);
  }, 90_000);

  it("takes a deleted story out of the preview: home, its tag's page, its own and its old address; and a deleted static page", async () => {
    await server.settle(750);
    expect((await get("/")).html).toContain("Ferry service resumes");
    for (const url of ["/2025/05/02/ferry/", "/ferry-service/", "/tips/"]) expect((await get(url)).status, url).toBe(200);
    rmSync(path.join(site.root, "pages/tips.md"));
    rmSync(path.join(site.root, "articles/2025/ferry.md"));
    for (let tries = 0; (await get("/")).html.includes("Ferry service resumes"); tries++) {
      if (tries === 300) throw new Error(`the deleted article stayed on the home page:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await server.settle(750);
    for (const url of ["/2025/05/02/ferry/", "/ferry-service/", "/tags/transport/", "/tips/"]) expect((await get(url)).status, url).toBe(404);
    expect((await get("/feed.xml")).html).not.toContain("Ferry service resumes");
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});
