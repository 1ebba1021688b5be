/**
 * Special works in the border zone (Z p.28): an applicant's application is routed by the rule set
 * to the Ministry of Defence and/or the Border troops; each routed body records its decision; the
 * combined outcome (one refusal refuses) is issued as a permission document. Every step is audited.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../adapters/db/index.js";
import { renderSpecialPdf } from "../../adapters/pdf/special.js";
import { isIsoDate } from "../../core/eligibility/dates.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import type { Lang } from "../../core/i18n.js";
import {
  assertMayDecide,
  BODY_AGENCY,
  BODY_NAMES,
  combineWorks,
  routeWorks,
  specialRulesAt,
  WORK_BODIES,
  WORK_DECISIONS,
  WORK_KINDS,
  WORKS_OUTCOME_NAMES,
  WORKS_STEP_NAMES,
  type WorkBody,
  type WorkDecision,
  type WorkKind,
} from "../../core/special/index.js";
import { localDate } from "../../core/time.js";
import { CALENDAR_DATE, customMessage, KATO_FORMAT, matching } from "../../core/validation-messages.js";
import { units, users, worksApplications, worksRoutes } from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { nextInSeries } from "../passes/case.repo.js";
import { findZoneEntry } from "../reference/zone.service.js";
import { notifySpecial } from "./notices.js";

const isoDate = z.string().refine(isIsoDate, customMessage(CALENDAR_DATE));

/** What an applicant submits for special works. */
export const worksInputSchema = z.strictObject({
  organization: z.string().trim().min(2).max(200),
  contactName: z.string().trim().min(2).max(200),
  kind: z.enum(WORK_KINDS),
  // the works touch the border strip (between the border and the engineering barriers)
  inStrip: z.boolean(),
  places: z
    .array(matching(/^\d{9}$/, KATO_FORMAT, z.string().trim()))
    .min(1)
    .max(12),
  area: z.string().trim().min(3).max(1000),
  description: z.string().trim().min(3).max(2000),
  periodFrom: isoDate,
  periodUntil: isoDate,
  units: z.partialRecord(z.enum(WORK_BODIES), z.uuid()).optional(),
});
export type WorksInput = z.infer<typeof worksInputSchema>;

// The nil UUID stands for "the whole system" in the counters table: works are numbered per year.
const SYSTEM_SERIES = "00000000-0000-0000-0000-000000000000";

function requireApplicant(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (!actor.permissions.has("petitions.own") && !actor.permissions.has("applications.own"))
    throw new AppError("FORBIDDEN");
  return actor;
}

/** Units that can act for a body: units of its agency with at least one works approver. */
async function candidateUnits(tx: Tx, body: WorkBody) {
  return tx
    .selectDistinct({
      id: units.id,
      path: units.path,
      nameKk: units.nameKk,
      nameRu: units.nameRu,
      nameEn: units.nameEn,
    })
    .from(units)
    .innerJoin(users, eq(users.unitId, units.id))
    .where(
      and(
        eq(units.agency, BODY_AGENCY[body]),
        sql`'works_approver' = ANY(${users.roles})`,
        sql`${users.disabledAt} IS NULL`,
      ),
    )
    .orderBy(asc(units.nameRu));
}

/** The route for a kind and strip, with its clause and the units that can act for each body. */
export async function previewRoute(deps: Pick<Deps, "database" | "clock">, kind: WorkKind, inStrip: boolean) {
  const rules = specialRulesAt(localDate(deps.clock.now()));
  const route = routeWorks(rules, kind, inStrip);
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    // One query at a time: a transaction is one connection, which runs its queries in turn.
    const bodies = [];
    for (const b of route.bodies) {
      const candidates = await candidateUnits(tx, b.body);
      bodies.push({
        body: b.body,
        role: b.role,
        name: BODY_NAMES[b.body],
        units: candidates.map((u) => ({
          id: u.id,
          nameKk: u.nameKk,
          nameRu: u.nameRu,
          nameEn: u.nameEn ?? u.nameRu,
        })),
      });
    }
    return {
      routeId: route.id,
      rulesVersion: rules.version,
      clauses: route.clauses,
      explanation: route.explanation,
      bodies,
    };
  });
}

