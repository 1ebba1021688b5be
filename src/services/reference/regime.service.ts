import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { sniffType } from "../../adapters/storage.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { KATO_FORMAT, matching } from "../../core/validation-messages.js";
import { regimeDecisions } from "../../db/schema.js";
import { requirePermission } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";

/** The largest accepted document. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The fields of a regional border-regime decision (Z p.4). */
export const regimeDecisionInput = z.strictObject({
  regionKato: matching(/^\d{9}$/, KATO_FORMAT),
  authority: z.enum(["GOVERNMENT", "AKIM"]),
  number: z.string().trim().min(1).max(50),
  decidedOn: z.iso.date(),
  titleKk: z.string().trim().min(3).max(500),
  titleRu: z.string().trim().min(3).max(500),
});
export type RegimeDecisionInput = z.infer<typeof regimeDecisionInput>;

/** Lists decisions, newest first; any signed-in officer may read them. */
export async function listRegimeDecisions(deps: Pick<Deps, "database">, actor: Actor | null) {
  requirePermission(actor, "units.read");
  return deps.database.tx({ unitPaths: [] }, (tx) =>
    tx.select().from(regimeDecisions).orderBy(desc(regimeDecisions.decidedOn)),
  );
}

/** Records a decision with its document (PDF, PNG or JPEG, checked by content, at most 10 MB). */
export async function addRegimeDecision(
  deps: Pick<Deps, "database" | "clock" | "files">,
  actor: Actor | null,
  meta: RequestMeta,
  input: RegimeDecisionInput,
  file: { name: string; bytes: Buffer } | undefined,
) {
  const me = requirePermission(actor, "reference.manage");
  let stored: { key: string; type: string; size: number; name: string } | undefined;
  if (file) {
    if (file.bytes.length > MAX_FILE_BYTES)
      throw new AppError("BODY_TOO_LARGE", { params: { limit: MAX_FILE_BYTES } });
    const type = sniffType(file.bytes);
    if (!type) {
      throw invalid("file", {
        kk: "тек PDF, PNG немесе JPEG құжаттары қабылданады",
        ru: "принимаются только документы PDF, PNG или JPEG",
        en: "only PDF, PNG or JPEG documents are accepted",
      });
    }
    // The file is stored before the row: an orphan file is harmless, a row without its file is not.
    stored = {
      key: await deps.files.put(file.bytes),
      type,
      size: file.bytes.length,
      name: file.name.slice(0, 200),
    };
  }
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const [row] = await tx
      .insert(regimeDecisions)
      .values({
        ...input,
        fileKey: stored?.key ?? null,
        fileName: stored?.name ?? null,
        fileType: stored?.type ?? null,
        fileSize: stored?.size ?? null,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await appendAudit(tx, now, me, meta, {
      action: "reference.regime_decision_add",
      objectType: "regime_decision",
      objectId: row.id,
      details: { regionKato: input.regionKato, number: input.number },
    });
    return row;
  });
}

/** The document of a decision, for an authorized download. */
export async function regimeDecisionFile(
  deps: Pick<Deps, "database" | "files">,
  actor: Actor | null,
  id: string,
): Promise<{ bytes: Buffer; type: string; name: string }> {
  requirePermission(actor, "units.read");
  const row = (
    await deps.database.tx({ unitPaths: [] }, (tx) =>
      tx.select().from(regimeDecisions).where(eq(regimeDecisions.id, id)).limit(1),
    )
  )[0];
  if (!row?.fileKey || !row.fileType) throw notFound();
  return { bytes: await deps.files.get(row.fileKey), type: row.fileType, name: row.fileName ?? "document" };
}
