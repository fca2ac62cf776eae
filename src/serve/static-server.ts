// A small static file server for previewing a built _site/ exactly as a static host serves it,
// optionally under a path prefix (GitHub Pages project sites live at /<repo>/).
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
  ".avif": "image/avif", ".gif": "image/gif", ".ico": "image/x-icon", ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
};

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `root` at `prefix` on 127.0.0.1; anything outside the prefix is a 404, as on GitHub Pages. */
export function startStaticServer(folder: string, prefix = "/", port = 0): Promise<StaticServer> {
  const root = path.resolve(folder); // a relative folder would fail the containment check below
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const server = createServer((request, response) => {
    const requested = new URL(request.url ?? "/", "http://localhost").pathname;
    const pathname = decodeURIComponent(requested);
    let file = pathname.startsWith(base) ? path.join(root, pathname.slice(base.length)) : undefined;
    if (file && !file.startsWith(path.resolve(root))) file = undefined;
    if (file && existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith("/")) {
        response.writeHead(301, { location: `${requested}/` }).end(); // still encoded: a header holds no "ã"
        return;
      }
      file = path.join(file, "index.html");
    }
    const found = file !== undefined && existsSync(file) && statSync(file).isFile();
    const served = found ? file! : path.join(root, "404.html");
    response.writeHead(found ? 200 : 404, { "content-type": TYPES[path.extname(served)] ?? "application/octet-stream" });
    if (existsSync(served)) createReadStream(served).pipe(response);
    else response.end("Not found");
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${actualPort}${base}`,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
