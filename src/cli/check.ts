// `npm run check`: the build's validation without the build. Same messages, same exit code, plus
// editorial warnings (long headline or standfirst, uncaptioned image, one-story tag, a byline that nearly
// matches a profile, a front-page story not published) that never fail, and the stories whose licence runs out in the next 7 days.
import site from "../../_data/site.ts";
import { buildNow } from "../content/clock.ts";
import { loadArticles } from "../content/load.ts";
import { formatProblem } from "../content/problems.ts";
import { articleWarnings } from "../content/warnings.ts";
import { authorWarnings } from "../content/authors.ts";
import { expiringSoon, expiryNotice } from "../content/expiry.ts";

const now = buildNow();
const { articles, pages, authors, problems, warnings: loadWarnings } = await loadArticles({ root: process.cwd(), timezone: site.timezone, now });
const ok = `${articles.length} articles${pages.length ? ` and ${pages.length} pages` : ""} OK`;
const warnings = [...articleWarnings(articles), ...loadWarnings, ...authorWarnings(articles, authors)];
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
// what the hourly deploy will take down this week, so nobody is surprised by a missing story
for (const { file, expires } of expiringSoon(articles, now)) console.log(`expires soon: ${formatProblem({ file, field: "expires", message: expiryNotice(expires!, now, site.timezone) })}`);
