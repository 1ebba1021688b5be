/** The permit as a PDF (Z p.17, C-6): for its holder, or an officer of the issuing unit's subtree. */
import { eq } from "drizzle-orm";
import { renderSpecialPdf } from "../../adapters/pdf/special.js";
import { AppError, notFound } from "../../core/errors.js";
import { localDate } from "../../core/time.js";
import { foreignerApplications, permits, units, users, zoneEntries } from "../../db/schema.js";
import { scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";

const DOCUMENTS: Record<string, { kk: string; ru: string }> = {
  FOREIGN_PASSPORT: { kk: "шетелдік паспорт", ru: "иностранный паспорт" },
  RESIDENCE_PERMIT: { kk: "тұруға ықтиярхат", ru: "вид на жительство" },
  STATELESS_CERTIFICATE: { kk: "азаматтығы жоқ адамның куәлігі", ru: "удостоверение лица без гражданства" },
};

/** Renders an issued permit; reading it is audited like any personal data. */
export async function permitPdf(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  permitId: string,
): Promise<{ pdf: Buffer; number: string }> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const scope = actor.permissions.has("applications.intake")
    ? scopeOf(actor)
    : { unitPaths: [], userId: actor.userId };
  const found = await deps.database.tx(scope, async (tx) => {
    const permit = (await tx.select().from(permits).where(eq(permits.id, permitId)).limit(1))[0];
    if (!permit) throw notFound();
    const app = (
      await tx
        .select()
        .from(foreignerApplications)
        .where(eq(foreignerApplications.id, permit.applicationId))
        .limit(1)
    )[0];
    if (!app) throw notFound();
    const unit = (await tx.select().from(units).where(eq(units.id, permit.unitId)).limit(1))[0];
    const place = (
      await tx.select().from(zoneEntries).where(eq(zoneEntries.kato, app.destinationKato)).limit(1)
    )[0];
    await appendAudit(tx, deps.clock.now(), actor, meta, {
      action: "permit.pdf",
      objectType: "permit",
      objectId: permit.number,
    });
    return { permit, app, unit, place };
  });
  // The issuing head's name is printed; the holder may not read the users table itself.
  const head = await deps.database.tx({ unitPaths: [], all: true }, (tx) =>
    tx.select({ fullName: users.fullName }).from(users).where(eq(users.id, found.permit.issuedBy)).limit(1),
  );
  const { permit, app, unit, place } = found;
  const doc = DOCUMENTS[app.documentKind] ?? { kk: app.documentKind, ru: app.documentKind };
  const pdf = await renderSpecialPdf({
    authority: {
      kk: `Қазақстан Республикасы Ішкі істер министрлігі — ${unit?.nameKk ?? ""}`,
      ru: `Министерство внутренних дел Республики Казахстан — ${unit?.nameRu ?? ""}`,
    },
    title: {
      kk: "Шекаралық аймаққа келуге және онда болуға рұқсат",
      ru: "Разрешение на въезд и пребывание в пограничной зоне",
    },
    number: permit.number,
    date: localDate(permit.issuedAt),
    lines: [
      {
        label: { kk: "Тегі, аты, әкесінің аты", ru: "Фамилия, имя, отчество" },
        value: [app.surname, app.givenName, app.patronymic].filter(Boolean).join(" "),
      },
      {
        label: { kk: "Туған күні", ru: "Дата рождения" },
        value: app.birthDate.split("-").reverse().join("."),
      },
      {
        label: { kk: "Азаматтығы", ru: "Гражданство" },
        value: app.citizenship === "STATELESS" ? "азаматтығы жоқ / без гражданства" : app.citizenship,
      },
      { label: { kk: "Құжаты", ru: "Документ" }, value: `${doc.kk} / ${doc.ru} № ${app.documentNumber}` },
      {
        label: { kk: "Келуге және болуға рұқсат етілген жер", ru: "Разрешён въезд и пребывание в" },
        value: place
          ? `${place.nameKk}, ${place.regionKk} / ${place.nameRu}, ${place.regionRu} (${place.kato})`
          : app.destinationKato,
      },
      { label: { kk: "Мақсаты", ru: "Цель" }, value: app.purpose },
      {
        label: { kk: "Жарамдылық мерзімі", ru: "Срок действия" },
        value: `${permit.validFrom.split("-").reverse().join(".")} – ${permit.validUntil.split("-").reverse().join(".")}`,
      },
      { label: { kk: "Өтініш", ru: "Заявление" }, value: app.number },
    ],
    basis: {
      kk: "Ұлттық қауіпсіздік комитетімен келісім бойынша берілді (Нұсқаулықтың 17-тармағы). Жеке басын куәландыратын құжатпен бірге ғана жарамды.",
      ru: "Выдано по согласованию с Комитетом национальной безопасности (пункт 17 Инструкции). Действительно только с документом, удостоверяющим личность.",
    },
    signer: head[0]?.fullName ?? "",
    qrPayload: permit.code,
  });
  return { pdf, number: permit.number };
}
