import { describe, expect, it } from "vitest";
import { parsePeople } from "../web/src/pages/screening/parse.js";

describe("pasted and uploaded lists for a batch check", () => {
  it("reads ; , and tab separated lines, skipping blanks, keeping line numbers", () => {
    expect(parsePeople("Абишев Нурсултан; 1984\n\nPetrov Sergei,1975-06-01,,N12345678\nКим\t1962")).toEqual([
      { line: 1, subject: { name: "Абишев Нурсултан", birthDate: "1984" } },
      { line: 3, subject: { name: "Petrov Sergei", birthDate: "1975-06-01", documentNumber: "N12345678" } },
      { line: 4, subject: { name: "Ким", birthDate: "1962" } },
    ]);
  });
  it("follows a CSV header's column order and quoted cells", () => {
    const csv = '\uFEFFiin,name,birth_date\r\n900515300127,"Жумабаев, Ерлан",1990\r\n';
    expect(parsePeople(csv)).toEqual([
      { line: 2, subject: { name: "Жумабаев, Ерлан", birthDate: "1990", iin: "900515300127" } },
    ]);
  });
});
