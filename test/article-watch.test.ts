// How `npm start` hears of article files (src/serve/article-watch.ts): real folders, real file
// system events, no build. The dev-server test (test/dev-server.test.ts) sees the rebuilds they set off.
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventTarget, watchArticleFolders } from "../src/serve/article-watch.ts";

let stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

/** A scratch site with articles/2025/, watched; `heard` is every path reported, in order. */
function watched(settleMs = 40) {
  const root = mkdtempSync(path.join(tmpdir(), "newsroom-watch-"));
  mkdirSync(path.join(root, "articles/2025"), { recursive: true });
  writeFileSync(path.join(root, "articles/2025/bridge.md"), "---\ntitle: Bridge\n---\n");
  const heard: string[] = [];
  const watcher = watchArticleFolders(root, (file) => heard.push(file), { settleMs });
  stops.push(() => watcher.close(), () => rmSync(root, { recursive: true, force: true }));
  const at = (file: string) => path.join(root, file);
  return { root, heard, at };
}

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error(`never heard ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const quiet = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the article folders npm start watches", () => {
  it("reports a save once, when the file has settled, however many writes it took", async () => {
    // writes 50 ms apart, each within the 300 ms a file must stay quiet
    const { heard, at } = watched(300);
    for (const line of ["The council voted", "on Monday", "by nine votes to two."]) {
      appendFileSync(at("articles/2025/bridge.md"), `${line}\n`);
      await quiet(50);
    }
    expect(heard).toEqual([]);
    await until(() => heard.length > 0, "the save");
    await quiet();
    expect(heard).toEqual(["articles/2025/bridge.md"]);
  });

  it("reports a new story and a deleted one by their paths from the site's root", async () => {
    const { heard, at } = watched();
    writeFileSync(at("articles/2025/harbour.md"), "---\ntitle: Harbour\n---\n");
    await until(() => heard.includes("articles/2025/harbour.md"), "the new story");
    rmSync(at("articles/2025/bridge.md"));
    await until(() => heard.includes("articles/2025/bridge.md"), "the deletion");
  });

  it("watches a year folder made while it runs, and reports the folder so every article is read again", async () => {
    const { heard, at } = watched();
    mkdirSync(at("articles/2026"));
    await until(() => heard.includes("articles/2026"), "the new folder");
    writeFileSync(at("articles/2026/budget.md"), "---\ntitle: Budget\n---\n");
    await until(() => heard.includes("articles/2026/budget.md"), "a story in the new folder");
  });

  it("reports a folder moved away, and hears nothing more from it", async () => {
    const { root, heard, at } = watched();
    const away = path.join(root, "elsewhere");
    renameSync(at("articles/2025"), away);
    await until(() => heard.includes("articles/2025"), "the folder moved away");
    heard.length = 0;
    appendFileSync(path.join(away, "bridge.md"), "Not an article any more.\n");
    await quiet();
    expect(heard).toEqual([]);
  });

  it("leaves out hidden files and files that are not Markdown (an editor's swap and backup files)", async () => {
    const { heard, at } = watched();
    writeFileSync(at("articles/2025/.bridge.md.swp"), "swap");
    writeFileSync(at("articles/2025/bridge.md~"), "backup");
    writeFileSync(at("articles/2025/notes.txt"), "notes");
    await quiet();
    expect(heard).toEqual([]);
    expect(eventTarget("articles/2025/bridge.md", false)).toBe("article");
    expect(eventTarget("articles/2025/.bridge.md", false)).toBeUndefined();
    expect(eventTarget("articles/2026", true)).toBe("folder");
  });
});
