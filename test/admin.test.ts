// /admin/, the browser editor (Sveltia CMS): its form is made from the front-matter contract, its files
// are in the form `npm run new` writes, the build serves it under its own policy and nowhere else,
// and in Chromium an editor can write a story with a picture that passes `npm run check` and builds.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { adminPage, ADMIN_POLICY, policyText } from "../src/admin/admin-page.ts";
import { defaults, tagsInUse } from "../src/admin/admin.ts";
import { cmsConfig, type ConfigOptions } from "../src/admin/cms-config.ts";
import { contractFields } from "../src/admin/contract-fields.ts";
import { entryForm, readEntry, writeEntry } from "../src/admin/entry-format.ts";
import { composeArticle } from "../src/content/compose.ts";
import { frontMatterSchema } from "../src/content/schema.ts";
import { startStaticServer, type StaticServer } from "../src/serve/static-server.ts";
import site from "../_data/site.ts";
import { hasChromium, launchBrowser, openWatched, type WatchedPage } from "./browser.ts";
import { article, makeFixture, PROJECT, testEnvironment, validFields, type Fixture } from "./fixture.ts";
import { sampleSite } from "./sample-site.ts";

const options: ConfigOptions = { ...defaults, repo: "newsroom/site", timezone: site.timezone, title: site.title, logo: "/assets/favicon.svg", suggestions: {} };
type Widget = Record<string, unknown> & { name: string; fields?: Widget[]; field?: Widget };

/** The zod object under a field's wrappers (optional, default, a union's object form), if it is one. */
function objectOf(schema: z.ZodType): z.ZodObject | undefined {
  const def = schema.def as unknown as Record<string, any>;
  if (def.type === "object") return schema as z.ZodObject;
  if (["optional", "nullable", "default", "prefault"].includes(def.type)) return objectOf(def.innerType);
  if (def.type === "pipe") return objectOf(def.in);
  if (def.type === "array") return objectOf(def.element);
  if (def.type === "union") return (def.options as z.ZodType[]).map(objectOf).find(Boolean);
  return undefined;
}

/** Every key path of a schema and of a form, to compare them. */
const schemaPaths = (schema: z.ZodObject, at = ""): string[] =>
  Object.entries(schema.shape).flatMap(([name, field]) => {
    const inner = objectOf(field as z.ZodType);
    return [`${at}${name}`, ...(inner ? schemaPaths(inner, `${at}${name}.`) : [])];
  });
const formPaths = (fields: Widget[], at = ""): string[] =>
  fields.flatMap((field) => [`${at}${field.name}`, ...formPaths(field.fields ?? [], `${at}${field.name}.`)]);

/** What the contract says about a value of the wrong type: its "(expected …)" text. */
const expected = (schema: z.ZodType) => /\(expected (.+)\)$/s.exec(schema.safeParse(42).error?.issues[0]?.message ?? "")?.[1];

