import fc from "fast-check";

/**
 * Request generation from the OpenAPI document: valid values per JSON schema (with boundary
 * lengths and numbers, mixed Cyrillic/Latin text, real ids of every unit), and mutations that a
 * schema certainly refuses (wrong type, missing or extra field, too long, too big, bad date or id,
 * malformed JSON). Generic: it knows no route, only the schemas the routes publish.
 */

/** A JSON schema as @fastify/swagger prints it (the subset the API uses). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** One operation of the document, reduced to what a request needs. */
export interface Operation {
  method: string;
  /** Fastify form, `/api/v1/units/:id`. */
  url: string;
  path: JsonSchema;
  query: JsonSchema;
  /** The JSON body schema, when the operation takes JSON. */
  body?: JsonSchema;
  bodyRequired: boolean;
  headers: JsonSchema;
}

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

/** Reads every operation of an OpenAPI 3.1 document. */
export function operationsOf(doc: {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[]; requestBody?: unknown }>>;
}): Operation[] {
  const out: Operation[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const group = (where: string): JsonSchema => {
        const params = (op.parameters ?? []).filter((x) => x.in === where);
        return {
          type: "object",
          properties: Object.fromEntries(params.map((x) => [x.name, x.schema])),
          required: params.filter((x) => x.required).map((x) => x.name),
        };
      };
      const rb = op.requestBody as
        | { required?: boolean; content?: Record<string, { schema: JsonSchema }> }
        | undefined;
      out.push({
        method: method.toUpperCase(),
        url: p.replace(/\{(\w+)\}/g, ":$1"),
        path: group("path"),
        query: group("query"),
        headers: group("header"),
        body: rb?.content?.["application/json"]?.schema,
        bodyRequired: rb?.required === true,
      });
    }
  }
  return out;
}

/** Resolves `$ref` and `allOf` against the document's components. */
export function resolver(doc: { components?: { schemas?: Record<string, JsonSchema> } }) {
  const resolve = (s: JsonSchema | undefined): JsonSchema => {
    if (!s) return {};
    if (s.$ref) {
      const name = s.$ref.split("/").pop() ?? "";
      return resolve(doc.components?.schemas?.[name]);
    }
    if (s.allOf && s.allOf.length === 1 && s.allOf[0])
      return resolve({ ...s, allOf: undefined, ...s.allOf[0] });
    return s;
  };
  return resolve;
}

/** Text mixing Kazakh Cyrillic, Russian and Latin letters, digits, marks and control characters. */
const LETTERS = [
  ..."абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВГДӘҒҚҢӨҰҮҺІЁабcdefghijklmnopqrstuvwxyzABCXYZ0123456789 -'.,",
];
const NASTY = [
  "Аlmaty", // Cyrillic А then Latin
  "Қорғас",
  "Korgas",
  "O'Brien",
  "ǅ",
  "\u0000",
  "\u202eevil",
  "e\u0301",
  "💥",
  "𝔘𝔫𝔦",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "\r\ninjected: log line",
  "%00",
  "../../etc/passwd",
  "{{7*7}}",
  ["$", "{jndi:ldap://x}"].join(""),
  " ",
  "\t",
  "NaN",
  "-0",
  "1e309",
];

const mixedText = (minLength: number, maxLength: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...LETTERS), minLength, maxLength }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...NASTY)
        .map((s) => s.padEnd(minLength, "ә").slice(0, Math.max(minLength, Math.min(maxLength, s.length)))),
    },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength, maxLength }) },
  );

/** Ids the fuzzer knows: every unit's, user's, application's… (other units' ids among them). */
export interface IdPool {
  ids: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value the schema accepts (best effort: refinements the schema cannot state may still refuse it). */
export function validValue(
  s0: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  pool: IdPool,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(s0);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validValue(a, resolve, pool, depth + 1)));
  const types = [s.type ?? (s.properties ? "object" : "unknown")].flat();
  return fc.oneof(...types.map((t) => valueOfType(t, s, resolve, pool, depth)));
}

