import { eq, isNotNull } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { notFound } from "../../core/errors.js";
import { units } from "../../db/schema.js";

/** A unit as the exchange needs it: tree, triad, level and IANA zone. */
export interface ExchangeUnitRow {
  id: string;
  agency: string;
  code: string;
  path: string;
  parentId: string | null;
  triadId: string | null;
  level: number | null;
  timeZone: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  createdAt: Date;
}

const columns = {
  id: units.id,
  agency: units.agency,
  code: units.code,
  path: units.path,
  parentId: units.parentId,
  triadId: units.triadId,
  level: units.level,
  timeZone: units.timeZone,
  nameKk: units.nameKk,
  nameRu: units.nameRu,
  nameEn: units.nameEn,
  createdAt: units.createdAt,
};

/** One unit by id; 404 when there is none. */
export async function unitById(tx: Tx, id: string): Promise<ExchangeUnitRow> {
  const [row] = await tx.select(columns).from(units).where(eq(units.id, id)).limit(1);
  if (!row) throw notFound();
  return row;
}

/** One unit by its code, or undefined. */
export async function unitByCode(tx: Tx, code: string): Promise<ExchangeUnitRow | undefined> {
  const [row] = await tx.select(columns).from(units).where(eq(units.code, code)).limit(1);
  return row;
}

/** Every unit that belongs to a triad: the units that owe and receive the exchange. */
export async function triadUnits(tx: Tx): Promise<ExchangeUnitRow[]> {
  return tx.select(columns).from(units).where(isNotNull(units.triadId));
}

/** Every unit (names for views; units are organizational facts, not personal data). */
export async function allUnits(tx: Tx): Promise<ExchangeUnitRow[]> {
  return tx.select(columns).from(units);
}