/** Submits an application; the rule set in force routes it (Z p.28). */
export async function submitWorks(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: WorksInput & { lang: string },
): Promise<{ id: string; number: string }> {
  const me = requireApplicant(actor);
  if (input.periodUntil < input.periodFrom)
    throw invalid("periodUntil", {
      kk: "жұмыстар басталмай жатып аяқталады",
      ru: "работы заканчиваются раньше, чем начинаются",
      en: "the works end before they begin",
    });
  const now = deps.clock.now();
  if (input.periodUntil < localDate(now))
    throw invalid("periodUntil", {
      kk: "бұл кезең өтіп кеткен",
      ru: "этот период уже прошёл",
      en: "the period is already over",
    });
  const rules = specialRulesAt(localDate(now));
  // Candidate units are not personal data; they are read system-wide, the application as the applicant.
  const chosen = await deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    let inStrip = input.inStrip;
    for (const kato of input.places) {
      const place = await findZoneEntry(tx, input.periodFrom, kato);
      if (!place)
        throw invalid("places", {
          kk: `${kato} қолданыстағы шекаралық аймақ тізімінде жоқ`,
          ru: `${kato} отсутствует в действующем перечне пограничной зоны`,
          en: `${kato} is not in the border zone list in force`,
        });
      // A place of the strip makes the works touch the strip whatever was ticked.
      if (place.inStrip) inStrip = true;
    }
    const route = routeWorks(rules, input.kind, inStrip);
    const picked: { body: WorkBody; role: string; unitId: string; unitPath: string }[] = [];
    for (const b of route.bodies) {
      const options = await candidateUnits(tx, b.body);
      const wanted = input.units?.[b.body];
      const unit = wanted
        ? options.find((o) => o.id === wanted)
        : options.length === 1
          ? options[0]
          : undefined;
      if (!unit)
        throw invalid(`units.${b.body}`, {
          kk: "шешім қабылдайтын осы органның бөлімшесін таңдаңыз",
          ru: "выберите подразделение этого органа, которое принимает решение",
          en: "choose the unit of this body that decides",
        });
      picked.push({ body: b.body, role: b.role, unitId: unit.id, unitPath: unit.path });
    }
    return { inStrip, route, picked };
  });
  return deps.database.tx({ unitPaths: [], userId: me.userId }, async (tx) => {
    const year = now.getUTCFullYear();
    const seq = await nextInSeries(tx, SYSTEM_SERIES, year, "special_works");
    const number = `АЖ-${year}-${String(seq).padStart(6, "0")}`;
    const id = randomUUID();
    await tx.insert(worksApplications).values({
      id,
      number,
      applicantUserId: me.userId,
      organization: input.organization,
      contactName: input.contactName,
      kind: input.kind,
      inStrip: chosen.inStrip,
      places: input.places,
      area: input.area,
      description: input.description,
      periodFrom: input.periodFrom,
      periodUntil: input.periodUntil,
      rulesVersion: rules.version,
      routeId: chosen.route.id,
      clauses: chosen.route.clauses,
      outcome: "PENDING",
      lang: input.lang,
      createdAt: now,
    });
    for (const p of chosen.picked) {
      await tx.insert(worksRoutes).values({
        applicationId: id,
        body: p.body,
        role: p.role,
        unitId: p.unitId,
        unitPath: p.unitPath,
        applicantUserId: me.userId,
      });
    }
    await appendAudit(tx, now, me, meta, {
      action: "special_works.submit",
      objectType: "special_works",
      objectId: id,
      details: {
        number,
        kind: input.kind,
        inStrip: chosen.inStrip,
        route: chosen.route.id,
        clauses: chosen.route.clauses,
        bodies: chosen.picked.map((p) => p.body),
      },
    });
    return { id, number };
  });
}

