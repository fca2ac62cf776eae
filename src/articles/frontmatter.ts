// Reading an article file: BOM and CRLF tolerated, YAML read with the core schema so dates stay
// the text the editor typed (YAML 1.1 timestamps would silently roll 2020-02-30 into March).
import { parseDocument } from "yaml";

export interface SplitFile {
  yaml: string;
  body: string;
  /** 1-based line of the first YAML line, to turn YAML positions into file positions. */
  yamlStartLine: number;
}

export function normaliseText(raw: string): string {
  return raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function splitFrontMatter(raw: string): SplitFile | string {
  const text = normaliseText(raw);
  if (!text.startsWith("---\n")) return "no front matter (expected the file to start with a line of three dashes: ---)";
  const end = text.indexOf("\n---", 3);
  const lineEnd = end === -1 ? -1 : text.indexOf("\n", end + 4);
  const closing = end === -1 ? "" : text.slice(end + 4, lineEnd === -1 ? undefined : lineEnd);
  if (end === -1 || closing.trim() !== "") {
    return "front matter is not closed (expected a line of three dashes, ---, after the fields)";
  }
  return {
    yaml: text.slice(4, end + 1),
    body: lineEnd === -1 ? "" : text.slice(lineEnd + 1),
    yamlStartLine: 2,
  };
}

export type YamlResult = { data: Record<string, unknown> } | { error: string; line: number; column: number };

export function parseYaml(yaml: string, startLine = 1): YamlResult {
  const doc = parseDocument(yaml, { schema: "core", uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
    const message = first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    return { error: message, line: pos.line + startLine - 1, column: pos.col };
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    return { error: "front matter is not a list of fields (expected key: value lines)", line: startLine, column: 1 };
  }
  return { data: data as Record<string, unknown> };
}
