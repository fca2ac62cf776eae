// @ts-check
// `npm run build`'s own TypeScript (src/cli/build.ts, .eleventy.ts, the TypeScript data files) and
// the npm packages it imports as one esbuild bundle, kept in .cache/build/main/ while every file it
// was made from is unchanged. Through tsx's loader each of the build's 91 modules cost a round trip
// to the loader's thread, and the loader its own thread: from the bundle, with no loader registered,
// a no-change build at 10,000 articles took 0.2–0.3 s less and an added article's 0.26 s (medians
// of 8 and 10 alternating pairs).
// https://esbuild.github.io/api/#packages
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const FORMAT = "main bundle 2";
const DESCRIPTION = "bundle.json";
const KEY = Symbol.for("newsroom.main-bundle");
// what esbuild reads besides the modules (compiler options) and which esbuild made the bundle
const SETTINGS = ["tsconfig.json", "package-lock.json"];
const ARTICLES_DATA = "articles/articles.11tydata.ts";

/**
 * How every bundle of the project's own code is made (the worker threads', `npm run check`'s, and
 * this one's with its packages added: WITH_PACKAGES): ES modules for this Node, the npm packages left
 * to load natively.
 * @satisfies {import("esbuild").BuildOptions}
 */
export const OWN_CODE = { bundle: true, platform: "node", format: "esm", target: "node20", packages: "external" };

/**
 * The build's own bundle carries its npm packages too: Eleventy alone is some 250 modules, each
 * found, read and linked on its own. Loading the build's packages took a median 0.54 s natively
 * and 0.28 s from one bundle (5 runs each). Left out, to load natively: packages with native code
 * or a binary found beside them (esbuild, pagefind, sharp through eleventy-img), tsx (only for a
 * TypeScript data file the bundle does not hold) and the dev server, which a build never starts.
 * What the build imports with `import()` only when it needs it (yaml, eleventy-fetch) is bundled
 * too, and run only then: an external package would be imported by the bundle's first line. The
 * bundled CommonJS modules call `require` for Node's own modules: the bundle has one.
 * @satisfies {import("esbuild").BuildOptions}
 */
const WITH_PACKAGES = {
  ...OWN_CODE,
  packages: "bundle",
  external: ["esbuild", "pagefind", "@11ty/eleventy-img", "sharp", "tsx", "@11ty/eleventy-dev-server"],
  banner: { js: `// ${FORMAT}\nimport { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);` },
};

/**
 * @typedef {object} Bundle
 * @property {string} start the bundle's entry (a file URL): it takes in the data files, then starts src/cli/build.ts
 * @property {string} config the bundled .eleventy.ts (a path, as Eleventy's configPath)
 * @property {Record<string, unknown>} modules each bundled data file's absolute path → its module, once the entry has run
 * @property {unknown} [configModule] the bundled .eleventy.ts's module, once the entry has run
 */

/** The bundle the running build was started from, if it was (src/cli/build-preload.mjs). */
export function runningBundle() {
  return /** @type {Bundle | undefined} */ (/** @type {Record<symbol, unknown>} */ (globalThis)[KEY]);
}

const digestOf = (/** @type {string} */ file) => {
  try {
    return createHash("sha1").update(readFileSync(file)).digest("base64url");
  } catch {
    return "";
  }
};

// a package's file, or the bundle's own, by its time and size (an install writes it anew, a bundle
// is made beside and renamed): 535 files and a 4.6 MB bundle digested took 0.04 s of every build
const statOf = (/** @type {string} */ file) => {
  const info = statSync(file, { throwIfNoEntry: false });
  return info ? `${info.mtimeMs}:${info.size}` : "";
};
const inPackage = (/** @type {string} */ file) => file.split(/[\\/]/).includes("node_modules");
/** How bundle.json marks the files of each of its lists: the project's by digest, the packages' and the bundle's own by time and size. */
const MARKS = { inputs: digestOf, packages: statOf, outputs: statOf };
/** @typedef {keyof typeof MARKS} List */
/** Each file of `files` (relative to `base`) with its mark for `list`. */
const marked = (/** @type {List} */ list, /** @type {string} */ base, /** @type {string[]} */ files) => Object.fromEntries(files.map((file) => [file, MARKS[list](path.join(base, file))]));

