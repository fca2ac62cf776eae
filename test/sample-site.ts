// The project's sample articles (with their image files) copied into a fixture site, plus helpers
// to walk what a build wrote. Validators and browser tests check this real content.
import { cpSync, readdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { makeFixture, PROJECT, type Fixture } from "./fixture.ts";

export const SEED_URL = "/2020/09/20/wechat-ban-blocked/";

/** A fixture holding every sample article under articles/, the static pages of pages/ and the front page's arrangement, plus any extra files given. */
export function sampleSite(extra: Record<string, string> = {}): Fixture {
  const site = makeFixture(extra);
  const samples = path.join(PROJECT, "articles");
  for (const entry of readdirSync(samples, { withFileTypes: true })) {
    if (entry.isDirectory()) cpSync(path.join(samples, entry.name), path.join(site.root, "articles", entry.name), { recursive: true });
  }
  cpSync(path.join(PROJECT, "pages"), path.join(site.root, "pages"), { recursive: true });
  if (!extra["_data/frontpage.yaml"]) symlinkSync(path.join(PROJECT, "_data/frontpage.yaml"), path.join(site.root, "_data/frontpage.yaml"));
  return site;
}

/** Every HTML file a build wrote, relative to _site/. */
export function htmlFiles(site: Fixture): string[] {
  const out = path.join(site.root, "_site");
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.relative(out, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}
