import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Tx } from "../../adapters/db/index.js";
import { isCalendarDate } from "../../core/coordination/dates.js";
import {
  type ActAction,
  type ActStatus,
  decideActAction,
  HANDOVER_CLAUSE,
  HANDOVER_KIND_CODES,
  HANDOVER_KINDS,
  type HandoverKind,
  isOpen,
  isParty,
} from "../../core/coordination/index.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { CALENDAR_DATE, customMessage } from "../../core/validation-messages.js";
import { custodyEvents, handoverActItems, handoverActs, handoverItems, units } from "../../db/schema.js";
import { scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import { canonicalJson } from "../audit/canonical.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { requireAnyPermission, unitById } from "./parties.js";

/** Personal data of a handed-over person, as written on the act. */
export const personSchema = z.strictObject({
  fullName: z.string().trim().min(1).max(300),
  birthDate: z.string().refine(isCalendarDate, customMessage(CALENDAR_DATE)).optional(),
  citizenship: z.string().trim().min(2).max(100),
  document: z.string().trim().max(100).optional(),
});

/** A line of a new act: an item already in the giving unit's custody, or a new one registered now. */
export const actLineSchema = z.union([
  z.strictObject({ itemId: z.uuid() }),
  z.strictObject({
    kind: z.enum(HANDOVER_KIND_CODES as [HandoverKind, ...HandoverKind[]]),
    description: z.string().trim().min(1).max(1000),
    quantity: z.string().trim().min(1).max(50),
    person: personSchema.optional(),
  }),
]);

export type ActLine = z.infer<typeof actLineSchema>;

/** A handed-over person or item, with its custodian. */
export interface ItemView {
  id: string;
  kind: HandoverKind;
  description: string;
  quantity: string;
  person: z.infer<typeof personSchema> | null;
  custodianUnitId: string;
  pendingActId: string | null;
  discrepancy?: string | null;
}

/** An act with its inventory and signatures. */
export interface ActView {
  id: string;
  number: string;
  status: ActStatus;
  place: string;
  basis: string;
  clause: string;
  giver: {
    unitId: string;
    code: string;
    nameKk: string;
    nameRu: string;
    nameEn: string | null;
    agency: string;
  };
  receiver: {
    unitId: string;
    code: string;
    nameKk: string;
    nameRu: string;
    nameEn: string | null;
    agency: string;
  };
  giverSignature: { name: string; at: string } | null;
  receiverSignature: { name: string; at: string } | null;
  contentHash: string | null;
  closingNote: string | null;
  createdAt: string;
  isDemo: boolean;
  items: ItemView[];
  allowed: ActAction[];
}

type ActRow = typeof handoverActs.$inferSelect;
type ItemRow = typeof handoverItems.$inferSelect;

const MANAGE = ["handovers.manage"] as const;

function itemView(row: ItemRow, discrepancy?: string | null): ItemView {
  return {
    id: row.id,
    kind: row.kind as HandoverKind,
    description: row.description,
    quantity: row.quantity,
    person: (row.person as ItemView["person"]) ?? null,
    custodianUnitId: row.custodianUnitId,
    pendingActId: row.pendingActId,
    ...(discrepancy === undefined ? {} : { discrepancy }),
  };
}

/** The inventory's fingerprint: what both officers sign. */
function contentHashOf(act: ActRow, items: ItemView[]): string {
  const content = canonicalJson({
    number: act.number,
    giverUnitId: act.giverUnitId,
    receiverUnitId: act.receiverUnitId,
    place: act.place,
    basis: act.basis,
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      description: i.description,
      quantity: i.quantity,
      person: i.person,
    })),
  });
  return createHash("sha256").update(content).digest("hex");
}

async function actItems(tx: Tx, actId: string): Promise<ItemView[]> {
  const rows = await tx
    .select({ item: handoverItems, discrepancy: handoverActItems.discrepancy })
    .from(handoverActItems)
    .innerJoin(handoverItems, eq(handoverItems.id, handoverActItems.itemId))
    .where(eq(handoverActItems.actId, actId))
    .orderBy(asc(handoverActItems.line));
  return rows.map((r) => itemView(r.item, r.discrepancy));
}

function unitView(u: typeof units.$inferSelect) {
  return {
    unitId: u.id,
    code: u.code,
    nameKk: u.nameKk,
    nameRu: u.nameRu,
    nameEn: u.nameEn,
    agency: u.agency,
  };
}