/** The data files Eleventy will import as modules: `_data/**.ts`, articles/' folder data file, pages/' data files. */
function dataFiles(/** @type {string} */ root) {
  /** @type {string[]} */
  const found = [];
  const scan = (/** @type {string} */ dir, /** @type {(name: string) => boolean} */ wanted) => {
    const entries = existsSync(path.join(root, dir)) ? readdirSync(path.join(root, dir), { withFileTypes: true }) : [];
    for (const entry of entries) {
      // a link is followed, as Eleventy follows it
      const kind = entry.isSymbolicLink() ? statSync(path.join(root, dir, entry.name), { throwIfNoEntry: false }) : entry;
      if (kind?.isDirectory()) scan(`${dir}/${entry.name}`, wanted);
      else if (kind?.isFile() && wanted(entry.name)) found.push(`${dir}/${entry.name}`);
    }
  };
  scan("_data", (name) => name.endsWith(".ts"));
  scan("pages", (name) => name.endsWith(".11tydata.ts"));
  // articles/ may hold thousands of files, and Eleventy reads no template there: only its folder data file
  if (existsSync(path.join(root, ARTICLES_DATA))) found.push(ARTICLES_DATA);
  return found.sort();
}

// each module's own import.meta.url (a worker's module, a file beside it), not the bundle's
/** @type {import("esbuild").Plugin} */
const ownUrls = {
  name: "own-import-meta",
  setup(bundler) {
    bundler.onLoad({ filter: /\.(ts|mts|js|mjs|cjs)$/ }, ({ path: file }) => {
      const text = readFileSync(file, "utf8");
      if (!text.includes("import.meta.")) return undefined;
      const contents = text
        .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(file).href))
        .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(file)))
        .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(file));
      return { contents, loader: /\.m?ts$/.test(file) ? "ts" : "js" };
    });
  },
};

/** The files the bundle starts from, absolute: the build, the config, the data files. */
const sources = (/** @type {string} */ root, /** @type {string[]} */ data) => ({
  build: path.join(root, "src/cli/build.ts"),
  config: path.join(root, ".eleventy.ts"),
  data: data.map((file) => path.join(root, file)),
});
/** @typedef {ReturnType<typeof sources>} Sources */

// The entry: first a module that puts the data files' modules where importData (typescript-data.ts)
// finds them, and the config's where config.mjs does; then the build. One file: no chunks to check
// and load, and the plugins and the build share one copy of every module.
const START = "newsroom:start";
const MODULES = "newsroom:modules";
/** @returns {import("esbuild").Plugin} */
const startFrom = (/** @type {string} */ root, /** @type {Sources} */ from) => ({
  name: "start",
  setup(bundler) {
    bundler.onResolve({ filter: new RegExp(`^(${START}|${MODULES})$`) }, ({ path: name }) => ({ path: name, namespace: "start" }));
    const files = from.data.map((file) => JSON.stringify(file));
    const bundle = `globalThis[Symbol.for(${JSON.stringify(KEY.description)})]`;
    /** @type {Record<string, string[]>} */
    const modules = {
      // imported modules are evaluated in order, each with its own imports first
      [START]: [`import ${JSON.stringify(MODULES)};`, `import ${JSON.stringify(from.build)};`],
      [MODULES]: [
        ...files.map((file, i) => `import * as data${i} from ${file};`),
        `import * as config from ${JSON.stringify(from.config)};`,
        `${bundle}.modules = { ${files.map((file, i) => `${file}: data${i}`).join(", ")} };`,
        `${bundle}.configModule = config;`,
      ],
    };
    bundler.onLoad({ filter: /.*/, namespace: "start" }, ({ path: name }) => ({ contents: modules[name]?.join("\n"), resolveDir: root, loader: "js" }));
  },
});

