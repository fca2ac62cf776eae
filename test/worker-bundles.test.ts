// `npm run build` starts its worker threads from esbuild bundles of their modules, kept in the build
// cache under the code's fingerprint (src/runtime/worker-bundles.ts); the dev server and anything
// that cannot be bundled start them through tsx.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { article, makeFixture, validFields } from "./fixture.ts";
import { useWorkerBundles, workerEntry } from "../src/runtime/worker-bundles.ts";

const WORKERS = ".cache/build/workers";
const folders = (root: string) => readdirSync(path.join(root, WORKERS));

describe("worker threads of npm run build (src/runtime/worker-bundles.ts)", () => {
  it("start from bundles kept under the code's fingerprint, and a change of it drops the old ones", async () => {
    const site = makeFixture({ "articles/bridge.md": article(validFields) });
    const first = await site.run("build");
    expect(first.code, first.stderr).toBe(0);
    const [key, ...more] = folders(site.root);
    expect(more).toEqual([]);
    // the search index's worker, the stories' and the feeds' (a first build renders every page)
    expect(readdirSync(path.join(site.root, WORKERS, key!)).map((file) => file.replace(/-[0-9a-f]{8}\.mjs$/, "")).sort()).toEqual(["feed-content", "story", "worker"]);
    expect(site.read("_site/2025/06/01/bridge/index.html")).toContain("Council approves new bridge");

    // what a killed build was writing goes; the bundles stay while the code does
    writeFileSync(path.join(site.root, WORKERS, key!, "worker-00000000.mjs.next-99999"), "export {");
    const again = await site.run("build");
    expect(again.code, again.stderr).toBe(0);
    expect(folders(site.root)).toEqual([key]);
    expect(readdirSync(path.join(site.root, WORKERS, key!)).filter((file) => file.includes(".next-"))).toEqual([]);

    // the site's address is part of the fingerprint
    const moved = await site.run("build", { SITE_URL: "https://news.example.org" });
    expect(moved.code, moved.stderr).toBe(0);
    const [next, ...others] = folders(site.root);
    expect(others).toEqual([]);
    expect(next).not.toBe(key);
    expect(site.read("_site/feed.xml")).toContain("https://news.example.org/2025/06/01/bridge/");
  }, 120_000);

  it("fall back to tsx's loader for a module esbuild cannot bundle, and without bundles", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "worker-bundles-"));
    const broken = path.join(folder, "broken.ts");
    writeFileSync(broken, "export const = ;");
    const [plain, plainData] = workerEntry(pathToFileURL(broken).href, { x: 1 });
    expect(plain.pathname).toMatch(/\/src\/runtime\/worker\.mjs$/);
    expect(plainData).toEqual({ x: 1, module: pathToFileURL(broken).href });

    mkdirSync(path.join(folder, "bundles"));
    useWorkerBundles(path.join(folder, "bundles"), "key");
    const [fallback] = workerEntry(pathToFileURL(broken).href);
    expect(fallback.pathname).toMatch(/\/src\/runtime\/worker\.mjs$/);
    const keyFolder = path.join(folder, "bundles", "key");
    expect(existsSync(keyFolder) ? readdirSync(keyFolder) : []).toEqual([]);

    const fine = path.join(folder, "fine.ts");
    writeFileSync(fine, "export const answer: number = 42;");
    const [bundled, data] = workerEntry(pathToFileURL(fine).href, { x: 1 });
    expect(existsSync(bundled)).toBe(true);
    expect(data).toEqual({ x: 1, module: bundled.href });
    expect(path.dirname(bundled.pathname)).toBe(path.join(folder, "bundles", "key"));
  });
});
