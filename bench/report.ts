// Turns the measured runs into the benchmark's table: medians per N, A/B ratio per pair with its
// median, the incremental builds, the dev-server figures, and the machine it ran on. Same Markdown
// on stdout and on disk.
import os from "node:os";
import type { BuildSample } from "./measure.ts";
import type { DevFigure } from "./dev-server.ts";
import type { IncrementalFigure } from "./incremental.ts";

export interface SizeResult {
  articles: number;
  /** Measured runs in the order they ran: pairs[i] = [A, B]. Warm-ups are not included. */
  pairs: Array<[BuildSample, BuildSample]>;
  /** The project's build after one change, on the cache and output of the build before. */
  incremental?: IncrementalFigure;
  dev?: DevFigure | { error: string };
  /** Why the runs at this size stopped early, e.g. "exited with 134: FATAL ERROR: … heap out of memory". */
  failure?: string;
}

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Summary {
  wallMs: number;
  cpuMs: number;
  treeCpuMs: number;
  peakRssKiB: number;
  treePeakKiB: number;
  nodePeakKiB: number;
  pagefindPeakKiB: number;
  msPerArticle: number;
  files: number;
  bytes: number;
}

export function summarise(samples: BuildSample[], articles: number): Summary {
  const wallMs = median(samples.map((s) => s.wallMs));
  return {
    wallMs,
    cpuMs: median(samples.map((s) => s.cpuMs)),
    treeCpuMs: median(samples.map((s) => s.treeCpuMs)),
    peakRssKiB: median(samples.map((s) => s.peakRssKiB)),
    treePeakKiB: median(samples.map((s) => s.treePeakKiB)),
    nodePeakKiB: median(samples.map((s) => s.nodePeakKiB)),
    pagefindPeakKiB: median(samples.map((s) => s.pagefindPeakKiB)),
    msPerArticle: wallMs / articles,
    files: median(samples.map((s) => s.files)),
    bytes: median(samples.map((s) => s.bytes)),
  };
}

/** A/B of one measure for each pair, in run order. */
export const ratios = (pairs: SizeResult["pairs"], measure: (s: BuildSample) => number) => pairs.map(([a, b]) => measure(a) / measure(b));

