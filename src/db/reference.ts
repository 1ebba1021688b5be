import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";

/** A version of the border-zone list (Z p.1–2): in force from a date, on a legal basis. */
export const zoneLists = pgTable(
  "zone_lists",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    effectiveFrom: date("effective_from").notNull(),
    basisKk: text("basis_kk").notNull(),
    basisRu: text("basis_ru").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("zone_lists_effective_uq").on(t.effectiveFrom)],
);

/** An administrative-territorial unit of a zone list (Z-1), with whether it lies in the border strip. */
export const zoneEntries = pgTable(
  "zone_entries",
  {
    listId: uuid("list_id")
      .notNull()
      .references(() => zoneLists.id),
    kato: text("kato").notNull(),
    kind: text("kind").notNull(),
    nameKk: text("name_kk").notNull(),
    nameRu: text("name_ru").notNull(),
    regionKato: text("region_kato").notNull(),
    regionKk: text("region_kk").notNull(),
    regionRu: text("region_ru").notNull(),
    districtKato: text("district_kato"),
    districtKk: text("district_kk"),
    districtRu: text("district_ru"),
    inStrip: boolean("in_strip").notNull().default(false),
    /**
     * Every word of the Kazakh and Russian names folded to the screening's spelling-blind key
     * (`foldToken`), written by the server: the lists name settlements in Cyrillic only, and the
     * name search must find Жаркент for "Zharkent" or "Jarkent" too.
     */
    nameFold: text("name_fold").notNull().default(""),
  },
  (t) => [
    uniqueIndex("zone_entries_pk").on(t.listId, t.kato),
    index("zone_entries_name_trgm").using(
      "gin",
      sql`(lower(${t.nameKk} || ' ' || ${t.nameRu})) gin_trgm_ops`,
    ),
    index("zone_entries_fold_trgm").using("gin", sql`${t.nameFold} gin_trgm_ops`),
  ],
);

/** Officials entitled to enter the zone on their identity document, as listed by the NSC (Z p.3). */
export const nscOfficials = pgTable("nsc_officials", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  titleKk: text("title_kk").notNull(),
  titleRu: text("title_ru").notNull(),
  basis: text("basis").notNull(),
  validFrom: date("valid_from").notNull(),
  validTo: date("valid_to"),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
});

/** Places in the zone serving people who live outside it (Z p.19). */
export const servicePlaces = pgTable("service_places", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  kato: text("kato").notNull(),
  kind: text("kind").notNull(),
  nameKk: text("name_kk").notNull(),
  nameRu: text("name_ru").notNull(),
  basis: text("basis").notNull(),
  validFrom: date("valid_from").notNull(),
  validTo: date("valid_to"),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
});

/** Regional border-regime decisions of the Government or akims (Z p.4), with their document. */
export const regimeDecisions = pgTable("regime_decisions", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionKato: text("region_kato").notNull(),
  authority: text("authority").notNull(),
  number: text("number").notNull(),
  decidedOn: date("decided_on").notNull(),
  titleKk: text("title_kk").notNull(),
  titleRu: text("title_ru").notNull(),
  fileKey: text("file_key"),
  fileName: text("file_name"),
  fileType: text("file_type"),
  fileSize: integer("file_size"),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: createdAt(),
});

/** Stored versions of the border-zone rule set (C-1); evaluation at a date uses the version in force. */
export const ruleSets = pgTable(
  "rule_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    setId: text("set_id").notNull(),
    version: integer("version").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    body: jsonb("body").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rule_sets_version_uq").on(t.setId, t.version)],
);

/**
 * A revision number per kind of reference data, raised by statement triggers whenever its tables
 * change (migration submission_one_round_trip), so that a process caching the data (the zone
 * entries a submission's eligibility needs) sees another process's change with one small read.
 */
export const referenceRevisions = pgTable("reference_revisions", {
  name: text("name").primaryKey(),
  revision: bigint("revision", { mode: "number" }).notNull().default(0),
});
