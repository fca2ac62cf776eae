// Reading an article file: BOM and CRLF tolerated, YAML read with the core schema so dates stay
// the text the editor typed (YAML 1.1 timestamps would silently roll 2020-02-30 into March).
// js-yaml reads front matter several times faster than `yaml`, which matters at 10,000 articles.
import { CORE_SCHEMA, load, YAMLException } from "js-yaml";

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
  let data: unknown;
  try {
    // duplicate keys are errors by default in js-yaml, as they should be in front matter
    data = load(yaml, { schema: CORE_SCHEMA }) ?? {};
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    return { error: error.reason, line: error.mark.line + startLine, column: error.mark.column + 1 };
  }
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    return { error: "front matter is not a list of fields (expected key: value lines)", line: startLine, column: 1 };
  }
  return { data: data as Record<string, unknown> };
}
