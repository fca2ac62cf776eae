// The production build's output: page bytes handed to Eleventy and released once written.
import { spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pageBytes, releaseWritten } from "../src/build/output.ts";
import { deleteDetached, swapInto } from "../src/build/swap.ts";
import { dropGone, placeParts, recycle, recycleAround, survey } from "../src/build/recycle.ts";
import { surveyAhead, surveyInBackground } from "../src/build/survey-ahead.ts";

describe("page bytes", () => {
  it("are the page's UTF-8, in a memory block of their own", () => {
    const html = "<p>“Quoted” 微信</p>";
    const bytes = pageBytes(html);
    expect(bytes.equals(Buffer.from(html))).toBe(true);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });

  it("are released once the page's file is on disk in full, and kept while it is not", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "newsroom-output-"));
    const page = (name: string, html: string) => ({ file: path.join(folder, name), bytes: pageBytes(html) });
    const written = page("written.html", "<p>Written ✓</p>");
    const partial = page("partial.html", "<p>Half written</p>");
    const missing = page("missing.html", "<p>Not yet</p>");
    writeFileSync(written.file, written.bytes);
    writeFileSync(partial.file, partial.bytes.subarray(0, 5));

    const pending = releaseWritten([written, partial, missing]);

    expect(pending).toEqual([partial, missing]);
    expect(written.bytes.byteLength).toBe(0);
    expect(partial.bytes.toString()).toBe("<p>Half written</p>");
    expect(missing.bytes.toString()).toBe("<p>Not yet</p>");
  });
});

describe("folders set aside for deletion", () => {
  it("are each deleted by one detached process: a folder a running deleter has taken is left to it, one a stopped deleter took is taken again", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsroom-deleting-"));
    const at = (name: string) => path.join(root, name);
    const stopped = spawnSync(process.execPath, ["-e", ""]).pid!;
    const folders = ["_site.deleting-aaaa", `_site.deleting-bbbb-taken-${process.pid}`, `_site.deleting-cccc-taken-${stopped}`];
    for (const folder of [...folders, "_site.next", "_site"]) {
      mkdirSync(at(`${folder}/2025/01`), { recursive: true });
      writeFileSync(at(`${folder}/2025/01/index.html`), folder);
    }
    const waiting = await swapInto(at("_site.next"), at("_site"), at("_site.old"));
    // the site swapped out is the rollback: no site before last to set aside
    expect(waiting.map((folder) => path.basename(folder)).sort()).toEqual([folders[0], folders[2]]);
    deleteDetached(waiting);
    const left = () => readdirSync(root).filter((name) => name.startsWith("_site.deleting-"));
    for (let tries = 0; left().length > 1 && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(left()).toEqual([folders[1]]);
    expect(readFileSync(at("_site/2025/01/index.html"), "utf8")).toBe("_site.next");
  });
});

