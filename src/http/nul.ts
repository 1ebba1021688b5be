/**
 * The path of the first string holding U+0000 inside a parsed request part (`at` names the part),
 * if any. PostgreSQL text cannot hold U+0000, so such a request is refused before it reaches a
 * service. The path is built only for the string found: every request is scanned whole.
 */
export function nulAt(value: unknown, at: string): string | undefined {
  const path = nulPath(value, 0);
  return path === undefined ? undefined : [at, ...path].join(".");
}

/** The keys leading to the first U+0000 under `value`, innermost last. */
function nulPath(value: unknown, depth: number): string[] | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? [] : undefined;
  if (!value || typeof value !== "object" || depth > 32 || Buffer.isBuffer(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key.includes("\u0000")) return [key];
    const found = nulPath(record[key], depth + 1);
    if (found) {
      found.unshift(key);
      return found;
    }
  }
  return undefined;
}