function allowedFor(actor: Actor, row: ActRow): ActAction[] {
  const out: ActAction[] = [];
  for (const action of ["SIGN_GIVE", "SIGN_RECEIVE", "REFUSE", "CANCEL"] as const) {
    try {
      decideActAction(row.status as ActStatus, action, actor.unitId, row);
      out.push(action);
    } catch {
      // not allowed now
    }
  }
  return actor.permissions.has("handovers.manage") ? out : [];
}

async function viewOf(tx: Tx, actor: Actor, row: ActRow): Promise<ActView> {
  // In turn: a transaction's queries share one connection.
  const giver = await unitById(tx, row.giverUnitId);
  const receiver = await unitById(tx, row.receiverUnitId);
  if (!giver || !receiver) throw new Error("act units missing");
  return {
    id: row.id,
    number: row.number,
    status: row.status as ActStatus,
    place: row.place,
    basis: row.basis,
    clause: HANDOVER_CLAUSE,
    giver: unitView(giver),
    receiver: unitView(receiver),
    giverSignature:
      row.giverSignerName && row.giverSignedAt
        ? { name: row.giverSignerName, at: row.giverSignedAt.toISOString() }
        : null,
    receiverSignature:
      row.receiverSignerName && row.receiverSignedAt
        ? { name: row.receiverSignerName, at: row.receiverSignedAt.toISOString() }
        : null,
    contentHash: row.contentHash,
    closingNote: row.closingNote,
    createdAt: row.createdAt.toISOString(),
    isDemo: row.isDemo,
    items: await actItems(tx, row.id),
    allowed: allowedFor(actor, row),
  };
}

async function loadAct(tx: Tx, id: string, lock = false): Promise<ActRow> {
  // Row-level security hides other units' acts: they answer "not found".
  const query = tx.select().from(handoverActs).where(eq(handoverActs.id, id)).limit(1);
  const row = (lock ? await query.for("update") : await query)[0];
  if (!row) throw notFound();
  return row;
}

/** Reading an act with persons on it is a read of personal data (C-3): audited. */
async function auditPersonalRead(
  tx: Tx,
  deps: Pick<Deps, "clock">,
  actor: Actor,
  meta: RequestMeta,
  view: ActView,
) {
  if (view.items.some((i) => i.person)) {
    await appendAudit(tx, deps.clock.now(), actor, meta, {
      action: "handover.read",
      objectType: "handover_act",
      objectId: view.id,
      details: { persons: view.items.filter((i) => i.person).length },
    });
  }
}

/** The acts the actor's unit subtree gave or received, newest first. */
export async function listActs(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  filter: { status?: ActStatus } = {},
): Promise<Omit<ActView, "items" | "allowed">[]> {
  const me = requireAnyPermission(actor, [...MANAGE, "coordination.read"]);
  return deps.database.tx(scopeOf(me), async (tx) => {
    const rows = await tx
      .select()
      .from(handoverActs)
      .where(filter.status ? eq(handoverActs.status, filter.status) : undefined)
      .orderBy(desc(handoverActs.createdAt))
      .limit(500);
    const out = [];
    for (const row of rows) {
      const { items: _i, allowed: _a, ...view } = await viewOf(tx, me, row);
      out.push(view);
    }
    return out;
  });
}

