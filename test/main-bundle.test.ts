// `npm run build` runs its own TypeScript and its npm packages from an esbuild bundle kept in
// .cache/build/main/, made again whenever a file it was made from changes (src/runtime/main-bundle.mjs).
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, makeFixture, PROJECT, validFields } from "./fixture.ts";
import { asciiSource } from "../src/runtime/ascii-source.mjs";

const described = (root: string) => JSON.parse(readFileSync(path.join(root, ".cache/build/main/bundle.json"), "utf8")) as { data: string[]; inputs: Record<string, string>; packages: Record<string, string> };

describe("npm run build's bundle of its own code (src/runtime/main-bundle.mjs)", () => {
  it("is made from the build, the config and the data files, and made again when a data file changes", async () => {
    const site = makeFixture({ "articles/bridge.md": article(validFields) });
    const first = await site.run("build");
    expect(first.code, first.stderr).toBe(0);
    const kept = described(site.root);
    expect(kept.data).toEqual(expect.arrayContaining(["_data/site.ts", "articles/articles.11tydata.ts"]));
    expect(Object.keys(kept.inputs).some((file) => file.endsWith("src/cli/build.ts"))).toBe(true);
    // the compiler's options and the packages' versions (esbuild's among them) count as inputs too
    expect(Object.keys(kept.inputs)).toEqual(expect.arrayContaining(["tsconfig.json", "package-lock.json"]));
    expect(site.read("_site/index.html")).not.toContain("Harbour Gazette");

    // the site's data as the templates see it: a bundle made before the change would keep the old title
    const siteData = readFileSync(path.join(PROJECT, "_data/site.ts"), "utf8");
    expect(siteData).toContain('title: "The Wire Desk"');
    site.write("_data/site.ts", siteData.replace('title: "The Wire Desk"', 'title: "Harbour Gazette"'));
    const second = await site.run("build");
    expect(second.code, second.stderr).toBe(0);
    expect(site.read("_site/index.html")).toMatch(/<title>[^<]*Harbour Gazette<\/title>/);
    expect(described(site.root).inputs["_data/site.ts"]).not.toBe(kept.inputs["_data/site.ts"]);
  }, 120_000);

  it("holds the npm packages but those with native code or a binary, and is made again when one of its files changed since", async () => {
    const site = makeFixture({ "articles/bridge.md": article(validFields) });
    const first = await site.run("build");
    expect(first.code, first.stderr).toBe(0);
    const packages = Object.keys(described(site.root).packages);
    for (const held of ["@11ty/eleventy/src/Eleventy.js", "luxon/", "markdown-it/", "nunjucks/"]) expect(packages.some((file) => file.includes(`node_modules/${held}`)), held).toBe(true);
    for (const left of ["pagefind/", "sharp/", "esbuild/", "@11ty/eleventy-img/"]) expect(packages.some((file) => file.includes(`node_modules/${left}`)), left).toBe(false);

    // a file of the bundle changed after it was made: never run, made again
    appendFileSync(path.join(site.root, ".cache/build/main/start.mjs"), '\nthrow new Error("a changed bundle ran");\n');
    const second = await site.run("build");
    expect(second.code, second.stderr).toBe(0);
    expect(site.read(".cache/build/main/start.mjs")).not.toContain("a changed bundle ran");
  }, 120_000);

  it("is ASCII only, its regular expressions and comments escaped to mean the same, a tagged template's raw text left as it is", async () => {
    const source = [
      "// “quoted” in a comment",
      "export const sharp = /ẞ|[àá]|😀/g;",
      "export const quote = /['’]/u;",
      "export const raw = String.raw`é`;",
    ].join("\n");
    const ascii = asciiSource(source);
    // the one character left is the raw text's
    expect(ascii.match(/[^\0-\x7f]/gu)).toEqual(["é"]);
    expect(ascii).toContain("String.raw`é`");
    const module = (await import(`data:text/javascript,${encodeURIComponent(ascii)}`)) as { sharp: RegExp; quote: RegExp; raw: string };
    expect("ẞ à 😀 b".match(module.sharp)).toEqual(["ẞ", "à", "😀"]);
    expect(module.quote.test("it’s")).toBe(true);
    expect(module.raw).toBe("é");

    // the bundle npm run build made: not a byte outside ASCII
    const site = makeFixture({ "articles/bridge.md": article(validFields) });
    const built = await site.run("build");
    expect(built.code, built.stderr).toBe(0);
    const bundle = readFileSync(path.join(site.root, ".cache/build/main/start.mjs"));
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
  }, 120_000);

  it("loads a TypeScript data file it does not hold through tsx", async () => {
    const site = makeFixture({
      "articles/bridge.md": article(validFields),
      "desk/desk.njk": "<p>{{ greeting }}</p>",
      "desk/desk.11tydata.ts": 'const greeting: string = "Typed hello from the desk";\nexport default { greeting, permalink: "/desk/" };\n',
    });
    const built = await site.run("build");
    expect(built.code, built.stderr).toBe(0);
    expect(described(site.root).data).not.toContain("desk/desk.11tydata.ts");
    expect(site.read("_site/desk/index.html")).toContain("Typed hello from the desk");
  }, 120_000);
});
