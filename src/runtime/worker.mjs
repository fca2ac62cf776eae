// Entry of the project's worker threads: a worker starts without the TypeScript loader the main
// thread was given, so it registers tsx's first, then runs the module that started it (which
// checks `workerData.module`). https://tsx.is/dev-api/register-esm
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
