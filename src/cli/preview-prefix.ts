// `npm run preview:prefix [-- /repo/]`: the site as GitHub Pages serves a project site. Runs the
// real build with PATH_PREFIX into _site/ (what CI deploys), then serves _site/ under that prefix
// only, so a link that forgets the prefix is a 404 here as it would be there.
import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startStaticServer } from "../serve/static-server.ts";
import { portFrom } from "../serve/dev-server.ts";

export interface Options {
  prefix: string;
  port: number;
}

export const defaults: Options = { prefix: `/${path.basename(process.cwd())}/`, port: 8081 };

/** The prefix from the first argument, else PATH_PREFIX, else the folder's name (a repo's usual name). */
export function previewOptions(args: string[], env: NodeJS.ProcessEnv = process.env): Options {
  const given = args.find((a) => !a.startsWith("--")) ?? env.PATH_PREFIX ?? defaults.prefix;
  const trimmed = given.trim().replace(/^\/+|\/+$/g, "");
  const portArg = args.find((a) => a.startsWith("--port="))?.slice("--port=".length);
  return { prefix: trimmed ? `/${trimmed}/` : "/", port: portFrom(portArg) ?? portFrom(env.PORT) ?? defaults.port };
}

function build(prefix: string): Promise<number> {
  const script = path.join(import.meta.dirname, "build.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: "inherit", env: { ...process.env, PATH_PREFIX: prefix } });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  const { prefix, port } = previewOptions(process.argv.slice(2));
  console.log(`Building with PATH_PREFIX=${prefix}…`);
  const code = await build(prefix);
  if (code !== 0) return code;
  const server = await startStaticServer(path.resolve("_site"), prefix, port);
  console.log(`Previewing _site/ under ${prefix} as GitHub Pages would serve it: ${server.url}`);
  console.log("Ctrl-C to stop. _site/ now holds this prefixed build: run `npm run build` before uploading it anywhere else.");
  await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
  await server.close();
  return 0;
}

// run as a command, not when a test imports previewOptions
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
