// `npm run check`: the build's validation without the build. Same messages, same exit code.
import site from "../../_data/site.ts";
import { buildNow } from "../clock.ts";
import { formatProblem, loadArticles } from "../articles/load.ts";

const { articles, problems } = await loadArticles({ root: process.cwd(), timezone: site.timezone, now: buildNow() });
for (const problem of problems) console.error(formatProblem(problem));
if (problems.length) {
  console.error(`${problems.length} problem(s) found; ${articles.length} articles OK`);
  process.exitCode = 1;
} else {
  console.log(`${articles.length} articles OK`);
}