type AppRow = typeof worksApplications.$inferSelect;
type RouteRow = typeof worksRoutes.$inferSelect;

function scopeFor(actor: Actor) {
  return actor.permissions.has("special_works.decide")
    ? scopeOf(actor)
    : { unitPaths: [], userId: actor.userId };
}

function requireReader(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const ok = ["special_works.decide", "petitions.own", "applications.own"].some((p) =>
    actor.permissions.has(p as never),
  );
  if (!ok) throw new AppError("FORBIDDEN");
  return actor;
}

function view(row: AppRow, routes: RouteRow[], actor: Actor) {
  const scope = scopeOf(actor);
  const decisions = Object.fromEntries(
    routes.filter((r) => r.decision).map((r) => [r.body, r.decision]),
  ) as Partial<Record<WorkBody, WorkDecision>>;
  const routed = routes.map((r) => r.body as WorkBody);
  const mine = actor.permissions.has("special_works.decide")
    ? routes.filter((r) => pathInScope(scope, r.unitPath)).map((r) => r.body as WorkBody)
    : [];
  return {
    id: row.id,
    number: row.number,
    organization: row.organization,
    contactName: row.contactName,
    kind: row.kind as WorkKind,
    inStrip: row.inStrip,
    places: row.places,
    area: row.area,
    description: row.description,
    periodFrom: row.periodFrom,
    periodUntil: row.periodUntil,
    routeId: row.routeId,
    clauses: row.clauses,
    outcome: combineWorks(routed, decisions),
    outcomeAt: row.outcomeAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    routes: routes.map((r) => ({
      body: r.body as WorkBody,
      role: r.role,
      unitId: r.unitId,
      decision: r.decision as WorkDecision | null,
      reason: r.reason,
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
    // bodies this actor may decide for now
    awaiting: mine.filter((b) => {
      try {
        assertMayDecide(routed, decisions, b);
        return true;
      } catch {
        return false;
      }
    }),
  };
}

/** Applications the actor may see: applicants their own, approvers those routed to their subtree. */
export async function listWorks(deps: Pick<Deps, "database">, actor: Actor | null, limit: number) {
  const me = requireReader(actor);
  return deps.database.tx(scopeFor(me), async (tx) => {
    const rows = await tx
      .select()
      .from(worksApplications)
      .orderBy(desc(worksApplications.createdAt))
      .limit(limit);
    const routes = rows.length
      ? await tx
          .select()
          .from(worksRoutes)
          .where(
            inArray(
              worksRoutes.applicationId,
              rows.map((r) => r.id),
            ),
          )
      : [];
    return rows.map((r) =>
      view(
        r,
        routes.filter((x) => x.applicationId === r.id),
        me,
      ),
    );
  });
}

/** Loads one application with every route (a routed body sees the others' decisions too). */
async function loadWorks(tx: Tx, id: string) {
  const row = (await tx.select().from(worksApplications).where(eq(worksApplications.id, id)).limit(1))[0];
  if (!row) throw notFound();
  const routes = await tx
    .select()
    .from(worksRoutes)
    .where(eq(worksRoutes.applicationId, id))
    .orderBy(asc(worksRoutes.body));
  return { row, routes };
}

/** One application, audited as a read. */
export async function getWorks(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
) {
  const me = requireReader(actor);
  return deps.database.tx(scopeFor(me), async (tx) => {
    const { row, routes } = await loadWorks(tx, id);
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "special_works.read",
      objectType: "special_works",
      objectId: id,
    });
    return view(row, routes, me);
  });
}

/** A body's decision. */
export const worksDecisionSchema = z
  .strictObject({
    body: z.enum(WORK_BODIES).optional(),
    decision: z.enum(WORK_DECISIONS),
    reason: z.string().trim().min(3).max(1000).optional(),
  })
  .meta({ id: "SpecialWorksDecision" });

/**
 * Records the decision of a routed body (Z p.28). Only approvers of the routed unit's subtree may
 * decide; an application not routed to them answers 404. The combined outcome is fixed as soon as
 * one body refuses or all approve, and the applicant is told.
 */
export async function decideWorks(
  deps: Pick<Deps, "database" | "clock" | "notifier">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: z.infer<typeof worksDecisionSchema>,
) {
  const me = requirePermission(actor, "special_works.decide");
  const scope = scopeOf(me);
  const now = deps.clock.now();
  return deps.database.tx(scope, async (tx) => {
    const locked = (
      await tx.select().from(worksApplications).where(eq(worksApplications.id, id)).for("update").limit(1)
    )[0];
    if (!locked) throw notFound();
    const { row, routes } = await loadWorks(tx, id);
    const mine = routes.filter((r) => pathInScope(scope, r.unitPath));
    if (mine.length === 0) throw notFound();
    const route = input.body
      ? mine.find((r) => r.body === input.body)
      : mine.length === 1
        ? mine[0]
        : undefined;
    if (!route)
      throw invalid("body", {
        kk: "қай органның атынан шешім қабылдайтыныңызды көрсетіңіз",
        ru: "укажите орган, от имени которого вы принимаете решение",
        en: "name the body you decide for",
      });
    if (input.decision === "REFUSED" && !input.reason)
      throw invalid("reason", {
        kk: "бас тартудың себебі көрсетілуі керек",
        ru: "в отказе должна быть указана причина",
        en: "a refusal states its reason",
      });
    const body = route.body as WorkBody;
    const decisions = Object.fromEntries(
      routes.filter((r) => r.decision).map((r) => [r.body, r.decision]),
    ) as Partial<Record<WorkBody, WorkDecision>>;
    const routed = routes.map((r) => r.body as WorkBody);
    assertMayDecide(routed, decisions, body);
    await tx
      .update(worksRoutes)
      .set({ decision: input.decision, reason: input.reason ?? null, decidedBy: me.userId, decidedAt: now })
      .where(and(eq(worksRoutes.applicationId, id), eq(worksRoutes.body, body)));
    const outcome = combineWorks(routed, { ...decisions, [body]: input.decision });
    if (outcome !== "PENDING") {
      await tx.update(worksApplications).set({ outcome, outcomeAt: now }).where(eq(worksApplications.id, id));
    }
    await appendAudit(tx, now, me, meta, {
      action: "special_works.decide",
      objectType: "special_works",
      objectId: id,
      details: { body, decision: input.decision, outcome, clauses: row.clauses },
    });
    if (outcome !== "PENDING") {
      const words: Record<Lang, Record<"APPROVED" | "REFUSED", string>> = {
        kk: { APPROVED: "рұқсат етілді", REFUSED: "бас тартылды" },
        ru: { APPROVED: "разрешено", REFUSED: "отказано" },
        en: { APPROVED: "approved", REFUSED: "refused" },
      };
      await notifySpecial(
        tx,
        deps,
        { userId: row.applicantUserId, lang: row.lang },
        "WORKS_DECIDED",
        (lang) => ({
          number: row.number,
          outcome: words[lang][outcome],
        }),
      );
    }
    return { outcome, body };
  });
}

const KIND_NAMES: Record<WorkKind, { kk: string; ru: string }> = {
  FLIGHT: { kk: "әуе кемелерінің ұшуы", ru: "полёты воздушных судов" },
  AERIAL_PHOTOGRAPHY: { kk: "аэрофотосуретке түсіру", ru: "аэрофотосъёмка" },
  GEODETIC: { kk: "геодезиялық жұмыстар", ru: "геодезические работы" },
  TOPOGRAPHIC: { kk: "топографиялық жұмыстар", ru: "топографические работы" },
  SURVEY: {
    kk: "геологиялық, гидротехникалық, жол және басқа іздеулер",
    ru: "геологические, гидротехнические, дорожные и другие изыскания",
  },
  WATER_REGIME: {
    kk: "шекаралық суаттардың су режимін өзгертетін жұмыстар",
    ru: "работы, изменяющие водный режим пограничных водоёмов",
  },
  FILMING: { kk: "жерді кинофотосуретке түсіру", ru: "кино- и фотосъёмка местности" },
};

/** The combined outcome as a document: the permission, or the refusal with every body's reason. */
export async function worksPdf(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<{ pdf: Buffer; number: string }> {
  const me = requireReader(actor);
  const { row, routes } = await deps.database.tx(scopeFor(me), async (tx) => {
    const loaded = await loadWorks(tx, id);
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "special_works.pdf",
      objectType: "special_works",
      objectId: id,
    });
    return loaded;
  });
  const outcome = combineWorks(
    routes.map((r) => r.body as WorkBody),
    Object.fromEntries(routes.filter((r) => r.decision).map((r) => [r.body, r.decision])),
  );
  if (outcome === "PENDING") {
    throw new AppError("ILLEGAL_TRANSITION", {
      params: { action: WORKS_STEP_NAMES.PDF, state: WORKS_OUTCOME_NAMES.PENDING, clause: "Z p.28" },
      clause: "Z p.28",
      details: [{ action: "PDF", state: "PENDING" }],
    });
  }
  const verdict = (d: string | null) =>
    d === "APPROVED" ? "келісілді / согласовано" : d === "REFUSED" ? "бас тартылды / отказано" : "—";
  const approved = outcome === "APPROVED";
  const pdf = await renderSpecialPdf({
    authority: { kk: "Шекаралық аймақтағы арнайы жұмыстар", ru: "Специальные работы в пограничной зоне" },
    title: approved
      ? { kk: "Арнайы жұмыстарды жүргізуге рұқсат", ru: "Разрешение на проведение специальных работ" }
      : { kk: "Арнайы жұмыстарға рұқсат беруден бас тарту", ru: "Отказ в разрешении специальных работ" },
    number: row.number,
    date: localDate(row.outcomeAt ?? deps.clock.now()),
    lines: [
      { label: { kk: "Өтініш беруші", ru: "Заявитель" }, value: `${row.organization} (${row.contactName})` },
      {
        label: { kk: "Жұмыс түрі", ru: "Вид работ" },
        value: `${KIND_NAMES[row.kind as WorkKind].kk} / ${KIND_NAMES[row.kind as WorkKind].ru}`,
      },
      {
        label: { kk: "Шекаралық белдеу", ru: "Пограничная полоса" },
        value: row.inStrip ? "иә / да" : "жоқ / нет",
      },
      {
        label: { kk: "Жүргізілетін жер", ru: "Место проведения" },
        value: `${row.area} (${row.places.join(", ")})`,
      },
      {
        label: { kk: "Мерзімі", ru: "Срок" },
        value: `${row.periodFrom.split("-").reverse().join(".")} – ${row.periodUntil.split("-").reverse().join(".")}`,
      },
      ...routes.map((r) => ({
        label: BODY_NAMES[r.body as WorkBody],
        value: `${verdict(r.decision)}${r.reason ? ` — ${r.reason}` : ""}${r.decidedAt ? ` (${localDate(r.decidedAt).split("-").reverse().join(".")})` : ""}`,
      })),
    ],
    basis: {
      kk: `Негізі: Нұсқаулықтың 28-тармағы (${row.clauses.join(", ")}). Бір органның бас тартуы бүкіл өтінішке бас тарту болып табылады.`,
      ru: `Основание: пункт 28 Инструкции (${row.clauses.join(", ")}). Отказ одного органа означает отказ по всему заявлению.`,
    },
    signer: "",
  });
  return { pdf, number: row.number };
}