/** One act with its inventory; other units' acts answer "not found". */
export async function getAct(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<ActView> {
  const me = requireAnyPermission(actor, [...MANAGE, "coordination.read"]);
  return deps.database.tx(scopeOf(me), async (tx) => {
    const view = await viewOf(tx, me, await loadAct(tx, id));
    await auditPersonalRead(tx, deps, me, meta, view);
    return view;
  });
}

/** The persons and items in the custody of the actor's own unit, free to be handed over. */
export async function itemsInCustody(deps: Pick<Deps, "database">, actor: Actor | null): Promise<ItemView[]> {
  const me = requireAnyPermission(actor, MANAGE);
  if (!me.unitId) return [];
  const unitId = me.unitId;
  return deps.database.tx(scopeOf(me), async (tx) => {
    const rows = await tx
      .select()
      .from(handoverItems)
      .where(eq(handoverItems.custodianUnitId, unitId))
      .orderBy(desc(handoverItems.createdAt))
      .limit(500);
    return rows.map((r) => itemView(r));
  });
}

/** The chain of custody of one item: who held it, from when, by which act. */
export async function custodyChain(deps: Pick<Deps, "database">, actor: Actor | null, itemId: string) {
  const me = requireAnyPermission(actor, [...MANAGE, "coordination.read"]);
  return deps.database.tx(scopeOf(me), async (tx) => {
    const item = (await tx.select().from(handoverItems).where(eq(handoverItems.id, itemId)).limit(1))[0];
    if (!item) throw notFound();
    const chain = await tx
      .select({
        seq: custodyEvents.seq,
        fromUnitId: custodyEvents.fromUnitId,
        toUnitId: custodyEvents.toUnitId,
        actId: custodyEvents.actId,
        actNumber: handoverActs.number,
        at: custodyEvents.at,
        toCode: units.code,
      })
      .from(custodyEvents)
      .leftJoin(handoverActs, eq(handoverActs.id, custodyEvents.actId))
      .innerJoin(units, eq(units.id, custodyEvents.toUnitId))
      .where(eq(custodyEvents.itemId, itemId))
      .orderBy(asc(custodyEvents.seq));
    return {
      item: itemView(item),
      chain: chain.map((c) => ({ ...c, at: c.at.toISOString() })),
    };
  });
}

/**
 * Draws up an act (X p.9.6): the actor's unit gives, another agency's unit receives. New persons
 * and items are registered in the giver's custody; existing ones must be held by the giver and not
 * in another open act. Everything is reserved for this act until it closes.
 */
export async function createAct(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: {
    receiverUnitId: string;
    place: string;
    basis: string;
    items: ActLine[];
    isDemo?: boolean;
    /** The client's Idempotency-Key: a retry with the same key returns the first act. */
    idempotencyKey?: string | undefined;
  },
): Promise<ActView> {
  const me = requireAnyPermission(actor, MANAGE);
  if (!me.unitId)
    throw invalid("receiverUnitId", {
      kk: "актіні тек бөлімше қызметкері жасай алады",
      ru: "акт составляет только сотрудник подразделения",
      en: "only an officer of a unit draws up an act",
    });
  if (input.items.length === 0)
    throw invalid("body.items", {
      kk: "кемінде бір адамды немесе затты көрсетіңіз",
      ru: "укажите хотя бы одно лицо или один предмет",
      en: "list at least one person or item",
    });
  const now = deps.clock.now();
  const giverId = me.unitId;
  return deps.database.tx(scopeOf(me), async (tx) => {
    if (input.idempotencyKey) {
      const [first] = await tx
        .select()
        .from(handoverActs)
        .where(
          and(eq(handoverActs.createdBy, me.userId), eq(handoverActs.idempotencyKey, input.idempotencyKey)),
        )
        .limit(1);
      if (first) return viewOf(tx, me, first);
    }
    const giver = await unitById(tx, giverId);
    const receiver = await unitById(tx, input.receiverUnitId);
    if (!giver || !isParty(giver.agency))
      throw invalid("receiverUnitId", {
        kk: "беруші бөлімше өткізу бекетіндегі органның бөлімшесі емес",
        ru: "передающее подразделение не является подразделением органа на пункте пропуска",
        en: "the giving unit is not a checkpoint agency's unit",
      });
    if (!receiver || !isParty(receiver.agency)) {
      throw invalid("body.receiverUnitId", {
        kk: "қабылдаушы өткізу бекетіндегі органның бөлімшесі болуы керек",
        ru: "принимающий должен быть подразделением органа на пункте пропуска",
        en: "the receiver must be a unit of a checkpoint agency",
      });
    }
    if (receiver.agency === giver.agency) {
      throw invalid("body.receiverUnitId", {
        kk: "акт бір органнан екінші органға беріледі (X 9.6-т.)",
        ru: "акт передаёт от одного ведомства другому (X п.9.6)",
        en: "an act hands over from one agency to another (X p.9.6)",
      });
    }
    input.items.forEach((line, index) => {
      if ("kind" in line && HANDOVER_KINDS[line.kind].person !== Boolean(line.person)) {
        throw invalid(
          `body.items.${index}.person`,
          HANDOVER_KINDS[line.kind].person
            ? {
                kk: "адамның дербес деректері көрсетілуі керек",
                ru: "для лица нужно указать его персональные данные",
                en: "a person needs their personal data",
              }
            : {
                kk: "дербес деректер тек адамдар үшін толтырылады",
                ru: "персональные данные указываются только для лиц",
                en: "only persons carry personal data",
              },
        );
      }
    });
    const seq = rowsOf<{ n: string }>(
      await tx.execute(sql`SELECT nextval('handover_act_numbers')::text AS n`),
    )[0]?.n;
    const number = `${now.getUTCFullYear()}-${String(seq).padStart(6, "0")}`;
    const [act] = await tx
      .insert(handoverActs)
      .values({
        number,
        giverUnitId: giver.id,
        giverUnitPath: giver.path,
        receiverUnitId: receiver.id,
        receiverUnitPath: receiver.path,
        status: "DRAFT",
        place: input.place,
        basis: input.basis,
        createdBy: me.userId,
        idempotencyKey: input.idempotencyKey ?? null,
        isDemo: input.isDemo ?? false,
        createdAt: now,
      })
      .returning();
    if (!act) throw new Error("insert returned no row");
    const existingIds = input.items.flatMap((l) => ("itemId" in l ? [l.itemId] : [])).sort();
    if (new Set(existingIds).size !== existingIds.length)
      throw invalid("body.items", {
        kk: "бір зат екі рет көрсетілген",
        ru: "предмет указан дважды",
        en: "an item is listed twice",
      });
    // Lock in id order so concurrent acts over the same items queue instead of deadlocking.
    const held = existingIds.length
      ? await tx
          .select()
          .from(handoverItems)
          .where(inArray(handoverItems.id, existingIds))
          .orderBy(asc(handoverItems.id))
          .for("update")
      : [];
    for (const id of existingIds) {
      const item = held.find((h) => h.id === id);
      if (!item || item.custodianUnitId !== giver.id || item.pendingActId !== null) {
        throw new AppError("HANDOVER_ITEM_UNAVAILABLE", {
          params: { item: item?.description ?? id },
          clause: HANDOVER_CLAUSE,
        });
      }
    }
    let line = 0;
    for (const entry of input.items) {
      line += 1;
      let itemId: string;
      if ("itemId" in entry) {
        itemId = entry.itemId;
        await tx.update(handoverItems).set({ pendingActId: act.id }).where(eq(handoverItems.id, itemId));
      } else {
        const [item] = await tx
          .insert(handoverItems)
          .values({
            kind: entry.kind,
            description: entry.description,
            quantity: entry.quantity,
            person: entry.person ?? null,
            custodianUnitId: giver.id,
            custodianUnitPath: giver.path,
            pendingActId: act.id,
            isDemo: input.isDemo ?? false,
            createdAt: now,
          })
          .returning({ id: handoverItems.id });
        if (!item) throw new Error("insert returned no row");
        itemId = item.id;
        await tx.insert(custodyEvents).values({
          itemId,
          seq: 1,
          fromUnitId: null,
          fromUnitPath: null,
          toUnitId: giver.id,
          toUnitPath: giver.path,
          actId: null,
          at: now,
        });
      }
      await tx.insert(handoverActItems).values({ actId: act.id, itemId, line });
    }
    await appendAudit(tx, now, me, meta, {
      action: "handover.create",
      objectType: "handover_act",
      objectId: act.id,
      details: { number, receiver: receiver.code, lines: input.items.length },
    });
    return viewOf(tx, me, act);
  });
}

/**
 * Signs, refuses or cancels an act. The receiver's signature moves custody of every item to the
 * receiving unit in the same transaction, and must be given on the inventory the giver signed
 * (`contentHash`). Discrepancies the receiver found are recorded per item.
 */
export async function actOnAct(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: {
    action: ActAction;
    contentHash?: string;
    reason?: string;
    discrepancies?: { itemId: string; note: string }[];
  },
): Promise<ActView> {
  const me = requireAnyPermission(actor, MANAGE);
  const now = deps.clock.now();
  if (input.action === "REFUSE" && !input.reason?.trim())
    throw invalid("body.reason", {
      kk: "бас тарту себебін көрсетіңіз",
      ru: "укажите причину отказа",
      en: "give the reason for refusing",
    });
  return deps.database.tx(scopeOf(me), async (tx) => {
    const act = await loadAct(tx, id, true);
    const next = decideActAction(act.status as ActStatus, input.action, me.unitId, act);
    const items = await actItems(tx, act.id);
    const ids = items.map((i) => i.id).sort();
    const locked = await tx
      .select()
      .from(handoverItems)
      .where(inArray(handoverItems.id, ids))
      .orderBy(asc(handoverItems.id))
      .for("update");
    for (const item of locked) {
      // The reservation makes this impossible; checked anyway so a broken invariant never spreads.
      if (item.pendingActId !== act.id || item.custodianUnitId !== act.giverUnitId) {
        throw new AppError("HANDOVER_ITEM_UNAVAILABLE", {
          params: { item: item.description },
          clause: HANDOVER_CLAUSE,
        });
      }
    }
    const set: Partial<ActRow> = { status: next };
    if (input.action === "SIGN_GIVE") {
      set.giverSignedBy = me.userId;
      set.giverSignerName = me.fullName;
      set.giverSignedAt = now;
      set.contentHash = contentHashOf(act, items);
    }
    if (input.action === "SIGN_RECEIVE") {
      if (input.contentHash !== act.contentHash) {
        throw invalid("body.contentHash", {
          kk: "акт сіз ашқаннан кейін өзгерді: бетті қайта жүктеп, тізімдемені тексеріңіз",
          ru: "акт изменился после того, как вы его открыли: обновите страницу и проверьте опись",
          en: "the act changed since you opened it: reload and check the inventory",
        });
      }
      for (const d of input.discrepancies ?? []) {
        if (!ids.includes(d.itemId))
          throw invalid("body.discrepancies", {
            kk: "сәйкессіздік актіде жоқ зат бойынша көрсетілген",
            ru: "расхождение указано для предмета, которого нет в акте",
            en: "a discrepancy names an item not on the act",
          });
        await tx
          .update(handoverActItems)
          .set({ discrepancy: d.note })
          .where(and(eq(handoverActItems.actId, act.id), eq(handoverActItems.itemId, d.itemId)));
      }
      set.receiverSignedBy = me.userId;
      set.receiverSignerName = me.fullName;
      set.receiverSignedAt = now;
      const receiverPath = act.receiverUnitPath;
      // The next link's number comes from the locked item row: earlier links may lie outside the
      // receiver's scope (row-level security), so they are not counted here.
      for (const item of locked) {
        await tx.insert(custodyEvents).values({
          itemId: item.id,
          seq: item.custodySeq + 1,
          fromUnitId: act.giverUnitId,
          fromUnitPath: act.giverUnitPath,
          toUnitId: act.receiverUnitId,
          toUnitPath: receiverPath,
          actId: act.id,
          at: now,
        });
      }
      await tx
        .update(handoverItems)
        .set({
          custodianUnitId: act.receiverUnitId,
          custodianUnitPath: receiverPath,
          pendingActId: null,
          custodySeq: sql`${handoverItems.custodySeq} + 1`,
        })
        .where(inArray(handoverItems.id, ids));
    }
    if (!isOpen(next) && next !== "COMPLETED") {
      set.closingNote = input.reason ?? null;
      await tx.update(handoverItems).set({ pendingActId: null }).where(inArray(handoverItems.id, ids));
    }
    const [updated] = await tx.update(handoverActs).set(set).where(eq(handoverActs.id, act.id)).returning();
    if (!updated) throw new Error("update returned no row");
    await appendAudit(tx, now, me, meta, {
      action: `handover.${input.action.toLowerCase()}`,
      objectType: "handover_act",
      objectId: act.id,
      details: {
        from: act.status,
        to: next,
        discrepancies: input.discrepancies?.length ?? 0,
        reason: input.reason ?? null,
      },
    });
    return viewOf(tx, me, updated);
  });
}

/** Units an act may be addressed to: the other checkpoint agencies' units (names only). */
export async function receiverUnits(deps: Pick<Deps, "database">, actor: Actor | null) {
  const me = requireAnyPermission(actor, MANAGE);
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const own = me.unitId ? await unitById(tx, me.unitId) : null;
    const rows = await tx
      .select({
        id: units.id,
        code: units.code,
        agency: units.agency,
        nameKk: units.nameKk,
        nameRu: units.nameRu,
        nameEn: units.nameEn,
      })
      .from(units)
      .where(or(eq(units.agency, "IAB"), eq(units.agency, "NSC"), eq(units.agency, "CUSTOMS")))
      .orderBy(asc(units.code));
    return rows.filter((r) => r.agency !== own?.agency);
  });
}
