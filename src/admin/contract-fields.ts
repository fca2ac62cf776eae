// The front-matter contract (src/content/schema.ts) read as a list of form fields, generically: what
// each field holds, whether the contract requires it, and its help text, which is the schema's own
// "expected …" wording taken from the error it gives, so the form and the messages cannot drift.
// A kind of schema this walker has never met is an error naming the field, never a field left out.
import type { z } from "zod";

export type FieldKind = "text" | "date" | "boolean" | "number" | "choice" | "list" | "object";

export interface ContractField {
  name: string;
  kind: FieldKind;
  /** An empty article without it breaks the contract (a rule across fields, like dateline's, counts). */
  required: boolean;
  /** The schema's own "expected …" text. */
  hint?: string;
  /** choice: the values the contract allows. */
  options?: (string | number | boolean)[];
  /** list: what one item is. */
  item?: ContractField;
  /** object: its fields. */
  fields?: ContractField[];
  /** The contract's default, which the file may leave out. */
  defaultValue?: unknown;
  /** The file may also hold a bare value: for an object, the key it stands for; for a list, one item. */
  scalar?: string | true;
}

type Schema = z.ZodType;
const defOf = (schema: Schema) => schema.def as unknown as Record<string, any> & { type: string };
const NO_VALUE = Symbol("no value");
// a date field is told apart by what it accepts, not by its name, so a new date field is one too
const DATE_PROBE = "2020-09-20T14:30:00-04:00";

/** The "expected …" part of the error the field gives for a value of no type at all. */
export function expectedText(schema: Schema): string | undefined {
  const message = schema.safeParse(NO_VALUE).error?.issues[0]?.message ?? "";
  return /\(expected (.+)\)$/s.exec(message)?.[1];
}

/** The keys the contract reports missing from an empty object. */
export function requiredKeys(schema: Schema): Set<string> {
  const issues = schema.safeParse({}).error?.issues ?? [];
  return new Set(issues.filter((issue) => issue.path.length === 1).map((issue) => String(issue.path[0])));
}

/** Every field of an object schema, in the contract's order. */
export function contractFields(schema: z.ZodObject, at = ""): ContractField[] {
  const required = requiredKeys(schema);
  return Object.entries(schema.shape).map(([name, field]) => describeField(`${at}${name}`, name, field as Schema, required.has(name)));
}

/** The schema under its wrappers (optional, default, a transform's input), and its default. */
function unwrap(schema: Schema): { inner: Schema; defaultValue?: unknown } {
  let inner = schema;
  let defaultValue: unknown;
  for (let def = defOf(inner); ; def = defOf(inner)) {
    if (def.type === "optional" || def.type === "nullable") inner = def.innerType;
    else if (def.type === "default" || def.type === "prefault") [defaultValue, inner] = [def.defaultValue, def.innerType];
    else if (def.type === "pipe") inner = def.in;
    else return { inner, defaultValue };
  }
}

function describeField(path: string, name: string, schema: Schema, required: boolean): ContractField {
  const hint = expectedText(schema);
  const { inner, defaultValue } = unwrap(schema);
  const field = { name, required, ...(hint && { hint }), ...(defaultValue !== undefined && { defaultValue }) };
  return { ...field, ...shapeOf(path, inner) };
}

type Shape = Omit<ContractField, "name" | "required" | "hint" | "defaultValue">;

function shapeOf(path: string, schema: Schema): Shape {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return { kind: schema.safeParse(DATE_PROBE).success && !schema.safeParse("no date").success ? "date" : "text" };
    case "boolean":
      return { kind: "boolean" };
    case "number":
      return { kind: "number" };
    case "enum":
      return { kind: "choice", options: Object.values(def.entries as Record<string, string | number>) };
    case "literal":
      return { kind: "choice", options: [...(def.values as (string | number | boolean)[])] };
    case "array":
      return { kind: "list", item: describeField(`${path}.*`, "item", def.element, true) };
    case "object":
      return { kind: "object", fields: contractFields(schema as z.ZodObject, `${path}.`) };
    case "union":
      return unionShape(path, def.options as Schema[]);
    default:
      throw new Error(`front matter field "${path}": a zod "${def.type}" has no form widget yet (teach src/admin/contract-fields.ts)`);
  }
}

/** A union is edited in its richest form (object, else list), which the contract also accepts. */
function unionShape(path: string, options: Schema[]): Shape {
  const shapes = options.map((option) => ({ option, shape: shapeOf(path, unwrap(option).inner) }));
  if (shapes.every(({ shape }) => shape.kind === "choice")) return { kind: "choice", options: shapes.flatMap(({ shape }) => shape.options!) };
  const rich = shapes.filter(({ shape }) => shape.kind === "object" || shape.kind === "list");
  const bare = shapes.filter(({ shape }) => shape.kind !== "object" && shape.kind !== "list");
  if (rich.length !== 1 || bare.length > 1) throw new Error(`front matter field "${path}": a union of ${shapes.map(({ shape }) => shape.kind).join(" | ")} has no form widget yet (teach src/admin/contract-fields.ts)`);
  const { option, shape } = rich[0]!;
  if (!bare.length) return shape;
  if (shape.kind === "list") return { ...shape, scalar: true };
  // which key the bare value stands for: the one the contract fills with it
  const parsed = bare[0]!.option.safeParse("probe").data as Record<string, unknown> | undefined;
  const key = Object.keys(parsed ?? {}).find((name) => parsed![name] === "probe");
  if (!key || !(key in (unwrap(option).inner as z.ZodObject).shape)) throw new Error(`front matter field "${path}": cannot tell which key its bare value fills`);
  return { ...shape, scalar: key };
}