function valueOfType(
  type: string,
  s: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  pool: IdPool,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number": {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
      const lo = Math.max(min, -Number.MAX_SAFE_INTEGER);
      const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
      const int = fc.oneof(fc.constantFrom(lo, hi), fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }));
      if (type === "integer") return int;
      return fc.oneof(int, fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }));
    }
    case "string":
      return stringValue(s, pool);
    case "array": {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? 5, minLength + 4);
      return fc.array(validValue(s.items ?? {}, resolve, pool, depth + 1), { minLength, maxLength });
    }
    case "object": {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      if (depth > 6) return fc.constant({});
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) shape[k] = validValue(v, resolve, pool, depth + 1);
      const requiredKeys = Object.keys(props).filter((k) => required.has(k));
      const base = fc.record(shape, { requiredKeys });
      if (Object.keys(props).length === 0 && s.additionalProperties !== false) {
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      }
      return base;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringValue(s: JsonSchema, pool: IdPool): fc.Arbitrary<string> {
  if (s.format === "uuid") {
    return fc.oneof(
      { weight: 3, arbitrary: pool.ids.length > 0 ? fc.constantFrom(...pool.ids) : fc.uuid({ version: 4 }) },
      { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
    );
  }
  if (s.format === "date-time") {
    return fc
      .date({
        min: new Date("1900-01-01T00:00:00Z"),
        max: new Date("2100-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  if (s.format === "date") {
    return fc
      .date({
        min: new Date("1994-01-01T00:00:00Z"),
        max: new Date("2099-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
  }
  if (s.format === "email") return fc.emailAddress();
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? 60, 400);
  if (s.pattern) {
    try {
      const re = new RegExp(s.pattern);
      return fc.stringMatching(re).filter((x) => x.length >= minLength && x.length <= (s.maxLength ?? 1e9));
    } catch {
      return mixedText(minLength, maxLength);
    }
  }
  // Boundary lengths exactly at the limits, and free text; fields that are dates in disguise too.
  return fc.oneof(
    { weight: 4, arbitrary: mixedText(minLength, maxLength) },
    { weight: 1, arbitrary: fc.constant("ә".repeat(Math.max(minLength, Math.min(maxLength, 400)))) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          "2026-12-01",
          "2026-02-30",
          "2026-13-01",
          "0000-00-00",
          "9999-12-31",
          "2026-11-22T06:00:00Z",
        )
        .filter(
          (x) => x.length >= minLength && x.length <= (s.maxLength ?? 1e9) && (ISO_DATE.test(x) || true),
        ),
    },
  );
}

/** A path inside a value, and the schema found there. */
interface Site {
  path: (string | number)[];
  schema: JsonSchema;
  parent?: JsonSchema;
}

/** Every place inside a value whose schema is known (objects' properties and array items). */
function sites(value: unknown, s0: JsonSchema, resolve: (s: JsonSchema) => JsonSchema): Site[] {
  const out: Site[] = [];
  const walk = (v: unknown, s: JsonSchema, p: (string | number)[], parent?: JsonSchema) => {
    const r = resolve(s);
    out.push({ path: p, schema: r, ...(parent ? { parent } : {}) });
    if (r.anyOf || r.oneOf) return; // which branch applies is ambiguous: mutate only the whole
    if (v && typeof v === "object" && !Array.isArray(v) && r.properties) {
      for (const [k, child] of Object.entries(v)) {
        const cs = r.properties[k];
        if (cs) walk(child, cs, [...p, k], r);
      }
    } else if (Array.isArray(v) && r.items) {
      v.forEach((child, i) => {
        walk(child, r.items ?? {}, [...p, i], r);
      });
    }
  };
  walk(value, s0, []);
  return out;
}

function setAt(root: unknown, path: (string | number)[], fn: (old: unknown) => unknown): unknown {
  if (path.length === 0) return fn(root);
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const next = fn(node[last]);
  if (next === REMOVE) delete node[last];
  else node[last] = next;
  return copy;
}

const REMOVE = Symbol("remove");

/** Kinds of certain refusals, for the report. */
export type MutationKind =
  | "wrong-type"
  | "missing-required"
  | "extra-field"
  | "too-long"
  | "too-short"
  | "too-big"
  | "too-small"
  | "not-integer"
  | "not-in-enum"
  | "bad-uuid"
  | "bad-date"
  | "too-many-items";

// A value of each JSON type, and huge or odd ones among them.
const BY_TYPE: Record<string, unknown[]> = {
  string: ["x", "Қ", "", "9".repeat(400), "abc"],
  number: [0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5],
  boolean: [true, false],
  null: [null],
  array: [[], [1, "a"]],
  object: [{}, { a: 1 }],
};

function typesAccepted(s: JsonSchema): Set<string> | undefined {
  if (s.anyOf || s.oneOf || s.enum || s.const !== undefined) return undefined;
  if (!s.type) return undefined;
  const t = new Set([s.type].flat());
  if (t.has("integer")) t.add("number");
  return t;
}

/**
 * A mutation of a valid value that the schema certainly refuses, or undefined when this site offers
 * none. `rng` picks among the options (deterministic under fast-check).
 */
export function mutate(
  value: unknown,
  schema: JsonSchema,
  resolve: (s: JsonSchema) => JsonSchema,
  pick: (n: number) => number,
  where: "body" | "text" = "body",
): { value: unknown; kind: MutationKind; at: string } | undefined {
  // Query and path values travel as text: only refusals that survive stringification apply there.
  const textOnly: MutationKind[] = [
    "too-long",
    "not-in-enum",
    "bad-uuid",
    "bad-date",
    "too-big",
    "too-small",
    "not-integer",
    "missing-required",
    "wrong-type",
  ];
  const all = sites(value, schema, resolve);
  const options: { kind: MutationKind; apply: () => unknown; at: string }[] = [];
  for (const site of all) {
    // Query and path groups are objects only as a way of listing parameters.
    if (where === "text" && site.path.length === 0) continue;
    const s = site.schema;
    const at = site.path.join(".") || "(root)";
    const accepted = typesAccepted(s);
    if (accepted) {
      for (const [type, samples] of Object.entries(BY_TYPE)) {
        if (accepted.has(type)) continue;
        // As text, only a non-numeric word is certainly the wrong type (for a number).
        if (where === "text" && (type !== "string" || accepted.has("string") || accepted.has("boolean")))
          continue;
        if (type === "number" && accepted.has("integer")) continue;
        for (const sample of samples) {
          if (where === "text" && !(typeof sample === "string" && /^[^\d\s]+$/.test(sample))) continue;
          options.push({ kind: "wrong-type", at, apply: () => setAt(value, site.path, () => sample) });
        }
      }
    }
    if (s.enum?.every((e) => typeof e === "string")) {
      options.push({ kind: "not-in-enum", at, apply: () => setAt(value, site.path, () => "NOT_A_VALUE_ҚҚ") });
    }
    const isString = accepted?.has("string") && accepted.size === 1;
    if (isString && s.maxLength !== undefined) {
      // Beyond the body limit the answer is 413: still a refusal.
      const n = s.maxLength > 500_000 ? 1_100_000 : s.maxLength + 1 + pick(3) * 1000;
      options.push({ kind: "too-long", at, apply: () => setAt(value, site.path, () => "Ж".repeat(n)) });
    }
    if (isString && s.minLength !== undefined && s.minLength > 1) {
      options.push({
        kind: "too-short",
        at,
        apply: () => setAt(value, site.path, () => "x".repeat(s.minLength ? s.minLength - 1 : 0)),
      });
    }
    if (isString && s.format === "uuid") {
      for (const bad of [
        "not-a-uuid",
        "00000000-0000-4000-8000-00000000000",
        "0000000О-0000-4000-8000-000000000000",
      ]) {
        options.push({ kind: "bad-uuid", at, apply: () => setAt(value, site.path, () => bad) });
      }
    }
    if (isString && (s.format === "date" || s.format === "date-time")) {
      for (const bad of [
        "2026-02-30",
        "2026-13-01",
        "31.12.2026",
        "2026-1-1",
        "tomorrow",
        "2026-11-22T25:00:00Z",
      ]) {
        options.push({ kind: "bad-date", at, apply: () => setAt(value, site.path, () => bad) });
      }
    }
    const isNumber = accepted && [...accepted].every((t) => t === "number" || t === "integer");
    if (isNumber && s.maximum !== undefined) {
      for (const big of [s.maximum + 1, 1e308, Number.MAX_SAFE_INTEGER + 2]) {
        if (big > s.maximum)
          options.push({ kind: "too-big", at, apply: () => setAt(value, site.path, () => big) });
      }
    }
    if (isNumber && s.minimum !== undefined) {
      for (const small of [s.minimum - 1, -1e308]) {
        options.push({ kind: "too-small", at, apply: () => setAt(value, site.path, () => small) });
      }
    }
    if (isNumber && accepted?.has("integer") && !accepted.has("number")) {
      options.push({ kind: "not-integer", at, apply: () => setAt(value, site.path, () => 1.5) });
    }
    if (Array.isArray(getAt(value, site.path)) && s.maxItems !== undefined && s.maxItems <= 50 && s.items) {
      const arr = getAt(value, site.path) as unknown[];
      if (arr.length > 0) {
        options.push({
          kind: "too-many-items",
          at,
          apply: () =>
            setAt(value, site.path, () => Array.from({ length: (s.maxItems ?? 0) + 1 }, () => arr[0])),
        });
      }
    }
    const node = getAt(value, site.path);
    if (node && typeof node === "object" && !Array.isArray(node) && s.properties) {
      for (const key of s.required ?? []) {
        if (key in (node as object)) {
          options.push({
            kind: "missing-required",
            at: `${at}.${key}`,
            apply: () => setAt(value, [...site.path, key], () => REMOVE),
          });
        }
      }
      if (s.additionalProperties === false) {
        options.push({
          kind: "extra-field",
          at,
          apply: () => setAt(value, [...site.path, "isAdmin"], () => true),
        });
        options.push({
          kind: "extra-field",
          at,
          apply: () => setAt(value, [...site.path, "unitPath"], () => "u0"),
        });
      }
    }
  }
  const usable = where === "text" ? options.filter((o) => textOnly.includes(o.kind)) : options;
  if (usable.length === 0) return undefined;
  const chosen = usable[pick(usable.length)];
  if (!chosen) return undefined;
  return { value: chosen.apply(), kind: chosen.kind, at: chosen.at };
}

function getAt(root: unknown, path: (string | number)[]): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const key of path) node = node?.[key] as Record<string | number, unknown> | undefined;
  return node;
}

/** Request bodies that are not JSON at all, sent as application/json. */
export const MALFORMED_JSON = [
  "{",
  '{"a":',
  "{'single': 'quotes'}",
  '{"a":1,}',
  "[1,2",
  "nul",
  '{"__proto__": {"polluted": 1}, ',
  "\u0000",
  '{"a":"\\ud800"',
  "{".repeat(5000),
];
