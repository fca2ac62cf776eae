// The search worker's entry (src/search-index.ts): a worker thread starts without the TypeScript
// loader the main thread was given, so it registers tsx's here first. https://tsx.is/dev-api/register-esm
import { register } from "tsx/esm/api";

register();
await import("./search-index.ts");
