import type { Translated } from "../../../../src/core/i18n.js";

/** A unit as the petition API names it. */
export interface UnitRef {
  id: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
}

/** A row of the petitions list. */
export interface PetitionListItem {
  id: string;
  number: string;
  kind: string;
  status: string;
  departureDate: string;
  flags: string[];
  createdAt: string;
  people: number;
  orgName: string | null;
}

/** A screening candidate kept on a person for the IAB officer. */
export interface Candidate {
  recordId: string;
  score: number;
  names: string[];
  birthDate: string | null;
  reason: string;
}

/** One person of a petition with the results recorded on them. */
export interface PetitionMember {
  id: string;
  seq: number;
  surname: string;
  givenName: string;
  patronymic: string | null;
  birthYear: number;
  address: string;
  documentSeries: string | null;
  documentNumber: string;
  documentIssuedOn: string;
  documentIssuedBy: string;
  isLeader: boolean;
  outcome: string;
  screening: { at: string; candidates: Candidate[] } | null;
  checkResult: string | null;
  checkEvidence: string | null;
  nscResult: string | null;
  nscReason: string | null;
  decision: string | null;
  decisionReason: string | null;
  applicationId: string | null;
  passNumber: string | null;
}

/** One copy of a strip list. */
export interface PetitionCopy {
  copyNo: number;
  holder: string;
  holderUnit: UnitRef | null;
  certified: boolean;
  withResults: boolean;
  certifiedAt: string | null;
  handedAt: string | null;
  receivedBy: string | null;
}

/** A petition as GET /api/v1/petitions/:id returns it. */
export interface Petition {
  id: string;
  number: string;
  kind: "EMPLOYER" | "STRIP_LIST" | "RELEASE";
  status: string;
  createdAt: string;
  departureDate: string;
  organization: UnitRef | null;
  iab: UnitRef | null;
  nsc: UnitRef | null;
  rules: {
    ruleSetVersion: number;
    deadline: {
      applyBy: string;
      days: number;
      late: boolean;
      ruleId: string;
      clauses: string[];
      explanation: Translated;
    };
    routing: {
      ruleId: string;
      clauses: string[];
      filedWith: string;
      checkedBy: string | null;
      explanation: Translated;
    };
  };
  data: {
    destinations: string[];
    returnDate: string | null;
    workDescription: string;
    lateReason: string | null;
    atEnterpriseReason: string | null;
    release: Record<string, string | boolean> | null;
  };
  flags: string[];
  passMode: string | null;
  groupPassNumber: string | null;
  viewers: string[];
  members: PetitionMember[];
  copies: PetitionCopy[];
}

/** A person's full name as written. */
export function fullName(m: { surname: string; givenName: string; patronymic: string | null }): string {
  return [m.surname, m.givenName, m.patronymic].filter(Boolean).join(" ");
}
