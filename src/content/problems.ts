// What is wrong with an article, as the build, `npm run check` and the dev server's panel print it:
// one line per problem, naming the file and the field, so an editor can go straight to it.

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
