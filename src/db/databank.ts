import { bigint, date, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, unitScope } from "./columns.js";

/**
 * The unified data bank (X-15, X p.5.5, p.10.3): reviews, instructions, methodological materials,
 * document specimens and exchanged reports. `search_vector` (a stored generated tsvector over the
 * folded title and text) is added by the databank_security migration, with its GIN index and RLS.
 */
export const bankDocuments = pgTable(
  "bank_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    /** The searchable text: the document's own text or an abstract, in Kazakh and/or Russian. */
    body: text("body").notNull().default(""),
    /** Language(s) the material is written in: kk, ru, or kk+ru. */
    language: text("language").notNull(),
    reference: text("reference"),
    docDate: date("doc_date").notNull(),
    agency: text("agency").notNull(),
    ...unitScope(),
    audience: text("audience").notNull(),
    marking: text("marking").notNull(),
    fileKey: text("file_key"),
    fileName: text("file_name"),
    fileType: text("file_type"),
    fileSize: bigint("file_size", { mode: "number" }),
    createdBy: uuid("created_by"),
    isDemo: integer("is_demo").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("bank_documents_date_idx").on(t.docDate),
    // Newest-first search reads the newest documents in this order and stops after a page.
    index("bank_documents_newest_idx").on(t.docDate.desc().nullsFirst(), t.id),
    index("bank_documents_unit_path_gist").using("gist", t.unitPath),
  ],
);