describe("the editor's form, made from the contract", () => {
  const config = cmsConfig(options);
  const collection = (name: string) => config.collections!.find((c) => "name" in c && c.name === name) as unknown as { fields: Widget[] } & Record<string, unknown>;

  it("has a widget for every field of every collection's schema, nested fields too, and nothing else but the body", () => {
    for (const spec of defaults.collections) {
      expect(formPaths(collection(spec.name).fields), spec.name).toEqual([...schemaPaths(spec.schema), "body"]);
    }
  });

  it("requires what the contract requires of an empty article (a dateline too, which only some stories may leave out) and leaves the rest optional", () => {
    const missing = frontMatterSchema.safeParse({}).error!.issues.map((issue) => String(issue.path[0]));
    const required = collection("articles").fields.filter((field) => field.required).map((field) => field.name);
    expect(required.sort()).toEqual([...missing, "body"].sort());
    expect(required).toContain("dateline");
    const image = collection("articles").fields.find((field) => field.name === "image")!;
    expect(image.fields!.filter((field) => field.required).map((field) => field.name)).toEqual(["src", "alt"]);
  });

  it("gives each field the contract's own \"expected …\" wording as help, the one the error messages use", () => {
    for (const spec of defaults.collections) {
      for (const field of collection(spec.name).fields.filter((f) => f.name !== "body")) {
        const text = expected(spec.schema.shape[field.name] as z.ZodType);
        expect(text, `${spec.name}.${field.name}`).toBeTruthy();
        expect(field.hint, `${spec.name}.${field.name}`).toMatch(new RegExp(`^Expected ${text!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.`));
      }
    }
    const source = collection("articles").fields.find((field) => field.name === "source")!;
    expect(source.fields!.map((field) => field.hint)).toEqual(["Expected the outlet's name.", "Expected an http(s) URL."]);
  });

  it("fails, naming the field, on a kind of field it has no widget for, instead of leaving it out", () => {
    expect(() => contractFields(z.strictObject({ title: z.string(), embargo: z.date() }))).toThrow(/"embargo": a zod "date" has no form widget/);
    expect(() => contractFields(z.strictObject({ place: z.union([z.string(), z.strictObject({ a: z.string() }), z.strictObject({ b: z.string() })]) }))).toThrow(/"place"/);
  });

  it("edits date fields as date and time in the site's zone, a picture as a file with alt text, the body as Markdown", () => {
    const fields = collection("articles").fields;
    for (const name of ["date", "updated"]) expect(fields.find((f) => f.name === name), name).toMatchObject({ widget: "datetime", input_timezone: site.timezone });
    expect(fields.find((f) => f.name === "date")).toMatchObject({ default: "{{now}}" });
    const image = fields.find((f) => f.name === "image")!;
    expect(image.fields!.find((f) => f.name === "src")).toMatchObject({ widget: "image", choose_url: false });
    expect(fields.at(-1)).toMatchObject({ name: "body", widget: "markdown", required: true });
    expect(fields.find((f) => f.name === "draft")).toMatchObject({ widget: "boolean", default: false });
  });

  it("puts articles where `npm run new` does (articles/<yyyy>/<slug>.md, pictures in articles/<yyyy>/images/), pages in pages/", () => {
    expect(collection("articles")).toMatchObject({ folder: "articles", path: "{{fields.date | date('YYYY')}}/{{slug}}", format: "articles-front-matter", media_folder: "../images", public_folder: "./images" });
    expect(collection("pages")).toMatchObject({ folder: "pages", path: "{{slug}}", format: "pages-front-matter" });
    expect(config.backend).toEqual({ name: "github", repo: "newsroom/site", auth_methods: ["token"] });
  });

  it("names the tags in use in the tags field's help, most used first", () => {
    const tag = (name: string) => ({ name, slug: name.toLowerCase() });
    const articles = [{ tags: [tag("China"), tag("Courts")] }, { tags: [tag("china")] }] as unknown as Parameters<typeof tagsInUse>[0];
    expect(tagsInUse(articles, 5)).toEqual(["China", "Courts"]);
    const tags = cmsConfig({ ...options, suggestions: { tags: ["China", "Courts"] } }).collections!.map((c) => (c as unknown as { fields: Widget[] }).fields.find((f) => f.name === "tags"));
    expect(tags[0]!.hint).toMatch(/ In use: China, Courts\.$/);
  });
});