describe("the site before last, recycled as the staging folder", () => {
  /** _site/ and _site.old/ as two builds leave them: unchanged pages hard-linked, the others written apart. */
  function twoBuilds() {
    const root = mkdtempSync(path.join(tmpdir(), "newsroom-recycle-"));
    const file = (folder: string, name: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, folder, name)), { recursive: true });
      writeFileSync(path.join(root, folder, name), text);
    };
    file("_site", "2025/01/02/kept/index.html", "unchanged story");
    mkdirSync(path.join(root, "_site.old/2025/01/02/kept"), { recursive: true });
    linkSync(path.join(root, "_site/2025/01/02/kept/index.html"), path.join(root, "_site.old/2025/01/02/kept/index.html"));
    file("_site", "2025/01/03/edited/index.html", "edited story");
    file("_site.old", "2025/01/03/edited/index.html", "the story before its edit");
    file("_site.old", "2024/12/31/deleted/index.html", "a story deleted since");
    file("_site", "sitemap.xml", "always written");
    linkSync(path.join(root, "_site/sitemap.xml"), path.join(root, "_site.old/sitemap.xml"));
    file("_site.old", "pagefind/fragment/a.pf_fragment", "index");
    const pages = new Set(["2025/01/02/kept/index.html", "2025/01/03/edited/index.html", "2024/12/31/deleted/index.html"]);
    return { root, pages, at: (folder: string) => path.join(root, folder) };
  }

  it("keeps only the signed pages that are the very files _site/ holds, and any such file of the search index", () => {
    const { pages, at } = twoBuilds();
    mkdirSync(at("_site.old/pagefind/archive/1"), { recursive: true });
    mkdirSync(at("_site/pagefind/archive/1"), { recursive: true });
    writeFileSync(at("_site/pagefind/archive/1/pagefind-entry.json"), "a reused part");
    linkSync(at("_site/pagefind/archive/1/pagefind-entry.json"), at("_site.old/pagefind/archive/1/pagefind-entry.json"));
    const kept = recycle(survey(at("_site.next"), at("_site.old"), at("_site"), pages), at("_site.next"), at("_site"));
    expect([...kept].sort()).toEqual(["2025/01/02/kept/index.html", "pagefind/archive/1/pagefind-entry.json"]);
    expect(existsSync(at("_site.old")), "the site before last became the staging folder").toBe(false);
    expect(readdirSync(at("_site.next"), { recursive: true }).map(String).sort()).toEqual(["2025", "2025/01", "2025/01/02", "2025/01/02/kept", "2025/01/02/kept/index.html", "pagefind", "pagefind/archive", "pagefind/archive/1", "pagefind/archive/1/pagefind-entry.json"]);
    // the pages _site/ serves are untouched, the files unlinked from the staging folder included
    expect(readFileSync(at("_site/sitemap.xml"), "utf8")).toBe("always written");
    expect(readFileSync(at("_site/2025/01/03/edited/index.html"), "utf8")).toBe("edited story");
  });

  it("places the search index's reused parts: their kept files stay, the rest are linked from _site/, and the kept files of a part indexed again go before its new ones move in", async () => {
    const { pages, at } = twoBuilds();
    const shared = (file: string, text: string) => {
      for (const folder of ["_site", "_site.old"]) mkdirSync(path.dirname(at(`${folder}/${file}`)), { recursive: true });
      writeFileSync(at(`_site/${file}`), text);
      linkSync(at(`_site/${file}`), at(`_site.old/${file}`));
    };
    // the archive part, reused by the last build too; one of its files the site before last lacks
    shared("pagefind/archive/1/fragment/a.pf_fragment", "archive story");
    writeFileSync(at("_site/pagefind/archive/1/pagefind-entry.json"), "archive entry");
    // the recent part, reused by the last build, indexed again by this one
    shared("pagefind/pagefind-entry.json", "recent entry");
    shared("pagefind/fragment/old.pf_fragment", "a story since edited");
    for (const [file, text] of [["pagefind/pagefind-entry.json", "new recent entry"], ["pagefind/fragment/new.pf_fragment", "the edited story"], ["pagefind/superseded.json", "{}"]]) {
      mkdirSync(path.dirname(at(`_site.rendered/${file}`)), { recursive: true });
      writeFileSync(at(`_site.rendered/${file}`), text!);
    }
    const placed = [{ from: "pagefind/archive/1/", at: "pagefind/archive/1/" }];
    const kept = await recycleAround(Promise.resolve(survey(at("_site.next"), at("_site.old"), at("_site"), pages)), at("_site.next"), at("_site.rendered"), at("_site"), placed);
    expect(placeParts(at("_site"), at("_site.next"), placed, kept)).toBe(2);
    const search = readdirSync(at("_site.next/pagefind"), { recursive: true }).map(String).filter((file) => statSync(at(`_site.next/pagefind/${file}`)).isFile()).sort();
    expect(search).toEqual(["archive/1/fragment/a.pf_fragment", "archive/1/pagefind-entry.json", "fragment/new.pf_fragment", "pagefind-entry.json", "superseded.json"]);
    for (const file of ["archive/1/fragment/a.pf_fragment", "archive/1/pagefind-entry.json"]) {
      expect(statSync(at(`_site.next/pagefind/${file}`)).ino, `${file}: _site/'s own file`).toBe(statSync(at(`_site/pagefind/${file}`)).ino);
    }
    expect(readFileSync(at("_site.next/pagefind/pagefind-entry.json"), "utf8")).toBe("new recent entry");
    expect(readFileSync(at("_site/pagefind/pagefind-entry.json"), "utf8"), "_site/ untouched").toBe("recent entry");
  });

  // the build cache's manifest, as far as the survey reads it: which build wrote it, then the pages (src/build/manifest.ts)
  function manifestOf(at: (folder: string) => string, pages: Set<string>, id = "build 1") {
    const manifest = { file: at("manifest.jsonl"), fingerprint: "this build's" };
    writeFileSync(manifest.file, [{ fingerprint: manifest.fingerprint, id }, [...pages], [...pages].map(() => "signature")].map((line) => JSON.stringify(line)).join("\n"));
    return manifest;
  }

  it("is surveyed on a worker thread without a file changing, so a build stopped by invalid articles leaves the rollback whole", async () => {
    const { pages, at } = twoBuilds();
    const before = readdirSync(at("_site.old"), { recursive: true }).map(String).sort();
    // the worker reads the pages from the build cache's manifest, when it carries the build's fingerprint
    const manifest = manifestOf(at, pages);
    expect(await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), { ...manifest, fingerprint: "another build's" })).toBeUndefined();
    const plan = await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), manifest);
    expect(plan).toEqual(survey(at("_site.next"), at("_site.old"), at("_site"), pages));
    expect(plan?.kept).toEqual(["2025/01/02/kept/index.html"]);
    expect(readdirSync(at("_site.old"), { recursive: true }).map(String).sort()).toEqual(before);
    expect(existsSync(at("_site.next"))).toBe(false);
  });

  const aheadFile = (at: (folder: string) => string) => at("survey.json");
  /** Polls `done` every 20 ms, for at most 20 s. */
  async function until(done: () => boolean) {
    for (let waited = 0; !done() && waited < 20_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  it("is surveyed ahead by a process the last build leaves running, and the next build takes that survey only when it names the manifest's build", async () => {
    const { pages, at } = twoBuilds();
    const manifest = manifestOf(at, pages, "build 1");
    const expected = survey(at("_site.next"), at("_site.old"), at("_site"), pages);
    surveyAhead(at("_site.next"), at("_site.old"), at("_site"), manifest, "build 1");
    await until(() => existsSync(aheadFile(at)));
    expect(JSON.parse(readFileSync(aheadFile(at), "utf8"))).toEqual({ id: "build 1", plan: expected });
    expect(await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), manifest)).toEqual(expected);
    expect(existsSync(aheadFile(at)), "taken: a build that fails after recycling leaves none for the next").toBe(false);

    // made for another build's manifest, or when a killed build left a staging folder: surveyed now
    const foreign = { id: "build 0", plan: { ...expected, kept: [] } };
    writeFileSync(aheadFile(at), JSON.stringify(foreign));
    expect(await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), manifest)).toEqual(expected);
    writeFileSync(aheadFile(at), JSON.stringify({ ...foreign, id: "build 1" }));
    expect(await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), manifest), "the one made ahead, as it is").toEqual(foreign.plan);
    writeFileSync(aheadFile(at), JSON.stringify({ ...foreign, id: "build 1" }));
    mkdirSync(at("_site.next"));
    expect((await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), manifest))?.folder).toBe(at("_site.next"));
  });

  it("is surveyed ahead from what the last build wrote, without comparing _site/'s files, keeping what comparing them keeps", async () => {
    const { at } = twoBuilds();
    // the pages of the manifest that build wrote: every one a file of _site/
    const pages = new Set(["2025/01/02/kept/index.html", "2025/01/03/edited/index.html"]);
    const file = (name: string, text: string) => {
      mkdirSync(path.dirname(at(name)), { recursive: true });
      writeFileSync(at(name), text);
    };
    const link = (from: string, to: string) => {
      mkdirSync(path.dirname(at(to)), { recursive: true });
      linkSync(at(from), at(to));
    };
    // the last build reused archive part 1 where it was, moved part 2 to 3 and indexed a new part 2
    file("_site.old/pagefind/archive/1/fragment/a.pf_fragment", "part 1");
    link("_site.old/pagefind/archive/1/fragment/a.pf_fragment", "_site/pagefind/archive/1/fragment/a.pf_fragment");
    file("_site.old/pagefind/archive/2/fragment/b.pf_fragment", "part 2");
    link("_site.old/pagefind/archive/2/fragment/b.pf_fragment", "_site/pagefind/archive/3/fragment/b.pf_fragment");
    file("_site/pagefind/archive/2/fragment/b.pf_fragment", "a new part 2");
    // the edited page, the new part and the sitemap were written by that build; the rest was the site before it's
    const written = { rendered: ["2025/01/03/edited/index.html", "sitemap.xml", "pagefind/archive/2/fragment/b.pf_fragment"], inPlace: ["pagefind/archive/1/"] };
    rmSync(at("_site/sitemap.xml"));
    file("_site/sitemap.xml", "written again");
    const expected = survey(at("_site.next"), at("_site.old"), at("_site"), pages);
    expect(expected?.kept).toEqual(["2025/01/02/kept/index.html", "pagefind/archive/1/fragment/a.pf_fragment"]);
    expect(survey(at("_site.next"), at("_site.old"), at("_site"), pages, undefined, written)).toEqual(expected);
    const manifest = manifestOf(at, pages, "build 3");
    surveyAhead(at("_site.next"), at("_site.old"), at("_site"), manifest, "build 3", written);
    expect(await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), manifest)).toEqual(expected);
    // a killed build's staging folder is compared file by file: the last build wrote none of it
    link("_site/2025/01/03/edited/index.html", "_site.next/2025/01/03/edited/index.html");
    expect(survey(at("_site.next"), at("_site.old"), at("_site"), pages, undefined, written)?.kept).toEqual(["2025/01/03/edited/index.html"]);
  });

  it("waits for the survey made ahead while its process still runs, as when builds follow each other at once", async () => {
    const { pages, at } = twoBuilds();
    const manifest = manifestOf(at, pages, "build 2");
    surveyAhead(at("_site.next"), at("_site.old"), at("_site"), manifest, "build 2");
    // asked at once, before the process has written anything
    expect(existsSync(aheadFile(at))).toBe(false);
    expect(await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), manifest)).toEqual(survey(at("_site.next"), at("_site.old"), at("_site"), pages));
    // had the build not waited, the process would have left its survey behind when it ended
    const { pid } = JSON.parse(readFileSync(`${aheadFile(at)}.pending`, "utf8")) as { pid: number };
    const running = () => { try { return process.kill(pid, 0); } catch { return false; } };
    await until(() => !running());
    expect(running()).toBe(false);
    expect(existsSync(aheadFile(at))).toBe(false);

    // a process of the same number that is not this survey (a cache restored on another machine) is not waited for
    writeFileSync(`${aheadFile(at)}.pending`, JSON.stringify({ pid: process.pid, id: "build 2" }));
    expect(await surveyInBackground(at("_site.next"), at("_site.old"), at("_site"), manifest)).toEqual(survey(at("_site.next"), at("_site.old"), at("_site"), pages));
  });

  it("prefers a staging folder a killed build left, and keeps nothing when there is neither", () => {
    const { pages, at } = twoBuilds();
    mkdirSync(at("_site.next/2025/01/02/kept"), { recursive: true });
    linkSync(at("_site/2025/01/02/kept/index.html"), at("_site.next/2025/01/02/kept/index.html"));
    expect([...recycle(survey(at("_site.next"), at("_site.old"), at("_site"), pages), at("_site.next"), at("_site"))]).toEqual(["2025/01/02/kept/index.html"]);
    expect(existsSync(at("_site.old")), "the rollback stays when a killed build's folder is recycled").toBe(true);

    const empty = mkdtempSync(path.join(tmpdir(), "newsroom-recycle-"));
    expect(survey(path.join(empty, "_site.next"), path.join(empty, "_site.old"), path.join(empty, "_site"), pages)).toBeUndefined();
    expect(recycle(undefined, path.join(empty, "_site.next"), path.join(empty, "_site")).size).toBe(0);
    expect(existsSync(path.join(empty, "_site.next"))).toBe(false);
  });

  it("moves the folder aside whole, to be deleted after the build, when it has more files to drop than to keep", () => {
    const { root, pages, at } = twoBuilds();
    const plan = survey(at("_site.next"), at("_site.old"), at("_site"), pages);
    expect(plan?.drop.length).toBeGreaterThan(plan!.kept.length);
    expect(recycle(plan, at("_site.next"), at("_site"), { dropAtMost: 1 }).size).toBe(0);
    expect(existsSync(at("_site.old")) || existsSync(at("_site.next"))).toBe(false);
    const aside = readdirSync(root).filter((name) => name.startsWith("_site.deleting-"));
    expect(aside).toHaveLength(1);
    expect(readdirSync(path.join(root, aside[0]!), { recursive: true }).map(String)).toContain("2024/12/31/deleted/index.html");
    expect(readFileSync(at("_site/2025/01/02/kept/index.html"), "utf8"), "the live site's files stay").toBe("unchanged story");
  });

  it("drops kept pages the new build no longer has, and the folders they leave empty", () => {
    const { pages, at } = twoBuilds();
    const kept = recycle(survey(at("_site.next"), at("_site.old"), at("_site"), pages), at("_site.next"), at("_site"));
    mkdirSync(at("_site.next/2025/02/01/new"), { recursive: true });
    writeFileSync(at("_site.next/2025/02/01/new/index.html"), "a new story");
    dropGone(at("_site.next"), kept, new Map([["2025/02/01/new/index.html", "signature"]]));
    expect(readdirSync(at("_site.next"), { recursive: true }).map(String).sort()).toEqual(["2025", "2025/02", "2025/02/01", "2025/02/01/new", "2025/02/01/new/index.html"]);
  });
});
