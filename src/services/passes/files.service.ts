import { and, eq } from "drizzle-orm";
import { sniffType } from "../../adapters/storage.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { applicationFiles, applications } from "../../db/schema.js";
import { scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { MAX_FILE_BYTES } from "../reference/regime.service.js";

// An application carries its basis documents (Z p.26): a few scans, not an archive.
const MAX_FILES = 20;

/** Who may touch a case's files: its applicant, or an intake officer of the handling unit's subtree. */
async function visibleCase(
  tx: Parameters<Parameters<Deps["database"]["tx"]>[1]>[0],
  actor: Actor,
  id: string,
) {
  const row = (await tx.select().from(applications).where(eq(applications.id, id)).limit(1))[0];
  if (!row) throw notFound();
  const own = row.applicantUserId === actor.userId;
  if (!own && !actor.permissions.has("applications.intake")) throw notFound();
  return row;
}

/** Attaches a document (PDF, JPEG or PNG by content, ≤ 10 MB) to an application, stored by the storage adapter. */
export async function attachFile(
  deps: Pick<Deps, "database" | "clock" | "files">,
  actor: Actor | null,
  meta: RequestMeta,
  applicationId: string,
  file: { name: string; bytes: Buffer },
) {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (file.bytes.length === 0)
    throw invalid("file", { kk: "файл бос", ru: "файл пустой", en: "the file is empty" });
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
  // Check access before storing, so a stranger cannot fill the disk.
  await deps.database.tx(scopeOf(actor), (tx) => visibleCase(tx, actor, applicationId));
  const key = await deps.files.put(file.bytes);
  const now = deps.clock.now();
  return deps.database.tx(scopeOf(actor), async (tx) => {
    await visibleCase(tx, actor, applicationId);
    const count = await tx.$count(applicationFiles, eq(applicationFiles.applicationId, applicationId));
    if (count >= MAX_FILES)
      throw invalid("file", {
        kk: `бір өтінішке ең көбі ${MAX_FILES} құжат`,
        ru: `не более ${MAX_FILES} документов на одно заявление`,
        en: `at most ${MAX_FILES} documents per application`,
      });
    const [row] = await tx
      .insert(applicationFiles)
      .values({
        applicationId,
        fileKey: key,
        name: file.name.slice(0, 200),
        type,
        size: file.bytes.length,
        createdAt: now,
      })
      .returning({
        id: applicationFiles.id,
        name: applicationFiles.name,
        type: applicationFiles.type,
        size: applicationFiles.size,
      });
    if (!row) throw new Error("insert returned no row");
    await appendAudit(tx, now, actor, meta, {
      action: "application.file_attach",
      objectType: "application",
      objectId: applicationId,
      details: { file: row.id, type, size: row.size },
    });
    return row;
  });
}

/** Reads an attached document for its applicant or an officer of the handling unit's subtree. */
export async function readFile(
  deps: Pick<Deps, "database" | "clock" | "files">,
  actor: Actor | null,
  meta: RequestMeta,
  applicationId: string,
  fileId: string,
) {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const row = await deps.database.tx(scopeOf(actor), async (tx) => {
    await visibleCase(tx, actor, applicationId);
    const found = (
      await tx
        .select()
        .from(applicationFiles)
        .where(and(eq(applicationFiles.id, fileId), eq(applicationFiles.applicationId, applicationId)))
        .limit(1)
    )[0];
    if (!found) throw notFound();
    await appendAudit(tx, deps.clock.now(), actor, meta, {
      action: "application.file_read",
      objectType: "application",
      objectId: applicationId,
      details: { file: fileId },
    });
    return found;
  });
  return { bytes: await deps.files.get(row.fileKey), type: row.type, name: row.name };
}
