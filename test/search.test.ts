import { chmodSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { indexParts, partSizes, searchInput, searchInputs, searchRecord, type SearchInput } from "../src/search/records.ts";
import { indexJob, shareKeptRecords } from "../src/search/search.ts";
import { RecordCache } from "../src/content/record-cache.ts";
import { noteDigest } from "../src/content/digests.ts";
import { parseArticle } from "../src/content/load.ts";
import { mergeTagSpellings } from "../src/site/collections.ts";
import { indexAhead, indexInWorker, YIELD_NICENESS } from "../src/search/worker.ts";
import { overlayBudget, planParts, type PartLedger } from "../src/search/overlay.ts";
import { startStaticServer, type StaticServer } from "../src/serve/static-server.ts";
import { ARTIFACTS, hasChromium, launchBrowser } from "./browser.ts";
import { article, makeFixture, PAGEFIND, PINNED_ENV, PROJECT, validFields, type Fixture, type RunResult } from "./fixture.ts";

const seed = readFileSync(path.join(PROJECT, "articles/2020/wechat-ban-blocked.md"), "utf8");
const SEED_URL = "/2020/09/20/wechat-ban-blocked/";

let site: Fixture;
beforeAll(async () => {
  site = makeFixture({
    "articles/2020/wechat-ban-blocked.md": seed,
    "articles/bridge.md": article({ ...validFields, title: "Council approves new bridge" }, "The council voted for the river crossing."),
    "articles/draft.md": article({ ...validFields, title: "Unpublished WeChat draft", draft: true }, "A WeChat story still being edited."),
  });
  const result = await site.run("build");
  expect(result.code, result.stderr).toBe(0);
}, 60_000);

describe("the search index built by npm run build", () => {
  it("writes Pagefind's bundle into _site/pagefind/, holding the published articles only", () => {
    const entry = JSON.parse(site.read("_site/pagefind/pagefind-entry.json"));
    expect(entry.languages.en.page_count).toBe(2);
    expect(site.exists("_site/pagefind/pagefind-ui.js")).toBe(true);
    expect(site.exists("_site/search/index.html")).toBe(true);
    expect(site.exists("_site/search/search.js")).toBe(true);
  });

  it("gives every page a search box that is a link to the archive until the script turns it into a form", () => {
    const html = site.read("_site/index.html");
    // (Eleventy's HTML transforms may write a boolean attribute as attr="")
    expect(html).toMatch(/<a href="\/archive\/" data-search-fallback(="")?>/);
    expect(html).toMatch(/<form action="\/search\/" method="get" role="search" hidden(="")?>/);
    expect(html).toMatch(/<script src="\/search\/search\.js" defer(="")?><\/script>/);
  });

  it("holds each tag in the spelling the pages show when articles spell it differently", async () => {
    const spelled = makeFixture({
      "articles/a.md": article({ ...validFields, title: "Trade talks resume", date: "2025-03-01", tags: ["us-china"] }),
      "articles/b.md": article({ ...validFields, title: "Chip rules tighten", date: "2025-03-02", tags: ["US-China", "Technology"] }),
      "articles/c.md": article({ ...validFields, title: "Tariffs paused", date: "2025-03-03", tags: ["US-China"] }),
    });
    const result = await spelled.run("build");
    expect(result.code, result.stderr).toBe(0);
    expect(spelled.read("_site/tags/us-china/index.html")).toContain("<h1>US-China</h1>");
    const folder = path.join(spelled.root, "_site/pagefind/filter");
    const filters = readdirSync(folder).map((file) => gunzipSync(readFileSync(path.join(folder, file))).toString("utf8")).join("");
    expect(filters).toContain("US-China");
    expect(filters).not.toContain("us-china");
  }, 60_000);
});

describe("an index started ahead (npm run build starts it once the articles are valid)", () => {
  // Pagefind's Node API starts the binary this variable names: a script that counts the starts
  const spied = makeFixture({
    "articles/bridge.md": article({ ...validFields, title: "Council approves new bridge" }),
    "count-starts.sh": `#!/bin/sh\necho started >> "$0.log"\nexec "${PAGEFIND}" "$@"\n`,
  });
  chmodSync(path.join(spied.root, "count-starts.sh"), 0o755);
  const starts = () => (spied.exists("count-starts.sh.log") ? spied.read("count-starts.sh.log").split("\n").length - 1 : 0);
  const started = async (n: number) => {
    while (starts() < n) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const input: SearchInput = {
    file: "articles/bridge.md", url: "/2025/06/01/bridge/", title: "Council approves new bridge", description: "",
    tags: ["Infrastructure"], source: "Reuters", dateline: "Paris, France", section: "World", kind: "News", authors: [], corrections: [], date: "2025-06-01T00:00:00.000Z", digest: "",
  };
  const job = (folder: string): Parameters<typeof indexAhead>[0] => [{ list: [input] }, spied.root, path.join(spied.root, folder), "en", 10];
  beforeAll(() => void (process.env.PAGEFIND_EXTENDED_BINARY_PATH = path.join(spied.root, "count-starts.sh")));
  afterAll(() => void delete process.env.PAGEFIND_EXTENDED_BINARY_PATH);

  it("is taken over by the same request from the search plugin instead of indexing twice", async () => {
    indexAhead(job("out"));
    await started(1);
    expect(await indexInWorker(job("./out/"))).toMatchObject({ pages: 1, parts: 1, reindexed: 1, placed: [] });
    expect(starts()).toBe(1);
  }, 30_000);

  it("goes first in npm run build: Pagefind keeps the build's priority, the rest of the build steps back", async () => {
    // field 19 of /proc/<pid>/stat is the niceness: Pagefind's own, then the build's main thread's
    const script = `#!/bin/sh\necho "$(cut -d' ' -f19 /proc/$$/stat) $(cut -d' ' -f19 /proc/$PPID/stat)" >> "$0.log"\nexec "${PAGEFIND}" "$@"\n`;
    const recorded = makeFixture({ "articles/bridge.md": article({ ...validFields, title: "Council approves new bridge" }), "nice.sh": script });
    chmodSync(path.join(recorded.root, "nice.sh"), 0o755);
    const result = await recorded.run("build", { PAGEFIND_EXTENDED_BINARY_PATH: path.join(recorded.root, "nice.sh") });
    expect(result.code, result.stderr).toBe(0);
    const [pagefindNice, buildNice] = recorded.read("nice.sh.log").trim().split(" ").map(Number);
    expect(buildNice).toBe(Math.min(19, pagefindNice! + YIELD_NICENESS));
    expect(recorded.exists("_site/pagefind/pagefind-entry.json")).toBe(true);
  }, 60_000);

  it("is stopped, and the plugin's index written, when the plugin asks for another", async () => {
    const before = starts();
    indexAhead(job("out"));
    await started(before + 1);
    expect(await indexInWorker(job("other"))).toMatchObject({ pages: 1, parts: 1, reindexed: 1, placed: [] });
    expect(starts()).toBe(before + 2);
    expect(spied.exists("other/pagefind/pagefind-entry.json")).toBe(true);
  }, 30_000);
});

describe("an archive larger than one search index part (SEARCH_PART_SIZE)", () => {
  const dated = (date: string) => ({ url: `/${date}/`, date });

  it("is split by date, oldest first, each article keeping its place in its part", () => {
    const inputs = ["2025-01-01", "2021-05-05", "2024-03-03", "2019-02-02", "2023-07-07"].map(dated);
    expect(indexParts(inputs, 2).map((part) => part.map((input) => input.date))).toEqual([
      ["2021-05-05", "2019-02-02"],
      ["2024-03-03", "2023-07-07"],
      ["2025-01-01"],
    ]);
    expect(indexParts(inputs, 60)).toEqual([inputs]);
    expect(indexParts(inputs, 5).map((part) => part.length)).toEqual([4, 1]); // the main bundle keeps a page
    expect(indexParts([], 5)).toEqual([[]]);
  });

  it("keeps whole parts, then whole tenths of a part, then a recent part that a new article alone re-indexes", () => {
    // the recent part, Pagefind's main bundle, is never empty: at whole tenths it takes the newest article
    expect(partSizes(10_000, 10_000)).toEqual([9_999, 1]);
    expect(partSizes(12_000, 10_000)).toEqual([10_000, 1_999, 1]);
    expect(partSizes(3, 1)).toEqual([1, 1, 1]);
    expect(partSizes(10_001, 10_000)).toEqual([10_000, 1]);
    expect(partSizes(1_003, 10_000)).toEqual([1_000, 3]);
    expect(partSizes(19_999, 10_000)).toEqual([10_000, 9_000, 999]);
    expect(partSizes(0, 10_000)).toEqual([0]);
    // up to twice the part size a search loads at most 3 parts; adding articles changes only the newest ones
    for (let n = 1; n < 20_000; n += 997) {
      const [before, after] = [partSizes(n, 10_000), partSizes(n + 1, 10_000)];
      expect(before.length).toBeLessThanOrEqual(3);
      expect(after.slice(0, before.length - 2)).toEqual(before.slice(0, before.length - 2));
    }
  });

  it("is written as older parts under /pagefind/archive/N/ that the search page names, the newest as /pagefind/", async () => {
    const big = makeFixture({
      "articles/a.md": article({ ...validFields, title: "Ferry strike", date: "2023-02-01" }),
      "articles/b.md": article({ ...validFields, title: "Bridge opens", date: "2024-02-01" }),
      "articles/c.md": article({ ...validFields, title: "Tunnel plan", date: "2025-02-01" }),
    });
    const result = await big.run("build", { SEARCH_PART_SIZE: "1" });
    expect(result.code, result.stderr).toBe(0);
    const pages = (bundle: string) => JSON.parse(big.read(`_site/${bundle}pagefind-entry.json`)).languages.en.page_count;
    expect([pages("pagefind/archive/1/"), pages("pagefind/archive/2/"), pages("pagefind/")]).toEqual([1, 1, 1]);
    expect(big.read("_site/search/index.html")).toContain('data-archive-bundles="/pagefind/archive/1/ /pagefind/archive/2/"');
    expect(result.stdout).toContain("search: 3 of 3 parts re-indexed");
    expect(site.read("_site/search/index.html")).not.toContain("data-archive-bundles");
  }, 60_000);

  it("stops the build with the variable's name when the part size is not a whole number above 0", async () => {
    const result = await site.run("build", { SEARCH_PART_SIZE: "0" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("SEARCH_PART_SIZE=0: expected a whole number above 0");
  }, 30_000);
});

describe("planning which search index parts of the last build to keep (planParts)", () => {
  const ledger = (at: string, records: Record<string, string>): PartLedger => ({ at, records: Object.fromEntries(Object.entries(records).map(([url, digest]) => [url, [digest, `en_${url}`]])) });
  const target = (at: string, records: Record<string, string>) => ({ at, records: new Map(Object.entries(records)) });
  const archive1 = ledger("pagefind/archive/1/", { a: "1", b: "1", c: "1" });
  const recent = ledger("pagefind/", { d: "1" });

  it("keeps a part whose records all hold, wherever it was, and one with a few changed in its own folder, the changes moving to the recent part", () => {
    const moved = planParts([target("pagefind/archive/2/", { a: "1", b: "1", c: "1" }), target("pagefind/", { d: "1" })], [archive1, recent], 2);
    expect(moved).toEqual({ parts: [{ reuse: archive1, stale: [] }], recent: new Map([["d", "1"]]), recentReuse: recent });
    const edited = planParts([target("pagefind/archive/1/", { a: "1", b: "2", c: "1" }), target("pagefind/", { d: "1", e: "1" })], [archive1, recent], 2);
    expect(edited).toEqual({ parts: [{ reuse: archive1, stale: ["b"] }], recent: new Map([["d", "1"], ["e", "1"], ["b", "2"]]), recentReuse: undefined });
    const deleted = planParts([target("pagefind/archive/1/", { a: "1", c: "1" }), target("pagefind/", { d: "1" })], [archive1, recent], 2);
    expect(deleted.parts).toEqual([{ reuse: archive1, stale: ["b"] }]);
    expect(deleted.recentReuse).toBe(recent);
  });

  it("indexes again the parts carrying most of the overlay until the rest fits the budget", () => {
    const archive2 = ledger("pagefind/archive/2/", { x: "1", y: "1" });
    const plan = planParts([target("pagefind/archive/1/", { a: "2", b: "2", c: "1" }), target("pagefind/archive/2/", { x: "2", y: "1" }), target("pagefind/", { d: "1" })], [archive1, archive2, recent], 2);
    expect(plan.parts).toEqual([{}, { reuse: archive2, stale: ["x"] }]);
    expect(plan.recent).toEqual(new Map([["d", "1"], ["x", "2"]]));
    expect(overlayBudget(10_000)).toBe(100);
    expect(overlayBudget(4)).toBe(2);
  });
});

describe("an old story edited after its search index part was written (npm run build, incremental)", () => {
  // SEARCH_PART_SIZE=2: parts of 2, 2 and 1 story; the oldest two in /pagefind/archive/1/
  const ENV = { SEARCH_PART_SIZE: "2" };
  const story = (title: string, date: string, tags: string[], body: string) => article({ ...validFields, title, date, tags }, body);
  let edited: Fixture;
  let first: RunResult;
  let second: RunResult;
  let third: RunResult;
  let afterEdit: string;
  beforeAll(async () => {
    edited = makeFixture({
      "articles/ferry.md": story("Ferry crews strike", "2021-03-01", ["Transport"], "Crews of the harbour ferry stopped work."),
      "articles/bridge.md": story("Bridge repairs begin", "2022-03-01", ["Transport"], "Engineers closed one lane of the harbour bridge."),
      "articles/tunnel.md": story("Tunnel plan approved", "2023-03-01", ["Planning"], "The harbour tunnel was approved."),
      "articles/tram.md": story("Tram fares frozen", "2024-03-01", ["Transport"], "Fares on the harbour tram stay the same."),
      "articles/port.md": story("Port traffic grows", "2025-03-01", ["Trade"], "The harbour port handled more ships."),
    });
    first = await edited.run("build", ENV);
    expect(first.code, first.stderr).toBe(0);
    edited.write("articles/ferry.md", story("Ferry crews return", "2021-03-01", ["Labour"], "Crews of the harbour gondola went back to work."));
    second = await edited.run("build", ENV);
    expect(second.code, second.stderr).toBe(0);
    afterEdit = edited.read("_site/pagefind/superseded.json");
    edited.write("articles/bridge.md", story("Bridge repairs end", "2022-03-01", ["Transport"], "Engineers opened every lane of the harbour bridge."));
    third = await edited.run("build", ENV);
    expect(third.code, third.stderr).toBe(0);
  }, 120_000);

  it("keeps the story's part as it was, lists its old record as superseded and indexes the new one with the recent part", () => {
    expect(first.stdout).toContain("search: 3 of 3 parts re-indexed");
    expect(second.stdout).toContain("search: 1 of 3 parts re-indexed, 1 superseded records left out");
    const superseded = Object.values(JSON.parse(afterEdit) as Record<string, { url: string; filters: Record<string, string[]> }[]>).flat();
    expect(superseded).toEqual([{ url: "/2021/03/01/ferry/", filters: expect.objectContaining({ tag: ["Transport"] }) }]);
  });

  it("indexes the part again, as a clean build would, once its superseded and moved records pass a hundredth of a part (at least 2)", () => {
    expect(third.stdout).toContain("search: 2 of 3 parts re-indexed");
    expect(third.stdout).not.toContain("superseded");
    expect(JSON.parse(edited.read("_site/pagefind/superseded.json"))).toEqual({});
  });

  describe.skipIf(!hasChromium)("searched in Chromium", () => {
    let browser: Browser;
    let server: StaticServer;
    let served: Fixture;
    beforeAll(async () => {
      // the site as the second build left it: one story superseded in a kept part
      served = makeFixture({
        "articles/ferry.md": story("Ferry crews strike", "2021-03-01", ["Transport"], "Crews of the harbour ferry stopped work."),
        "articles/bridge.md": story("Bridge repairs begin", "2022-03-01", ["Transport"], "Engineers closed one lane of the harbour bridge."),
        "articles/tunnel.md": story("Tunnel plan approved", "2023-03-01", ["Planning"], "The harbour tunnel was approved."),
        "articles/tram.md": story("Tram fares frozen", "2024-03-01", ["Transport"], "Fares on the harbour tram stay the same."),
        "articles/port.md": story("Port traffic grows", "2025-03-01", ["Trade"], "The harbour port handled more ships."),
      });
      expect((await served.run("build", ENV)).code).toBe(0);
      served.write("articles/ferry.md", story("Ferry crews return", "2021-03-01", ["Labour"], "Crews of the harbour gondola went back to work."));
      const result = await served.run("build", ENV);
      expect(result.stdout).toContain("1 superseded records left out");
      [browser, server] = await Promise.all([launchBrowser(), startStaticServer(path.join(served.root, "_site"))]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const found = async (query: string) => {
      const page = await browser.newPage();
      await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
      await page.locator(".pagefind-ui__message").filter({ hasText: /result/ }).waitFor({ timeout: 15_000 });
      const links = await page.locator(".pagefind-ui__result-link").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      const message = await page.locator(".pagefind-ui__message").textContent();
      await page.close();
      return { links, message };
    };

    it("finds the story by its new words, not by its old ones, and once for words in both", async () => {
      expect((await found("gondola")).links).toEqual(["/2021/03/01/ferry/"]);
      expect((await found("stopped")).links).toEqual([]);
      const harbour = await found("harbour");
      expect(harbour.links.toSorted()).toEqual(["/2021/03/01/ferry/", "/2022/03/01/bridge/", "/2023/03/01/tunnel/", "/2024/03/01/tram/", "/2025/03/01/port/"]);
      expect(harbour.message).toContain("5 results");
    }, 60_000);

    it("counts the story under its new tag only in the tag filter", async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}search/`);
      // as the page's UI uses it: the bridge, the archive parts merged (a string: the test runner would rewrite an import())
      const tags = await page.evaluate(`(async () => {
        const pagefind = await import("/search/pagefind.js");
        await pagefind.options({});
        for (const bundle of document.querySelector("[data-search-results]").dataset.archiveBundles.split(" ")) await pagefind.mergeIndex(bundle);
        return (await pagefind.filters()).tag;
      })()`);
      await page.close();
      expect(tags).toEqual({ Labour: 1, Planning: 1, Trade: 1, Transport: 2 });
    }, 30_000);
  });
});

describe("what the index holds of an article", () => {
  const input: SearchInput = {
    file: "articles/x.md", url: "/2025/03/10/x/", title: "Oil prices jump", description: "Brent rose.",
    tags: ["Energy", "Markets"], source: "Reuters", dateline: "Paris, France", section: "Business", kind: "Analysis", authors: ["Jane Doe"], corrections: [], date: "2025-03-10T18:30:00.000Z", digest: "",
  };

  it("indexes the story's words and link texts, not its Markdown syntax or link targets", () => {
    const record = searchRecord(input, "## Talks stall\n\n> “No deal,” said **one** [minister](https://evil.example/path).\n\n![A tanker](tanker.jpg)", "en");
    expect(record.content).toBe("Oil prices jump\nBrent rose.\nTalks stall\n\n“No deal,” said one minister.\n\nA tanker");
    expect(record.content).not.toContain("evil.example");
  });

  it("offers desk, kind, tag, source, dateline and author filters, a date sort and the headline as its title", () => {
    const record = searchRecord(input, "Text.", "en");
    expect(record).toMatchObject({ url: "/2025/03/10/x/", language: "en", meta: { title: "Oil prices jump" }, sort: { date: "2025-03-10T18:30:00.000Z" } });
    expect(record.filters).toEqual({ section: ["Business"], kind: ["Analysis"], tag: ["Energy", "Markets"], source: ["Reuters"], dateline: ["Paris, France"], author: ["Jane Doe"] });
  });
});

describe("the inputs npm run build hands the index's thread", () => {
  const now = DateTime.fromISO(PINNED_ENV.BUILD_NOW);
  const parse = (file: string, fields: Record<string, unknown>) => {
    const parsed = parseArticle(file, article({ ...validFields, ...fields }), { timezone: "America/New_York", now });
    if (!("article" in parsed)) throw new Error(JSON.stringify(parsed.problems));
    return parsed;
  };
  const stories = {
    "articles/a.md": { title: "Trade talks resume", date: "2025-03-01", tags: ["us-china"], author: ["Dana Whitfield"] },
    "articles/b.md": { title: "Chip rules tighten", date: "2025-03-02T10:15:00Z", tags: ["US-China", "Technology"], updated: "2025-03-04" },
    "articles/c.md": { title: "Tariffs paused", date: "2025-03-03", tags: ["US-China"], corrections: [{ date: "2025-03-05", text: "An earlier version misstated the tariff." }] },
  };

  it("are read from the records kept by the last build as the same inputs its articles give, tags spelled as merged", async () => {
    const folder = makeFixture().root;
    const file = path.join(folder, "records.tsv");
    const last = new RecordCache(file, "key", "America/New_York");
    for (const [name, fields] of Object.entries(stories)) last.set(name, `digest-of-${name}`, now, parse(name, fields), "1:1");
    await last.write(new Set(Object.keys(stories)));
    const kept = new RecordCache(file, "key", "America/New_York");
    const articles = Object.keys(stories).map((name) => kept.get(name, `digest-of-${name}`, now)!.article);
    // edited since: its record is this build's, not the file's
    const edited = parse("articles/d.md", { title: "Ports reopen", date: "2025-03-06", tags: ["Shipping"] });
    kept.set("articles/d.md", "digest-of-d", now, edited, "2:2");
    articles.unshift(edited.article);
    mergeTagSpellings(articles);
    for (const a of articles) noteDigest(folder, a.file, `digest-of-${a.file}`);
    shareKeptRecords(kept);
    const [given] = indexJob(articles, folder, path.join(folder, "out"), { language: "en", searchPartSize: 10, pathPrefix: "/" });
    shareKeptRecords(undefined);
    // the edited story's input is given, the others' records are pointed at
    expect(given.list.map((item) => typeof item)).toEqual(["object", "number", "number", "number"]);
    const inputs = searchInputs(structuredClone(given));
    expect(inputs).toEqual(articles.map((a) => searchInput(a, `digest-of-${a.file}`)));
    expect(inputs.flatMap((i) => i.tags)).toEqual(["Shipping", "US-China", "US-China", "Technology", "US-China"]);
  });
});

describe.skipIf(!hasChromium)("searching in Chromium, served as static files", () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startStaticServer(path.join(site.root, "_site"))]);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("finds the seed article for “WeChat” typed into the header's search box", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole("searchbox", { name: "Search" }).fill("WeChat");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\/search\/\?q=WeChat$/);
    const result = page.locator(".pagefind-ui__result-link").first();
    await result.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "search-wechat.png") });
    const links = await page.locator(".pagefind-ui__result-link").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links).toContain(SEED_URL);
    for (const link of links) expect(link).toMatch(/^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/); // articles, not listings
    expect(await page.locator(".pagefind-ui__result-link", { hasText: "Unpublished WeChat draft" }).count()).toBe(0);
    await page.locator(`.pagefind-ui__result-link[href="${SEED_URL}"]`).click();
    await page.waitForURL(`**${SEED_URL}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Judge Ends WeChat Download Ban in US-China Tech Battle");
    await page.close();
  }, 30_000);

  it("shows a link to the archive instead of the form when JavaScript is off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.locator("[data-search-fallback]").isVisible()).toBe(true);
    expect(await page.locator("[data-search-box] form").isVisible()).toBe(false);
    await page.locator("[data-search-fallback]").click();
    await page.waitForURL("**/archive/");
    await context.close();
  }, 15_000);

  it("says what to run when the search index is missing", async () => {
    const page = await browser.newPage();
    await page.route("**/pagefind/pagefind-ui.js", (route) => route.abort());
    await page.goto(`${server.url}search/?q=WeChat`);
    const message = page.locator("[data-search-missing]");
    await message.waitFor({ state: "visible" });
    expect(await message.textContent()).toContain("npm run build");
    await page.close();
  }, 15_000);
});
