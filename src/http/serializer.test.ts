import fc from "fast-check";
import { serializerCompiler as encoding, ResponseSerializationError } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parsesAsEncodes, serializerCompiler } from "./serializer.js";

/** The serializer a route would get for `schema`. */
const compiled = (compiler: typeof serializerCompiler, schema: z.ZodType) =>
  compiler({ schema, method: "GET", url: "/test", httpStatus: "200" });

const item = z.object({ id: z.uuid(), tags: z.array(z.string()), note: z.string().nullable().optional() });

describe("parsesAsEncodes", () => {
  it("holds for plain data schemas, recursive ones included", () => {
    type Tree = { name: string; children: Tree[] };
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), children: z.array(tree) }));
    for (const schema of [
      item,
      z.union([z.strictObject({ id: z.uuid() }), item]),
      z.record(z.string(), z.unknown()),
      z.object({ items: z.array(item), total: z.number().int() }).meta({ id: "List" }),
      z.tuple([z.string()], z.number()),
      z.intersection(z.object({ a: z.string() }), z.object({ b: z.enum(["x", "y"]) })),
      tree,
    ]) {
      expect(parsesAsEncodes(schema)).toBe(true);
    }
  });

  it("fails for a transform, codec, default or overwrite anywhere inside", () => {
    const dateCodec = z.codec(z.iso.datetime(), z.date(), {
      decode: (s) => new Date(s),
      encode: (d) => d.toISOString(),
    });
    for (const schema of [
      z.string().transform((s) => s.length),
      z.object({ at: dateCodec }),
      z.array(z.object({ n: z.number().default(0) })),
      z.union([z.string(), z.object({ s: z.string().trim() })]),
      z.record(z.string(), z.string().catch("?")),
      z.object({ a: z.string() }).catchall(z.string().pipe(z.string())),
      z.lazy(() => z.object({ n: z.string().toLowerCase() })),
      z.tuple([z.string()], z.number().prefault(1)),
      z.object({ inner: z.object({ deeper: z.array(z.string().optional().default("x")) }) }),
    ]) {
      expect(parsesAsEncodes(schema)).toBe(false);
    }
  });
});

describe("serializerCompiler", () => {
  it("writes what the type provider's encoding serializer writes", () => {
    const schema = z.object({ items: z.array(item), total: z.number() });
    const value = fc.record({
      items: fc.array(
        fc.record({
          id: fc.uuid(),
          tags: fc.array(fc.string()),
          note: fc.option(fc.string(), { nil: null }),
          extra: fc.string(),
        }),
      ),
      total: fc.integer(),
      ignored: fc.boolean(),
    });
    const ours = compiled(serializerCompiler, schema);
    const theirs = compiled(encoding, schema);
    fc.assert(fc.property(value, (v) => ours(v) === theirs(v)));
  });

  it("encodes where the directions differ", () => {
    const schema = z.object({
      at: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }),
    });
    const at = new Date("2026-12-06T10:00:00.000Z");
    expect(compiled(serializerCompiler, schema)({ at })).toBe('{"at":"2026-12-06T10:00:00.000Z"}');
  });

  it("refuses an answer its schema does not describe", () => {
    const serialize = compiled(serializerCompiler, item);
    expect(() => serialize({ id: "not-a-uuid", tags: [] })).toThrow(ResponseSerializationError);
  });
});
