import { describe, expect, it } from "vitest";
import { parseName, patronymicStems } from "./parse.js";

describe("patronymics", () => {
  const CASES: ReadonlyArray<readonly [string, string, "m" | "f"]> = [
    ["Әбішұлы", "abish", "m"],
    ["Абишевич", "abish", "m"],
    ["ABISHULY", "abish", "m"],
    ["Äbışūly", "abish", "m"],
    ["Абишулы", "abish", "m"],
    ["Серікқызы", "serik", "f"],
    ["Серикқызы", "serik", "f"],
    ["Serikkyzy", "serik", "f"],
    ["SERIKQYZY", "serik", "f"],
    ["Сериковна", "serik", "f"],
    ["Serikovich", "serik", "m"],
    ["Бекқызы", "bek", "f"],
    ["Алиевич", "ali", "m"],
    ["Сергеевна", "serge", "f"],
    ["Ильинична", "il", "f"],
    ["Кузьмич", "kuzm", "m"],
    ["Mamedoglu", "mamed", "m"],
  ];
  it.each(CASES)("%s is a patronymic of %s", (word, stem, gender) => {
    const result = patronymicStems(word);
    expect(result?.gender).toBe(gender);
    expect(result?.stems[0]).toBe(stem);
  });

  it("keeps both readings of a stem that swallowed a й (Жумабаевич: Жұмабай)", () => {
    expect(patronymicStems("Жумабаевич")?.stems).toEqual(["jumaba", "jumabai"]);
    expect(patronymicStems("Сергеевич")?.stems).toContain("sergei");
  });

  it.each(["Нұрлан", "Марина", "Ахметов", "Сұлу", "Ильич", "Иван"])("%s is not a patronymic", (word) => {
    expect(patronymicStems(word)).toBeUndefined();
  });
});

describe("parseName", () => {
  it("reads roles from word shapes, in any order", () => {
    for (const name of [
      "Ахметов Нұрлан Серікұлы",
      "Nurlan Serikuly Akhmetov",
      "SERIKOVICH AKHMETOV NURLAN",
    ]) {
      const tokens = parseName(name);
      expect(tokens.map((t) => t.role).sort()).toEqual(["name", "patronymic", "surname"]);
      expect(tokens.find((t) => t.role === "surname")?.stems).toEqual(["ahmet"]);
      expect(tokens.find((t) => t.role === "patronymic")?.stems).toEqual(["serik"]);
    }
  });

  it("joins a detached ұлы/қызы to the word before and splits on hyphens", () => {
    expect(parseName("Нұрсұлтан Әбіш ұлы").map((t) => t.key)).toEqual(["nursultan", "abishuli"]);
    expect(parseName("Aigerim Serik kyzy")[1]?.role).toBe("patronymic");
    expect(parseName("Қасым-Жомарт Кемелұлы").map((t) => t.key)).toEqual(["kasim", "jomart", "kemeluli"]);
  });

  it("ignores case, apostrophes and punctuation", () => {
    expect(parseName("GUL'NARA  akhmetova,").map((t) => t.key)).toEqual(["gulnara", "ahmetova"]);
    expect(parseName("  ")).toEqual([]);
  });

  it("keeps both surname forms: with and without -ов/-ова", () => {
    const [token] = parseName("Жұмабаева");
    expect(token?.key).toBe("jumabaeva");
    expect(token?.stems).toEqual(["jumaba", "jumabai"]);
    expect(token?.gender).toBe("f");
  });

  it("does not call -ина first names surnames, but keeps their stem for comparison", () => {
    const [marina] = parseName("Марина");
    expect(marina?.role).toBe("name");
  });
});
