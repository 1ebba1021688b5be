import { describe, expect, it } from "vitest";
import { blockingKeys, normalizeDocumentNumber, phoneticKey, probeKeys, skeletonKey } from "./keys.js";
import { foldToken } from "./translit.js";

describe("phoneticKey", () => {
  it.each([
    ["Төлеген", "Тулеген"],
    ["Жүсіп", "Жусуп"],
    ["Түсіпбеков", "Тусупбеков"],
    ["Бөкей", "Букей"],
    ["Алмаз", "Алмас"],
    ["Омар", "Умар"],
  ])("%s sounds like %s", (a, b) => {
    expect(phoneticKey(foldToken(a))).toBe(phoneticKey(foldToken(b)));
  });

  it.each([
    ["Марат", "Мұрат"],
    ["Асан", "Хасан"],
    ["Серік", "Берік"],
  ])("%s does not sound like %s", (a, b) => {
    expect(phoneticKey(foldToken(a))).not.toBe(phoneticKey(foldToken(b)));
  });

  it("reduces a word to its consonant skeleton for blocking", () => {
    expect(skeletonKey(foldToken("Нұрсұлтан"))).toBe("nrsltn");
    expect(skeletonKey(foldToken("Ержан"))).toBe("erjn");
  });
});

describe("blocking keys", () => {
  const applicant = {
    names: ["Ахметов Нұрлан Серікұлы"],
    birthDate: "1985-03-12",
    iin: "850312300002",
    documentNumber: "№ N1234-5678",
  };

  it("files exact identifiers, year + name keys, name pairs and rare tokens", () => {
    const keys = blockingKeys(applicant);
    expect(keys).toContain("iin:850312300002");
    expect(keys).toContain("doc:N12345678");
    expect(keys).toContain("yt:1985:ahmet");
    expect(keys).toContain("yt:1985:ahmetov");
    expect(keys).toContain("yt:1985:serik");
    expect(keys).toContain("yp:1985:nrln");
    expect(keys).toContain("nn:ahmetov|nurlan");
    expect(keys).not.toContain("rare:nurlan");
    expect(keys).not.toContain("yt:1984:nurlan");
  });

  it("meets a record written in another script, a year off, through probe keys", () => {
    const record = { names: ["NURLAN AKHMETOV"], birthDate: "1984" };
    const probes = new Set(probeKeys(applicant));
    expect(blockingKeys(record).some((key) => probes.has(key))).toBe(true);
  });

  it("lets a caller decide which tokens are common", () => {
    const keys = blockingKeys({ names: ["Нұрлан Ахметов"] }, { isCommonToken: () => false });
    expect(keys).toContain("rare:nurlan");
  });

  it("normalises document numbers", () => {
    expect(normalizeDocumentNumber(" n 0123 4567 ")).toBe("N01234567");
    expect(normalizeDocumentNumber("АВ-123456")).toBe("AB123456");
    expect(normalizeDocumentNumber("12")).toBeUndefined();
  });
});