const s = (ms: number) => (ms / 1000).toFixed(2);
const mib = (kib: number) => (kib / 1024).toFixed(0);
const thousands = (n: number) => n.toLocaleString("en-US");
/** Text made safe for one table cell. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
const list = (values: number[], digits = 2) => values.map((v) => v.toFixed(digits)).join(", ");

const MEASURES: Array<[string, (x: BuildSample) => number]> = [
  ["wall", (x) => x.wallMs], ["CPU", (x) => x.cpuMs], ["tree CPU", (x) => x.treeCpuMs], ["peak RSS", (x) => x.peakRssKiB], ["tree peak", (x) => x.treePeakKiB],
];

export function renderTables(results: SizeResult[]): string {
  const measured = results.filter((r) => r.pairs.length);
  const lines = ["| articles | build | wall s | CPU s | tree CPU s | peak RSS MiB | tree peak MiB | Node peak MiB | Pagefind peak MiB | ms/article | files | output MiB |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"];
  for (const { articles, pairs } of measured) {
    for (const [label, index] of [["A project", 0], ["B baseline", 1]] as const) {
      const m = summarise(pairs.map((pair) => pair[index]), articles);
      lines.push(`| ${thousands(articles)} | ${label} | ${s(m.wallMs)} | ${s(m.cpuMs)} | ${s(m.treeCpuMs)} | ${mib(m.peakRssKiB)} | ${mib(m.treePeakKiB)} | ${mib(m.nodePeakKiB)} | ${mib(m.pagefindPeakKiB)} | ${m.msPerArticle.toFixed(2)} | ${thousands(m.files)} | ${(m.bytes / 1048576).toFixed(1)} |`);
    }
  }
  for (const { articles, pairs, failure } of results.filter((r) => r.failure)) {
    lines.push("", `**${thousands(articles)} articles: a build failed** after ${pairs.length} measured pair(s): ${failure}`);
  }
  lines.push("", "A/B per pair, in run order (median last):", "", `| articles | ${MEASURES.map(([name]) => name).join(" | ")} |`, `|---:|${MEASURES.map(() => "---").join("|")}|`);
  for (const { articles, pairs } of measured) {
    const cells = MEASURES.map(([, measure]) => ratios(pairs, measure)).map((r) => `${list(r)} → **${median(r).toFixed(2)}**`);
    lines.push(`| ${thousands(articles)} | ${cells.join(" | ")} |`);
  }
  const small = measured.find((r) => r.articles === 1000);
  const large = measured.find((r) => r.articles === 10000);
  if (small && large) {
    const grow = (index: 0 | 1, measure: (x: BuildSample) => number) =>
      `×${(median(large.pairs.map((p) => measure(p[index]))) / median(small.pairs.map((p) => measure(p[index])))).toFixed(1)}`;
    const growth = (index: 0 | 1) => MEASURES.map(([name, measure]) => `${name} ${grow(index, measure)}`).join(", ");
    lines.push("", `Growth 1,000 → 10,000 (median over median): project ${growth(0)}; baseline ${growth(1)}.`);
  }
  lines.push("", "Every measured run:", "", "| articles | run | A wall s | A CPU s | A tree CPU s | A RSS MiB | A tree MiB | B wall s | B CPU s | B tree CPU s | B RSS MiB | B tree MiB |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const { articles, pairs } of measured) {
    pairs.forEach(([a, b], i) => lines.push(`| ${thousands(articles)} | ${i + 1} | ${s(a.wallMs)} | ${s(a.cpuMs)} | ${s(a.treeCpuMs)} | ${mib(a.peakRssKiB)} | ${mib(a.treePeakKiB)} | ${s(b.wallMs)} | ${s(b.cpuMs)} | ${s(b.treeCpuMs)} | ${mib(b.peakRssKiB)} | ${mib(b.treePeakKiB)} |`));
  }
  const incremental = results.filter((r) => r.incremental);
  if (incremental.length) {
    lines.push("", "Incremental builds (`npm run build` after one change, on the output and cache the build before left): medians; the summary is the project's own closing line from the median run by wall time (the lower middle one of an even count)", "",
      "| articles | change | runs | wall s | CPU s | tree CPU s | peak RSS MiB | tree peak MiB | Node peak MiB | Pagefind peak MiB | wall ÷ clean A | wall s, per run | files (median run) | the median run's summary |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
    for (const { articles, pairs, incremental: figure } of incremental) {
      const clean = median(pairs.map(([a]) => a.wallMs));
      const row = (change: string, samples: BuildSample[]) => {
        const m = summarise(samples, articles);
        const middle = [...samples].sort((x, y) => x.wallMs - y.wallMs)[(samples.length - 1) >> 1]!;
        lines.push(`| ${thousands(articles)} | ${change} | ${samples.length} | ${s(m.wallMs)} | ${s(m.cpuMs)} | ${s(m.treeCpuMs)} | ${mib(m.peakRssKiB)} | ${mib(m.treePeakKiB)} | ${mib(m.nodePeakKiB)} | ${mib(m.pagefindPeakKiB)} | ${(m.wallMs / clean).toFixed(2)} | ${samples.map((x) => s(x.wallMs)).join(", ")} | ${thousands(middle.files)} | ${cell(middle.lastLine)} |`);
      };
      if (figure!.warm) row("nothing (the warm-up)", [figure!.warm]);
      for (const { scenario, samples } of figure!.scenarios) if (samples.length) row(scenario, samples);
      if (figure!.failure) lines.push(`| ${thousands(articles)} | failed: ${cell(figure!.failure)} | | | | | | | | | | | | |`);
    }
  }
  const dev = results.filter((r) => r.dev);
  if (dev.length) {
    const figures = (samples?: number[]) => (samples?.length ? `${list(samples, 0)} | **${median(samples).toFixed(0)}**` : "– | –");
    lines.push("", "Dev server (`npm start`): change saved → rebuilt page served", "",
      "| articles | first build until served s | edit: save → served ms, per edit | median ms | new article: written → served ms, each | median ms | re-tag: saved → served ms, each | median ms |", "|---:|---:|---|---:|---|---:|---|---:|");
    for (const { articles, dev: figure } of dev) {
      if (figure && "error" in figure) lines.push(`| ${thousands(articles)} | failed: ${cell(figure.error.split("\n")[0]!)} | | | | | | |`);
      else if (figure) lines.push(`| ${thousands(articles)} | ${s(figure.startupMs)} | ${figures(figure.samples)} | ${figures(figure.added)} | ${figures(figure.retagged)} |`);
    }
  }
  return lines.join("\n");
}

export function machineInfo(): string[] {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown model"})`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node ${process.version}, ${os.type()} ${os.release()} ${os.arch()}`,
    `- Load average when the table was written: ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")} (1/5/15 min)`,
  ];
}