// Eleventy imports its config from a path: this file hands it the bundle's
const CONFIG = [
  `// ${FORMAT}: .eleventy.ts as start.mjs holds it`,
  `const { configModule } = globalThis[Symbol.for(${JSON.stringify(KEY.description)})];`,
  "export default configModule.default;",
  "export const config = configModule.config;",
].join("\n");

/** Where each entry point's links lead now: a file linked in place of another (a test's data, a new checkout of src/) makes another bundle. */
const resolved = (/** @type {Sources} */ from) => JSON.stringify([from.build, from.config, ...from.data].map((file) => realpathSync(file)));

/** Whether `folder` holds a bundle made from the files as they are now, by this Node. */
function kept(/** @type {string} */ root, /** @type {string} */ folder, /** @type {string[]} */ data) {
  try {
    const described = JSON.parse(readFileSync(path.join(folder, DESCRIPTION), "utf8"));
    if (described.format !== FORMAT || described.node !== process.version || described.sources !== resolved(sources(root, data))) return false;
    // its inputs as they are now, and its own files as written (one changed since is made again, never run)
    const unchanged = (/** @type {List} */ list) => Object.entries(described[list]).every(([file, mark]) => mark === MARKS[list](path.join(list === "outputs" ? folder : root, file)));
    return unchanged("inputs") && unchanged("packages") && unchanged("outputs");
  } catch {
    return false;
  }
}

/** Bundles the build into `folder` (written beside it and renamed: a build killed meanwhile leaves no half a bundle). */
async function make(/** @type {string} */ root, /** @type {string} */ folder, /** @type {string[]} */ data) {
  const next = `${folder}.next-${process.pid}`;
  // and what a killed build was writing
  const parent = path.dirname(folder);
  const leftovers = existsSync(parent) ? readdirSync(parent).filter((name) => name.startsWith(`${path.basename(folder)}.next-`)) : [];
  for (const name of leftovers) rmSync(path.join(parent, name), { recursive: true, force: true });
  const from = sources(root, data);
  // imported only to make a bundle: most builds find theirs kept
  const [{ build }, { asciiSource }] = await Promise.all([import("esbuild"), import("./ascii-source.mjs")]);
  const { metafile } = await build({ entryPoints: { start: START }, ...WITH_PACKAGES, outdir: next, absWorkingDir: root, metafile: true, outExtension: { ".js": ".mjs" }, plugins: [startFrom(root, from), ownUrls], logLevel: "silent" });
  const start = path.join(next, "start.mjs");
  writeFileSync(start, asciiSource(readFileSync(start, "utf8")));
  writeFileSync(path.join(next, "config.mjs"), CONFIG);
  const inputs = Object.keys(metafile.inputs).filter((file) => !file.startsWith("start:"));
  const outputs = [...Object.keys(metafile.outputs).map((file) => path.relative(next, path.join(root, file))), "config.mjs"];
  const described = {
    format: FORMAT, node: process.version, data, sources: resolved(from),
    inputs: marked("inputs", root, [...inputs.filter((file) => !inPackage(file)), ...SETTINGS]),
    packages: marked("packages", root, inputs.filter(inPackage)),
    outputs: marked("outputs", next, outputs),
  };
  writeFileSync(path.join(next, DESCRIPTION), JSON.stringify(described));
  rmSync(folder, { recursive: true, force: true });
  renameSync(next, folder);
}

/**
 * The build as a bundle in `folder`, made now unless kept and unchanged (`trust` false: made again),
 * and marked as the running one; undefined if esbuild cannot make it (the build then runs through tsx).
 * @returns {Promise<Bundle | undefined>}
 */
export async function bundleBuild(/** @type {string} */ root, /** @type {string} */ folder, trust = true) {
  const data = dataFiles(root);
  try {
    if (!trust || !kept(root, folder, data)) await make(root, folder, data);
  } catch {
    rmSync(`${folder}.next-${process.pid}`, { recursive: true, force: true });
    return undefined;
  }
  /** @type {Bundle} */
  const bundle = { start: pathToFileURL(path.join(folder, "start.mjs")).href, config: path.join(folder, "config.mjs"), modules: {} };
  /** @type {Record<symbol, unknown>} */ (globalThis)[KEY] = bundle;
  return bundle;
}
