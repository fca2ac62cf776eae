// `npm run check`: the build's validation without the build. Same messages, same exit code, plus
// editorial warnings (long headline or standfirst, uncaptioned image, one-story tag) that never fail.
import site from "../../_data/site.ts";
import { buildNow } from "../content/clock.ts";
import { loadArticles } from "../content/load.ts";
import { formatProblem } from "../content/problems.ts";
import { articleWarnings } from "../content/warnings.ts";

const { articles, pages, problems } = await loadArticles({ root: process.cwd(), timezone: site.timezone, now: buildNow() });
const ok = `${articles.length} articles${pages.length ? ` and ${pages.length} pages` : ""} OK`;
const warnings = articleWarnings(articles);
for (const problem of problems) console.error(formatProblem(problem));
// "warning: " first, so a warning line is never mistaken for a problem line (which starts with the file)
for (const warning of warnings) console.error(`warning: ${formatProblem(warning)}`);
if (warnings.length) console.error(`${warnings.length} warning(s); warnings do not stop the build.`);
if (problems.length) {
  console.error(`${problems.length} problem(s) found; ${ok}`);
  process.exitCode = 1;
} else {
  console.log(ok);
}
