import { describe, expect, it } from "vitest";
import { EVAL_SEED, generatePairs } from "./eval/generate.js";
import { admits, ID_BIT, indexFinds, PAIR_BITS, probeIndexKeys, recordIndexKeys } from "./index-keys.js";
import { birthYear, blockingKeys, probeKeys, skeletonKey } from "./keys.js";
import { birthDateFromIin, DEFAULT_THRESHOLD, type PersonInput, scorePair } from "./match.js";
import { parseName } from "./parse.js";

/** The birth date keys are made with: the given one, else the one inside a valid IIN. */
function keyed(person: PersonInput): PersonInput {
  const birth = person.birthDate ?? birthDateFromIin(person.iin);
  return birth ? { ...person, birthDate: birth } : person;
}

/**
 * The candidate rule stated word by word over the single blocking keys of keys.ts (how the
 * index answered it before pair keys): each of the subject's words whose keys the record shares
 * sets one bit; a record is admitted by an identifier, two bits, a name pair, or one bit and the
 * same full birth date, within a year of the subject's birth year (a record's date being the one
 * its IIN holds when it has none of its own); or, in the same year, the only words besides
 * patronymics of a spelling on each side agree.
 */
function ruleAdmits(subject: PersonInput, record: PersonInput): boolean {
  const stored = (keys: readonly string[], dated: boolean) =>
    keys.flatMap((key) => {
      if (key.startsWith("yt:"))
        return skeletonKey(key.slice(key.indexOf(":", 3) + 1)).length < 2 ? [key] : [];
      return dated && (key.startsWith("rare:") || key.startsWith("nn:")) ? [`${key}#`] : [key];
    });
  const s = keyed(subject);
  const r = keyed(record);
  const bits = new Map<string, number>();
  const wordMasks = new Map<string, number>();
  for (const word of s.names.flatMap((n) => parseName(n))) {
    const bit = bits.get(word.key) ?? 1 << bits.size;
    bits.set(word.key, bit);
    const alone = { names: [word.raw], ...(s.birthDate ? { birthDate: s.birthDate } : {}) };
    for (const key of probeKeys(alone)) wordMasks.set(key, (wordMasks.get(key) ?? 0) | bit);
  }
  const probe = probeKeys(s);
  const asked = s.birthDate
    ? stored(probe, false)
    : [...stored(probe, false), ...stored(probe, true).filter((k) => k.endsWith("#"))];
  const maskOf = (key: string) =>
    key.startsWith("iin:") || key.startsWith("doc:")
      ? ID_BIT
      : key.startsWith("nn:")
        ? PAIR_BITS
        : (wordMasks.get(key.replace(/#$/, "")) ?? PAIR_BITS);
  const filed = new Set(stored(blockingKeys(r), r.birthDate !== undefined));
  let m = 0;
  for (const key of asked) if (filed.has(key)) m |= maskOf(key);
  if ((m & ID_BIT) !== 0) return true;
  const words = m & (ID_BIT - 1);
  const sy = birthYear(s.birthDate);
  const ry = birthYear(r.birthDate);
  if (sy !== undefined && ry !== undefined && Math.abs(sy - ry) > 1) return false;
  const sameDate = s.birthDate?.length === 10 && r.birthDate === s.birthDate;
  if ((words & (words - 1)) !== 0 || (words !== 0 && sameDate)) return true;
  // The only word besides patronymics of a spelling on each side agrees, in the same year.
  const solo = (person: PersonInput) =>
    new Set(
      person.names.flatMap((spelling) => {
        const others = parseName(spelling).filter((w) => w.role !== "patronymic");
        const [only] = others;
        if (!only || others.length !== 1 || !person.birthDate) return [];
        return stored(blockingKeys({ names: [only.raw], birthDate: person.birthDate }), true).filter(
          (key) => key.startsWith("yt:") || key.startsWith("yp:"),
        );
      }),
    );
  const soloRecord = solo(r);
  return sy !== undefined && sy === ry && [...solo(s)].some((key) => soloRecord.has(key));
}

const pairs = [EVAL_SEED, 11, 12].flatMap((seed) => generatePairs(seed));

describe("screening index keys", () => {
  it("admits exactly the records the word-by-word rule admits, both ways round", () => {
    let admitted = 0;
    for (const { a, b } of pairs) {
      for (const [subject, record] of [
        [a, b],
        [b, a],
      ] as const) {
        const expected = ruleAdmits(subject, record);
        if (indexFinds(keyed(subject), keyed(record)) !== expected) {
          throw new Error(`index and rule disagree: ${JSON.stringify(subject)} / ${JSON.stringify(record)}`);
        }
        if (expected) admitted += 1;
      }
    }
    // Both answers occur, so the agreement is not a constant.
    expect(admitted).toBeGreaterThan(pairs.length / 2);
    expect(admitted).toBeLessThan(pairs.length * 2);
  });

  it("finds every pair of the evaluation set that scores at or above the threshold, but a few", () => {
    const above = pairs.filter(({ a, b }) => scorePair(a, b).score >= DEFAULT_THRESHOLD);
    const found = above.filter(({ a, b }) => indexFinds(keyed(a), keyed(b)));
    expect(found.length / above.length).toBeGreaterThanOrEqual(0.985);
  });

  it("files a dated record under word pairs of its year and words with its date", () => {
    const keys = recordIndexKeys({ names: ["Ахметов Нұрлан Серікұлы"], birthDate: "1985-03-12" });
    expect(keys).toContain("yq:1985:p:nrln+p:srk");
    expect(keys).toContain("yq:1985:p:nrln+p:nrln");
    expect(keys).toContain("yd:1985-03-12:p:nrln");
    expect(keys).toContain("nn:ahmetov|nurlan#");
    expect(keys.some((k) => k.startsWith("yq:1984:"))).toBe(false);
  });

  it("asks for pairs of two different words in three years, never a word with itself", () => {
    const probe = probeIndexKeys({ names: ["Nurlan Akhmetov"], birthDate: "1984" });
    const keys = probe.map((p) => p.key);
    expect(keys).toContain("yq:1983:p:ahmt+p:nrln");
    expect(keys).toContain("yq:1985:p:ahmtf+p:nrln");
    expect(keys).not.toContain("yq:1984:p:nrln+p:nrln");
    expect(
      probe.every((p) => admits([p.mask]) === (p.key.startsWith("yq:") || p.key.startsWith("nn:"))),
    ).toBe(true);
  });

  it("meets a one-word name and a one-word record (besides patronymics) of the same year only", () => {
    const record = { names: ["Ақбота Ерболатқызы"], birthDate: "2003-05-28" };
    expect(scorePair({ names: ["Akbota"], birthDate: "2003" }, record).score).toBeGreaterThanOrEqual(
      DEFAULT_THRESHOLD,
    );
    expect(indexFinds({ names: ["Akbota"], birthDate: "2003" }, record)).toBe(true);
    expect(indexFinds({ names: ["Akbota"], birthDate: "2004" }, record)).toBe(false);
    expect(indexFinds({ names: ["Akbota Seitkali"], birthDate: "2003" }, record)).toBe(false);
  });

  it("admits by an identifier alone, and by two words' bits", () => {
    expect(admits([ID_BIT])).toBe(true);
    expect(admits([1, 2])).toBe(true);
    expect(admits([1, 1])).toBe(false);
    expect(admits([])).toBe(false);
  });
});
