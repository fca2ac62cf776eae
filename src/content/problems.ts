// What is wrong with an article, as the build, `npm run check` and the dev server's panel print it:
// one line per problem, naming the file and the field, so an editor can go straight to it.
import type { z } from "zod";
import { closest } from "./suggest.ts";

export interface Problem {
  file: string;
  field: string;
  message: string;
}

export const formatProblem = (p: Problem) => `${p.file}: ${p.field}: ${p.message}`;

/** Thrown by a production build with every problem at once; nothing has been written by then. */
export class ArticleProblems extends Error {
  constructor(readonly problems: Problem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`Articles have ${count}; nothing was written:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "ArticleProblems";
  }
}

/** A schema issue as problem lines; an unknown top-level field gets a "did you mean" from `fields`. */
export function describeIssue(file: string, issue: z.core.$ZodIssue, fields: readonly string[]): Problem[] {
  if (issue.code === "unrecognized_keys") {
    // inside a mapping (image, corrections.0) the top-level fields are no help: the path says where
    const nested = issue.path.length > 0;
    return issue.keys.map((key) => {
      const guess = nested ? undefined : closest(key, fields);
      const hint = guess ? `did you mean "${guess}"?` : nested ? "expected only the fields the README's example shows" : `expected one of ${fields.join(", ")}`;
      return { file, field: [...issue.path.map(String), key].join("."), message: `is not a known field (${hint})` };
    });
  }
  const field = issue.path.length ? issue.path.map(String).join(".") : "front matter";
  return [{ file, field, message: issue.message }];
}
