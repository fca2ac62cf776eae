// Where an incremental build's survey of the site before last comes from (src/build/recycle.ts).
// The last build made it in a process of its own once it was done (surveyAhead): _site/ and
// _site.old/ do not change between builds, and walking 25,000 files (250,000 at 100,000 articles)
// while the next build renders took a core from it: an edit's build at 10,000 articles took a
// median 2.81 s instead of 3.35 s (10 alternating pairs). Otherwise it is made on a worker thread as
// the build starts: after a killed build, after a --clean one, or when the one made ahead is missing.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { plainWorkerResult } from "../runtime/workers.ts";
import { defaults, type Survey } from "./recycle.ts";
import { AHEAD, manifestStart, type Written } from "./survey.mjs";

/** The build cache's manifest (src/build/manifest.ts) and the fingerprint a build must have written it under. */
export interface ManifestAt {
  file: string;
  fingerprint: string;
}

const SURVEY = new URL("./survey.mjs", import.meta.url);
/** Beside the manifest: the survey made ahead, and which process makes it for which build. */
const aheadFile = (manifest: ManifestAt) => path.join(path.dirname(manifest.file), "survey.json");
const pendingFile = (manifest: ManifestAt) => `${aheadFile(manifest)}.pending`;
/** What the process surveying ahead is to do: more than a command line holds after a build that re-indexed a part. */
const jobFile = (manifest: ManifestAt) => `${aheadFile(manifest)}.job`;

const job = (staging: string, retired: string, live: string, manifest: ManifestAt, written?: Written) => [staging, retired, live, manifest.file, manifest.fingerprint, defaults.shared, ...(written ? [written] : [])];

/**
 * Once the build is done and its manifest written under `id`: the next build's survey, in a process
 * that outlives this one (as swap.ts's deleter does). Nothing in it is trusted but by that id.
 * `written`: what an incremental build rendered and which index parts it reused in place; a full
 * build's survey compares every file with the live site's.
 */
export function surveyAhead(staging: string, retired: string, live: string, manifest: ManifestAt, id: string, written?: Written): void {
  writeFileSync(jobFile(manifest), JSON.stringify(job(staging, retired, live, manifest, written)));
  const args = [fileURLToPath(SURVEY), AHEAD, jobFile(manifest), aheadFile(manifest)];
  const child = spawn(process.execPath, args, { cwd: process.cwd(), detached: true, stdio: "ignore" });
  child.unref();
  if (child.pid) writeFileSync(pendingFile(manifest), JSON.stringify({ pid: child.pid, id }));
}

/** The survey made ahead for the build that wrote the manifest `id`, taken (the file goes: a build that fails after recycling leaves none behind). */
function takeAhead(manifest: ManifestAt, id: string): { plan: Survey | null } | undefined {
  try {
    const made = JSON.parse(readFileSync(aheadFile(manifest), "utf8")) as { id?: unknown; plan?: Survey | null };
    if (made.id !== id) return undefined;
    rmSync(aheadFile(manifest), { force: true });
    return { plan: made.plan ?? null };
  } catch {
    return undefined;
  }
}

/** The number of the process the last build started to survey ahead for the manifest `id`, if it did. */
function surveyorOf(manifest: ManifestAt, id: string): number | undefined {
  try {
    const { pid, id: surveying } = JSON.parse(readFileSync(pendingFile(manifest), "utf8")) as { pid?: number; id?: string };
    return surveying === id && Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` still runs this survey: its command line is the survey's (Linux's /proc; elsewhere
 * none is waited for). A number from another machine (a cache restored in CI) or since reused is not.
 */
function stillSurveying(manifest: ManifestAt, pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return command.includes(AHEAD) && command.includes(aheadFile(manifest));
  } catch {
    return false;
  }
}

/** The survey made ahead, waited for while its process runs (builds in quick succession); undefined if there is none for this manifest. */
async function madeAhead(manifest: ManifestAt): Promise<{ plan: Survey | null } | undefined> {
  const id = manifestStart(manifest.file, manifest.fingerprint, 1)?.id;
  if (id === undefined) return undefined;
  const pid = surveyorOf(manifest, id);
  for (;;) {
    const running = stillSurveying(manifest, pid);
    const made = takeAhead(manifest, id);
    if (made || !running) return made;
    await sleep(10);
  }
}

/**
 * What to recycle, of the pages the build cache's `manifest` lists when it was written under its
 * fingerprint: the survey made ahead unless a killed build left a staging folder, else `survey` on a
 * worker thread, started first thing and run while the articles are validated and the pages rendered
 * (recycleAround). Undefined if it fails or the manifest is not that build's (the build then starts
 * from an empty folder).
 */
export async function surveyInBackground(staging: string, retired: string, live: string, manifest: ManifestAt): Promise<Survey | undefined> {
  const made = existsSync(staging) ? undefined : await madeAhead(manifest);
  if (made) return made.plan ?? undefined;
  return plainWorkerResult<Survey>(SURVEY, { survey: job(staging, retired, live, manifest) });
}
