import {
  type serializerCompiler as encodingSerializerCompiler,
  InvalidSchemaError,
  ResponseSerializationError,
} from "fastify-type-provider-zod";
import { $ZodType, safeEncode, safeParse } from "zod/v4/core";

/**
 * Schema kinds whose two directions can differ (a transform, a codec's pipe, a default filled in
 * one way only) or that hold no plain data.
 */
const DIRECTIONAL = new Set([
  "catch",
  "default",
  "file",
  "function",
  "pipe",
  "prefault",
  "promise",
  "success",
  "transform",
]);

/**
 * Whether parsing a value with `schema` gives what encoding it gives: no directional kind and no
 * overwriting check (`trim`, `toLowerCase` …) anywhere in it, recursive schemas included.
 */
export function parsesAsEncodes(schema: $ZodType, seen = new Set<$ZodType>()): boolean {
  if (seen.has(schema)) return true;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (DIRECTIONAL.has(def.type)) return false;
  const checks = (def.checks ?? []) as { _zod: { def: { check: string } } }[];
  if (checks.some((c) => c._zod.def.check === "overwrite")) return false;
  const children: unknown[] = [];
  for (const [key, value] of Object.entries(def)) {
    if (key === "shape" && value && typeof value === "object") children.push(...Object.values(value));
    else if (Array.isArray(value)) children.push(...value);
    else children.push(value);
  }
  if (def.type === "lazy") children.push((def.getter as () => unknown)());
  return children.every((child) => !(child instanceof $ZodType) || parsesAsEncodes(child, seen));
}

/** The zod schema of a route's response, as fastify-type-provider-zod accepts it. */
function resolveSchema(schema: unknown): $ZodType {
  if (schema instanceof $ZodType) return schema;
  if (schema && typeof schema === "object" && "properties" in schema && schema.properties instanceof $ZodType)
    return schema.properties;
  throw new InvalidSchemaError(JSON.stringify(schema));
}

/**
 * Validates an answer against its response schema and writes it as JSON, as
 * fastify-type-provider-zod's serializer does, but by parsing where parsing and encoding agree:
 * zod parses on its compiled fast path and encodes on its general one (2–3 µs against 0.2 µs for
 * a submission's receipt, 141 against 69 µs for a list of fifty).
 */
export const serializerCompiler: typeof encodingSerializerCompiler = ({ schema, method, url }) => {
  const zod = resolveSchema(schema);
  const check = parsesAsEncodes(zod) ? safeParse : safeEncode;
  return (data) => {
    const result = check(zod, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
