// Runs the authoring commands (new, import, check) as real processes in a fixture folder, as an
// editor would: piped (no terminal), or on a pseudo-terminal through script(1) to answer prompts.
import { spawn } from "node:child_process";
import path from "node:path";
import { collect, PROJECT, testEnvironment as environment, type RunResult } from "./fixture.ts";

export type Command = "new" | "import" | "check";

// the launcher `npm run new|import|check` uses
const argv = (command: Command, args: string[]) => [path.join(PROJECT, "src/cli/launch.mjs"), command, ...args];

/** Runs a command with stdin closed and not a terminal. */
export function runCommand(cwd: string, command: Command, args: string[] = [], env: Record<string, string> = {}): Promise<RunResult> {
  const child = spawn(process.execPath, argv(command, args), { cwd, env: environment(env), stdio: ["ignore", "pipe", "pipe"] });
  return collect(child);
}

const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs a command on a pseudo-terminal and types each answer once its prompt has appeared.
 * The terminal merges stderr into stdout.
 */
export function runInTerminal(cwd: string, command: Command, args: string[], answers: [prompt: string, answer: string][]): Promise<RunResult> {
  const line = [process.execPath, ...argv(command, args)].map(shellQuote).join(" ");
  const child = spawn("script", ["-qec", line, "/dev/null"], { cwd, env: environment({}), stdio: ["pipe", "pipe", "pipe"] });
  let searchFrom = 0;
  return collect(child, (stdout) => {
    const next = answers[0];
    const at = next ? stdout.indexOf(next[0], searchFrom) : -1;
    if (!next || at === -1) return;
    searchFrom = at + next[0].length;
    answers.shift();
    child.stdin?.write(`${next[1]}\n`);
  });
}