describe("the editor's file form", () => {
  const form = entryForm(contractFields(frontMatterSchema), defaults.pictures);
  const BODY = "Rain fell for two days.\n\nThe river burst its banks.";

  it("writes a new story exactly as `npm run new` writes the same fields", () => {
    const date = "2026-01-05T10:30:00-05:00";
    // what the form holds: every default the contract fills in (draft: false…), empty optional fields
    const fromForm = writeEntry({
      ...form.defaults, title: "Floods hit Valencia", date, dateline: "Valencia, Spain", source: { name: "AFP", url: "" }, description: "",
      author: [], tags: ["Spain", "Weather"], image: { src: "", alt: "" }, slug: "", body: `${BODY}\n`,
    }, form);
    const composeOptions = { root: PROJECT, dir: "articles", timezone: site.timezone, now: undefined as never };
    const composed = composeArticle({ title: "Floods hit Valencia", date, dateline: "Valencia, Spain", source: "AFP", tags: ["Spain", "Weather"] }, BODY, composeOptions, new Map());
    expect("text" in composed && composed.text).toBe(fromForm);
    expect(fromForm).toBe(`---\ntitle: Floods hit Valencia\ndate: ${date}\ndateline: Valencia, Spain\nsource: AFP\ntags: [Spain, Weather]\n---\n\n${BODY}\n`);
  });

  it("reads a bare source name or author into the form's fields, and writes them back as they were", () => {
    const text = `---\ntitle: A story\ndate: 2020-09-20\ndateline: Paris, France\nsource: AFP\nauthor: Jane Doe\ntags: [China, Technology]\nimage:\n  src: images/a.jpg\n  alt: A picture\n---\n\n${BODY}\n`;
    const fields = readEntry(text, form);
    expect(fields).toMatchObject({ source: { name: "AFP" }, author: ["Jane Doe"], date: "2020-09-20", body: `${BODY}\n` });
    expect(writeEntry(fields, form)).toBe(text);
    const full = `---\ntitle: A story\ndate: 2020-09-20\ndateline: Paris, France\nsource:\n  name: Reuters\n  url: https://www.reuters.com\nauthor:\n  - Jane Doe\n  - John Roe\n---\n\n${BODY}\n`;
    expect(writeEntry(readEntry(full, form), form)).toBe(full);
  });

  it("writes an uploaded picture's path relative to the article, as images/x.jpg, and keeps a draft flag", () => {
    const text = writeEntry({ title: "T", date: "2020-09-20", source: { name: "AFP" }, image: { src: "./images/x.jpg", alt: "X" }, draft: true, body: BODY }, form);
    expect(text).toContain("image:\n  src: images/x.jpg\n  alt: X\ndraft: true\n");
    expect(() => readEntry("no front matter", form)).toThrow(/no front matter/);
  });
});

