// src/ is a folder per stage of the build (README, "How it is built"): a module imports only from
// its own folder or an earlier stage, so data flows one way and no two modules need each other.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT } from "./fixture.ts";

const STAGES = ["runtime", "content", "site", "render", "syndication", "search", "admin", "build", "serve", "import", "cli"];
const SRC = path.join(PROJECT, "src");

/** Every module under src/ with the src/ modules it imports, loads as a worker, or reads as a file. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|mjs|js)$/.test(f) && !f.endsWith(".d.ts"))) {
    const text = readFileSync(path.join(SRC, file), "utf8");
    const targets = [...text.matchAll(/(?:from|import\s*\(?|new URL\()\s*"(\.{1,2}\/[^"]+)"/g)]
      .map((m) => path.relative(SRC, path.resolve(SRC, path.dirname(file), m[1]!)).split(path.sep).join("/"))
      .filter((target) => !target.startsWith(".."));
    graph.set(file.split(path.sep).join("/"), targets);
  }
  return graph;
}

const stageOf = (file: string) => file.split("/")[0]!;

describe("the architecture of src/", () => {
  const graph = importGraph();

  it("keeps every module in a folder named for a stage of the build", () => {
    expect([...graph.keys()].filter((file) => !STAGES.includes(stageOf(file)))).toEqual([]);
    expect(graph.size).toBeGreaterThan(40);
  });

  it("has no module importing from a folder of a later stage", () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => STAGES.indexOf(stageOf(target)) > STAGES.indexOf(stageOf(file))).map((target) => `${file} → ${target}`));
    expect(upward).toEqual([]);
  });

  it("has no cycle of imports between modules", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") return void cycles.push([...trail.slice(trail.indexOf(file)), file].join(" → "));
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

describe("npm run build's preload (src/cli/build-preload.mjs)", () => {
  it("loads every npm package the build's modules import before tsx's loader, so none goes through it", () => {
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || !existsSync(file)) return;
      seen.add(file);
      // value imports only: `import type` is erased and loads nothing
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?"([^"]+)"/gm)) {
        if (specifier!.startsWith(".")) visit(path.resolve(path.dirname(file), specifier!));
        else if (!specifier!.startsWith("node:")) packages.add(specifier!);
      }
    };
    const data = readdirSync(path.join(PROJECT, "_data")).filter((name) => name.endsWith(".ts")).map((name) => `_data/${name}`);
    for (const entry of ["src/cli/build.ts", ".eleventy.ts", "articles/articles.11tydata.ts", ...data]) visit(path.join(PROJECT, entry));
    const list = /^const PACKAGES = \[([^\]]*)\];$/m.exec(readFileSync(path.join(SRC, "cli/build-preload.mjs"), "utf8"))?.[1] ?? "";
    const preloaded = new Set([...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    expect(packages.size).toBeGreaterThan(5);
    expect([...packages].filter((name) => !preloaded.has(name)).sort()).toEqual([]);
  });
});
