/**
 * A bounded cache for pure string functions of the name matcher. Screening scores a subject
 * against hundreds of records whose words come from a small vocabulary, so the same words are
 * parsed, folded and compared over and over; remembering the answers is what keeps a check fast.
 * When the cache is full it starts over (simple, and the hot words come straight back).
 */
export function memoize<T>(fn: (key: string) => T, limit = 200_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (cache.size >= limit) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