describe("the built /admin/", () => {
  let built: Fixture;
  let off: Fixture;
  let stdout: string;
  beforeAll(async () => {
    [built, off] = [sampleSite(), sampleSite()];
    const [on, without] = await Promise.all([built.run("build", { GITHUB_REPOSITORY: "newsroom/site" }), off.run("build", { ADMIN: "off" })]);
    expect(on.code, on.stderr).toBe(0);
    stdout = on.stdout;
    expect(without.code, without.stderr).toBe(0);
  }, 180_000);

  it("has the page, the CMS from node_modules, its script and config.yml made from the contract", () => {
    const cms = path.join(PROJECT, "node_modules/@sveltia/cms");
    expect(built.read("_site/admin/index.html")).toBe(adminPage(`${site.title} editor`));
    // Buffer.equals: toEqual walks 2 MB byte by byte, close to the test's 5 s
    expect(readFileSync(path.join(built.root, "_site/admin/cms/index.js")).equals(readFileSync(path.join(cms, "npm/index.js"))), "the CMS's index.js as published").toBe(true);
    const fonts = readdirSync(path.join(built.root, "_site/admin/cms/assets")).filter((f) => f.endsWith(".woff2"));
    expect(fonts).toHaveLength(3);
    expect(built.read("_site/admin/editor.js")).toContain('"cms/index.js"');
    const config = parseYaml(built.read("_site/admin/config.yml")) as ReturnType<typeof cmsConfig>;
    expect(config.backend).toMatchObject({ name: "github", repo: "newsroom/site" });
    const [articles, pages] = config.collections as unknown as { name: string; fields: Widget[] }[];
    expect(articles!.fields.map((field) => field.name)).toEqual([...Object.keys(frontMatterSchema.shape), "body"]);
    expect(pages!.name).toBe("pages");
    expect(articles!.fields.find((field) => field.name === "tags")!.hint).toMatch(/ In use: (\w[\w -]*, ){4,}/); // the sample's tags
  });

  it("is kept out of search engines, under its own policy rather than the public pages'", () => {
    const html = built.read("_site/admin/index.html");
    expect(html).toMatch(/<head>\n<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    expect(html).toContain(`content="${policyText()}"`);
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(ADMIN_POLICY["script-src"]).toEqual(["'self'"]);
    expect(policyText()).not.toMatch(/'unsafe-eval'|https:\/\/unpkg|jsdelivr/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/); // no inline script
  });

  it("is in no sitemap, feed or search index", () => {
    for (const file of ["sitemap.xml", "news-sitemap.xml", "feed.xml", "feed.json", "rss.xml", "robots.txt"]) {
      expect(built.read(`_site/${file}`), file).not.toContain("/admin");
    }
    // the index holds the published articles and nothing else
    const published = Number(/Built (\d+) articles/.exec(stdout)?.[1]);
    const index = JSON.parse(built.read("_site/pagefind/pagefind-entry.json")) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(index.languages).reduce((sum, l) => sum + l.page_count, 0)).toBe(published);
    expect(published).toBeGreaterThan(5);
  });

  it("is left out of a build with ADMIN=off", () => {
    expect(off.exists("_site/admin")).toBe(false);
    expect(off.exists("_site/index.html")).toBe(true);
  });

  it("rewrites config.yml in the next incremental build when the repository or the tags in use change, and only then", async () => {
    const config = () => parseYaml(built.read("_site/admin/config.yml")) as { backend: { repo: string }; collections: { fields: Widget[] }[] };
    const tagsHint = () => String(config().collections[0]!.fields.find((field) => field.name === "tags")!.hint);
    const inode = () => statSync(path.join(built.root, "_site/admin/config.yml")).ino;
    const build = async (env: Record<string, string>) => {
      const result = await built.run("build", env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/reused [1-9]\d* files/); // incremental, not a full build
    };
    await build({ GITHUB_REPOSITORY: "newsroom/archive" });
    expect(config().backend.repo).toBe("newsroom/archive");
    expect(tagsHint()).not.toContain("Harbour Dredging");
    // two stories: a tag the sample uses once is not among the 15 most used
    for (const slug of ["dredging", "dredging-ends"]) built.write(`articles/2025/${slug}.md`, article({ ...validFields, title: slug, tags: ["Harbour Dredging"] }));
    await build({ GITHUB_REPOSITORY: "newsroom/archive" });
    expect(tagsHint()).toContain("Harbour Dredging");
    built.write("articles/2025/dredging.md", article({ ...validFields, title: "dredging", tags: ["Harbour Dredging"] }, "A changed story."));
    await build({ GITHUB_REPOSITORY: "newsroom/archive" });
    expect(inode(), "config.yml taken from the last build").toBe(statSync(path.join(built.root, "_site.old/admin/config.yml")).ino);
  }, 180_000);
});

describe("/admin/ in the dev server (`npm start`)", () => {
  it("serves the editor without the live-reload script, which would reload it after every save, and the CMS's files too", async () => {
    const fixture = makeFixture();
    fixture.write("articles/2025/bridge.md", article(validFields));
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const child = spawn("npm", ["start"], { cwd: fixture.root, detached: true, env: testEnvironment({ PORT: String(port) }), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    try {
      for (const end = Date.now() + 90_000; !/Server at/.test(output); await new Promise((resolve) => setTimeout(resolve, 100))) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`the dev server did not start:\n${output}`);
      }
      const origin = `http://127.0.0.1:${port}`;
      // as a browser's navigation asks (fetch() says it is not one, and the dev server adds its script to navigations only)
      const navigate = (url: string) => new Promise<string>((resolve, reject) => {
        get(url, (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk)).on("end", () => resolve(`${response.statusCode} ${body}`));
        }).on("error", reject);
      });
      expect(await navigate(`${origin}/admin/`)).toBe(`200 ${adminPage(`${site.title} editor`)}`);
      const chunks = readdirSync(path.join(PROJECT, "node_modules/@sveltia/cms/npm/chunks")).filter((f) => f.endsWith(".js")).map((f) => `cms/chunks/${f}`);
      for (const file of ["config.yml", "editor.js", "cms/index.js", ...chunks]) {
        expect((await fetch(`${origin}/admin/${file}`)).status, file).toBe(200);
      }
      expect(await navigate(`${origin}/`)).toContain("reload-client.js"); // the public pages keep it
    } finally {
      process.kill(-child.pid!, "SIGTERM");
    }
  }, 120_000);
});

