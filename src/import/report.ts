// The summary a WordPress import ends with: what was imported, what was skipped and why, what was
// left out or converted, and the files an editor should look at. Counts only: no comment text, no
// address that was not already public, ever reaches it.
import type { BodyStats } from "./html-to-markdown.ts";

export interface ImportReport {
  published: number;
  drafts: number;
  scheduled: number;
  pages: number;
  /** Reason → how many items. */
  skipped: Map<string, number>;
  comments: number;
  body: BodyStats;
  pictures: { remote: number; downloaded: number; failed: string[] };
  /** Files imported as drafts because the story has no dateline and no --dateline was given. */
  withoutDateline: string[];
  /** "file: what to look at" for an editor. */
  notes: string[];
  /** Items that could not be imported, with the reason: these make the exit code 1. */
  failed: string[];
}

export const emptyBodyStats = (): BodyStats => ({
  scripts: 0, iframes: 0, otherDropped: 0, handlers: 0, unsafeLinks: 0, embeds: 0, images: [], missingAlt: 0,
  shortcodes: { converted: new Map(), unknown: new Map(), missing: [] },
});

export const emptyReport = (): ImportReport => ({
  published: 0, drafts: 0, scheduled: 0, pages: 0, skipped: new Map(), comments: 0, body: emptyBodyStats(),
  pictures: { remote: 0, downloaded: 0, failed: [] }, withoutDateline: [], notes: [], failed: [],
});

const add = (into: Map<string, number>, key: string, n = 1) => into.set(key, (into.get(key) ?? 0) + n);

export const skip = (report: ImportReport, reason: string) => add(report.skipped, reason);

/** One post's conversion counts added to the totals (its picture list is not kept). */
export function addBody(report: ImportReport, stats: BodyStats): void {
  const total = report.body;
  for (const key of ["scripts", "iframes", "otherDropped", "handlers", "unsafeLinks", "embeds", "missingAlt"] as const) total[key] += stats[key];
  for (const [name, n] of stats.shortcodes.converted) add(total.shortcodes.converted, name, n);
  for (const [name, n] of stats.shortcodes.unknown) add(total.shortcodes.unknown, name, n);
  total.shortcodes.missing.push(...stats.shortcodes.missing);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const counts = (map: Map<string, number>, format: (name: string, n: number) => string) =>
  [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, n]) => format(name, n)).join(", ");

export function formatReport(report: ImportReport, input: string, dryRun: boolean): string[] {
  const { body, pictures } = report;
  const articles = report.published + report.drafts + report.scheduled;
  const verb = dryRun ? "would import (dry run, nothing written)" : "imported";
  const lines = [
    `WordPress export ${input}:`,
    `  ${verb}: ${plural(articles, "article")} (${report.published} published, ${plural(report.drafts, "draft")}, ${report.scheduled} scheduled), ${plural(report.pages, "page")}`,
    `  skipped: ${counts(report.skipped, (reason, n) => `${reason} ×${n}`) || "none"}`,
    `  comments left out: ${report.comments} (not written to any file)`,
    `  converted: ${counts(body.shortcodes.converted, (name, n) => `[${name}] ×${n}`) || "no shortcodes"}; embed blocks → links: ${body.embeds}`,
    `  unknown shortcodes, removed (text inside kept): ${counts(body.shortcodes.unknown, (name, n) => `[${name}] ×${n}`) || "none"}`,
    `  dropped: <script> ×${body.scripts}, <iframe> ×${body.iframes}, other active elements ×${body.otherDropped}, inline event handlers ×${body.handlers}, javascript:/data: links ×${body.unsafeLinks}`,
    `  pictures: ${pictures.remote} kept as their addresses, ${pictures.downloaded} downloaded, ${pictures.failed.length} could not be downloaded (kept as addresses); ${body.missingAlt} without alt text in the story (a placeholder says so)`,
    `  posts without a dateline: ${report.withoutDateline.length}${report.withoutDateline.length ? " (imported as drafts, listed below)" : ""}`,
  ];
  if (body.shortcodes.missing.length) lines.push(`  gallery pictures not in the export (left out): ids ${[...new Set(body.shortcodes.missing)].join(", ")}`);
  if (report.notes.length) lines.push("For an editor:", ...report.notes.map((note) => `  ${note}`));
  if (pictures.failed.length) lines.push("Pictures not downloaded:", ...pictures.failed.map((line) => `  ${line}`));
  if (report.failed.length) lines.push("Not imported:", ...report.failed.map((line) => `  ${line}`));
  return lines;
}
