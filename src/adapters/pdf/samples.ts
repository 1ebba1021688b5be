import type { PassDocument } from "./pass.js";
import type { RegisterLine } from "./register-book.js";

/** A realistic pass for tests and previews: every Kazakh-specific letter appears somewhere on it. */
export const SAMPLE_PASS: PassDocument = {
  ministry: {
    kk: "Қазақстан Республикасы Ішкі істер министрлігі",
    ru: "Министерство внутренних дел Республики Казахстан",
  },
  department: {
    kk: "Алматы облысы ПД көші-қон полициясы басқармасы",
    ru: "Управление миграционной полиции ДП Алматинской области",
  },
  region: { kk: "Алматы облысы", ru: "Алматинская область" },
  iab: { kk: "Панфилов аудандық ішкі істер бөлімі", ru: "Панфиловский районный отдел внутренних дел" },
  issueDate: "2026-11-22",
  series: "АБ",
  number: "0001234",
  holder: { surname: "Әбішұлы", name: "Нұрсұлтан", patronymic: "Ғаниұлы", birthYear: 1984 },
  places: [
    {
      nameKk: "Қорғас ауылы",
      nameRu: "село Коргас",
      regionKk: "Панфилов ауданы, Алматы облысы",
      regionRu: "Панфиловский район, Алматинская область",
    },
  ],
  purpose: "TEMPORARY_STAY",
  tripPurpose: { kk: "туысқандарына бару (Шаһизада Өмірзаққызы)", ru: "посещение родственников" },
  children: [
    { name: "Әлихан", age: 7 },
    { name: "Жұлдыз", age: 3 },
  ],
  identityDocument: {
    type: { kk: "жеке куәлік", ru: "удостоверение личности" },
    number: "045612378",
    issuedOn: "2019-03-14",
    issuedBy: "ҚР ІІМ / МВД РК",
  },
  validFrom: "2026-11-22",
  validUntil: "2027-05-21",
  headName: "Б. Т. Сейітқазиев",
  registrations: [{ date: "2026-11-25", registrar: "Қорғас ауылдық округі әкімдігі", note: "тіркелді" }],
  extensions: [],
  qrPayload: "SHK1.eyJzIjoi0JDQkSIsIm4iOiIwMDAxMjM0In0.c2lnbmF0dXJl",
};

/** Register book lines for tests and previews, numbered 1..count, in three scripts of names. */
export function sampleRegisterLines(count: number): RegisterLine[] {
  const names = ["Әбішұлы Нұрсұлтан Ғаниұлы", "Иванова Мария Петровна", "Serikbayev Ruslan"];
  return Array.from({ length: count }, (_, i) => ({
    lineNo: i + 1,
    date: `2026-${String(1 + Math.floor((i * 12) / count)).padStart(2, "0")}-${String(1 + (i % 27)).padStart(2, "0")}`,
    passSeries: "АБ",
    passNumber: String(1000 + i).padStart(7, "0"),
    fullName: names[i % names.length] ?? "",
    birthYear: 1960 + (i % 40),
    identityDocument: `жеке куәлік № ${String(45612378 + i).padStart(9, "0")}, 14.03.2019, ҚР ІІМ`,
    destination: "Қорғас ауылы, Панфилов ауданы, Алматы облысы",
    purpose: "уақытша тұру / временное проживание",
    validFrom: "2026-11-22",
    validUntil: "2027-05-21",
    basisDocuments: [`арыз № ${i + 17}`, "шақыру хат / приглашение"],
    recipientSignature: i % 2 === 1 ? "signed in person, 2026-11-22 10:03" : "",
    returnMark: i % 5 === 0 ? "қайтарылды / возвращен 2027-05-22" : "",
  }));
}