// What the admin policy refuses on purpose, each harmless: the CMS's stylesheet also names a CDN copy
// of the fonts it loads from /admin/cms/assets/; it fetches its default logo (a data: URL) before it
// has read config.yml's; it asks GitHub's status page whether GitHub is down.
const REFUSED_ON_PURPOSE = [/cdn\.jsdelivr\.net\/fontsource\//, /www\.githubstatus\.com\//, /(Connecting to|Fetch API cannot load) '?data:image\/svg\+xml|connect-src blocked data /];

describe.skipIf(!hasChromium)("the editor in Chromium, on a working copy (its local mode)", () => {
  let site: Fixture;
  let server: StaticServer;
  let browser: Browser;
  let page: WatchedPage;
  const workingCopy: Record<string, string> = { ".git/HEAD": "ref: refs/heads/main\n" };

  beforeAll(async () => {
    site = sampleSite();
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
    [server, browser] = await Promise.all([startStaticServer(path.join(site.root, "_site")), launchBrowser()]);
    // the origin's private file system stands in for the folder an editor picks: the directory
    // picker cannot be automated, so it is stubbed to return a real directory handle holding a copy
    // of the working copy as local mode reads it (a .git folder, the articles and pages)
    page = await openWatched(browser, `${server.url}404.html`);
    await page.setViewportSize({ width: 1280, height: 2400 }); // the whole form in view: the CMS renders fields as they scroll in
    await page.route((url) => url.hostname !== "127.0.0.1", (route) => route.abort()); // nothing leaves the machine
    for (const folder of ["articles", "pages"]) {
      for (const file of readdirSync(path.join(site.root, folder), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"))) {
        workingCopy[`${folder}/${file.split(path.sep).join("/")}`] = site.read(`${folder}/${file}`);
      }
    }
    await page.evaluate(async (files) => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle("repo", { create: true });
      for (const [file, text] of Object.entries(files)) {
        let dir = root;
        const parts = file.split("/");
        for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
        const writable = await (await dir.getFileHandle(parts.at(-1)!, { create: true })).createWritable();
        await writable.write(text);
        await writable.close();
      }
    }, workingCopy);
    await page.addInitScript(() => {
      (window as unknown as { showDirectoryPicker(): Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle("repo");
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Every file under a folder of the stand-in working copy: text, or base64 for a picture. */
  const filesIn = (folder: string) => page.evaluate(async (folder) => {
    const out: Record<string, string> = {};
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle("repo");
    for (const part of folder.split("/")) dir = await dir.getDirectoryHandle(part);
    const walk = async (at: FileSystemDirectoryHandle, prefix: string): Promise<void> => {
      for await (const [name, handle] of (at as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        if (handle.kind === "directory") await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
        else {
          const file = await (handle as FileSystemFileHandle).getFile();
          out[`${prefix}${name}`] = name.endsWith(".md") ? await file.text() : btoa(String.fromCharCode(...new Uint8Array(await file.arrayBuffer())));
        }
      }
    };
    await walk(dir, `${folder}/`);
    return out;
  }, folder);

  it("opens an existing story with its bare source name in the form, lists the static pages, then writes a new story with a picture that passes `npm run check` and builds", async () => {
    await page.goto(`${server.url}admin/`);
    await page.getByRole("button", { name: "Work with Local Repository" }).click();
    const form = page.getByRole("group", { name: /^Edit .*Content$/ });

    const preview = page.getByRole("document", { name: "Content Preview" });

    // a story whose file names its source bare (source: Agencies) shows the name in the form
    const bare = /^source: (.+)$/m.exec(site.read("articles/2020/wechat-ban-blocked.md"))![1]!;
    await page.getByRole("row", { name: /Judge Ends WeChat Download Ban/ }).click();
    await preview.getByText(bare, { exact: true }).waitFor();
    await expect(form.getByRole("textbox", { name: "Agency or outlet" }).inputValue()).resolves.toBe(bare);
    await page.getByRole("button", { name: "Cancel Editing" }).click();
    // static pages are a collection of their own
    await page.getByRole("treeitem", { name: "Pages" }).click();
    await page.getByRole("row", { name: /^Contact us$/ }).waitFor();
    await page.getByRole("treeitem", { name: "Articles" }).click();

    await page.getByRole("button", { name: "Create New Entry" }).click();
    // a new entry's form may still be setting itself up and drop what was typed first: type again
    // until the preview shows it, as an editor would
    const type = async (name: string, value: string) => {
      for (let tries = 0; tries < 5; tries++) {
        await form.getByRole("textbox", { name }).fill(value);
        if (await preview.getByText(value, { exact: true }).waitFor({ timeout: 3000 }).then(() => true, () => false)) return;
      }
      throw new Error(`${name}: "${value}" never reached the form`);
    };
    await type("Headline", "Floods hit Valencia after record rain");
    await form.locator('input[type="datetime-local"]').first().fill("2025-06-01T09:30");
    await type("Dateline", "Valencia, Spain");
    await type("Agency or outlet", "AFP");
    await form.getByRole("checkbox", { name: /Picture/ }).check();
    await form.getByRole("button", { name: "Browse" }).click();
    const dialog = page.getByRole("dialog", { name: "Select Image" });
    const chooser = page.waitForEvent("filechooser");
    await dialog.getByRole("button", { name: "Upload" }).click();
    await (await chooser).setFiles(path.join(PROJECT, "articles/2023/images/chip-plant.jpg"));
    await dialog.getByRole("button", { name: "Insert" }).click();
    await type("Alt text", "A flooded street in Valencia");
    await form.getByRole("button", { name: "Edit in Markdown" }).click();
    await form.getByRole("textbox", { name: "Story" }).last().fill("Rain fell for two days.\n\nThe river burst its banks on Sunday.");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Entry saved.").waitFor();

    let written: Record<string, string> = {};
    for (let tries = 0; tries < 50 && Object.keys(written).length < 2; tries++) {
      written = Object.fromEntries(Object.entries(await filesIn("articles/2025")).filter(([file]) => !(file in workingCopy)));
      if (Object.keys(written).length < 2) await page.waitForTimeout(100); // the picture is written after the entry
    }
    expect(Object.keys(written).sort()).toEqual(["articles/2025/floods-hit-valencia-after-record-rain.md", "articles/2025/images/chip-plant.jpg"]);
    expect(written["articles/2025/floods-hit-valencia-after-record-rain.md"]).toBe(
      "---\ntitle: Floods hit Valencia after record rain\ndate: 2025-06-01T09:30:00-04:00\ndateline: Valencia, Spain\nsource: AFP\n" +
      "image:\n  src: images/chip-plant.jpg\n  alt: A flooded street in Valencia\n---\n\nRain fell for two days.\n\nThe river burst its banks on Sunday.\n",
    );
    expect((await page.problems()).filter((problem) => !REFUSED_ON_PURPOSE.some((refused) => refused.test(problem)))).toEqual([]);

    const copy = makeFixture();
    for (const [file, content] of Object.entries(written)) {
      copy.write(file, "");
      writeFileSync(path.join(copy.root, file), file.endsWith(".md") ? content : Buffer.from(content, "base64"));
    }
    const check = await copy.run("check");
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const build = await copy.run("build");
    expect(build.code, build.stderr).toBe(0);
    const html = copy.read("_site/2025/06/01/floods-hit-valencia-after-record-rain/index.html");
    expect(html).toContain("Floods hit Valencia after record rain");
    expect(html).toMatch(/<img [^>]*alt="A flooded street in Valencia"/);
  }, 120_000);
});
