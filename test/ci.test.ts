// CI must never pass with the browser tests silently skipped: where Chromium is missing they skip
// with a message on a developer's machine, and fail when CI is set (.ci/run and GitHub set it).
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collect, PROJECT } from "./fixture.ts";

const browserTests = (env: Record<string, string>) =>
  collect(spawn(process.execPath, [path.join(PROJECT, "node_modules/vitest/vitest.mjs"), "run", "test/browser.test.ts", "--reporter=default"], {
    cwd: PROJECT, env: { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium", ...env },
  }));

describe("browser tests where Chromium is missing", () => {
  it("are skipped with a one-line message on a developer's machine", async () => {
    const run = await browserTests({ CI: "" });
    expect(run.stderr + run.stdout).toContain("Browser tests skipped: /nonexistent/chromium not found (apt-get install chromium).");
    expect(run.stdout).toMatch(/skipped/);
    expect(run.stdout).not.toMatch(/\d+ failed/);
  }, 60_000);

  it("fail when CI is set", async () => {
    const run = await browserTests({ CI: "true" });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/\d+ failed/);
  }, 120_000);
});
