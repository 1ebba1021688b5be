import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { inSubtrees } from "../../adapters/db/subtree.js";
import type { Config } from "../../config.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import {
  addresseesOf,
  advanceObligation,
  defaultPeriod,
  type ExchangeClassId,
  type ExchangeClassRule,
  exchangeRuleAt,
  isPeriodicClass,
  localDateOf,
  obligationForPeriod,
  topicPayloadSchema,
  urgentObligation,
} from "../../core/exchange/index.js";
import { issueDetail } from "../../core/validation-messages.js";
import {
  exchangeAddressees,
  exchangeAttachments,
  exchangeMessages,
  exchangeObligations,
  exchangeOutbox,
} from "../../db/schema.js";
import { requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { exchangeRules, recordDelivery, upsertObligation } from "./obligations.service.js";
import { allUnits, type ExchangeUnitRow, unitById } from "./units.js";
import { MAX_ATTACHMENT_BYTES, wireMessage } from "./wire.js";

/** A file attached to a message at compose time. */
export interface AttachmentInput {
  fileName: string;
  contentType: string;
  dataBase64: string;
}

/** What a sender (or duty officer, for ORAL entries) provides. */
export interface MessageInput {
  classId: ExchangeClassId;
  topic: string;
  mode: "ORAL" | "WRITTEN";
  payload: Record<string, unknown>;
  freeText?: string | undefined;
  officialUse?: boolean | undefined;
  period?: string | undefined;
  eventAt?: string | undefined;
  confirmsId?: string | undefined;
  passedTo?: string | undefined;
  /** ORAL: when it was passed (defaults to now; never in the future). */
  passedAt?: string | undefined;
  attachments?: AttachmentInput[] | undefined;
  /** The client's Idempotency-Key: a retry with the same key returns the first message. */
  idempotencyKey?: string | undefined;
}

/** A message as the API shows it. */
export interface MessageView {
  id: string;
  classId: string;
  topic: string;
  clause: string;
  ruleVersion: number;
  mode: string;
  payload: Record<string, unknown>;
  freeText: string | null;
  officialUse: boolean;
  period: string | null;
  eventAt: string | null;
  confirmsId: string | null;
  passedTo: string | null;
  sentAt: string;
  authorName: string | null;
  origin: string;
  isDemo: boolean;
  sender: UnitRef;
  addressees: (UnitRef & {
    kind: string;
    acknowledgedAt: string | null;
    acknowledgedByName: string | null;
  })[];
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
  /** The obligation this message created (oral urgent notice) or discharged, with its deadline. */
  obligations: ObligationRef[];
}

/** A unit named in a view. */
export interface UnitRef {
  unitId: string;
  code: string;
  agency: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
}

/** An obligation named in a message view. */
export interface ObligationRef {
  id: string;
  classId: string;
  period: string;
  clause: string;
  opensAt: string;
  dueAt: string;
  deliveredAt: string | null;
  role: "CREATED" | "DISCHARGED";
}

const MAX_FUTURE_SKEW_MS = 60_000;

function ref(unit: ExchangeUnitRow): UnitRef {
  return {
    unitId: unit.id,
    code: unit.code,
    agency: unit.agency,
    nameKk: unit.nameKk,
    nameRu: unit.nameRu,
    nameEn: unit.nameEn,
  };
}

function ruleFor(classId: ExchangeClassId, date: string): ExchangeClassRule {
  const rule = exchangeRuleAt(exchangeRules, classId, date);
  if (!rule)
    throw invalid("classId", {
      kk: `${date} күні күшіндегі ${classId} ережесі жоқ`,
      ru: `на ${date} нет действующего правила ${classId}`,
      en: `no ${classId} rule is in force on ${date}`,
    });
  return rule;
}

function parseInstant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw invalid(field, {
      kk: "ISO форматындағы күн мен уақыт болуы керек",
      ru: "должно быть датой и временем в формате ISO",
      en: "must be an ISO date-time",
    });
  return d;
}

/** Checks mode, topic and fields against the class's rule; returns the rule and validated payload. */
function validate(input: MessageInput, rule: ExchangeClassRule): Record<string, unknown> {
  const oralAllowed = rule.delivery !== "WRITTEN";
  const writtenAllowed = rule.delivery !== "ORAL";
  if (input.mode === "ORAL" && !oralAllowed) {
    throw invalid("mode", {
      kk: `Бұл ақпарат жазбаша жіберіледі (${rule.clause})`,
      ru: `Эта информация направляется письменно (${rule.clause})`,
      en: `This information is sent in writing (${rule.clause})`,
    });
  }
  if (input.mode === "WRITTEN" && !writtenAllowed) {
    throw invalid("mode", {
      kk: `Бұл ақпарат ауызша беріледі және кезекшілік журналына жазылады (${rule.clause})`,
      ru: `Эта информация передаётся устно и записывается в журнал дежурного (${rule.clause})`,
      en: `This information is passed orally and recorded in the duty log (${rule.clause})`,
    });
  }
  const topic = rule.topics.find((t) => t.code === input.topic);
  if (!topic)
    throw invalid("topic", {
      kk: `${rule.id} тақырыбы емес: ${input.topic}`,
      ru: `не является темой ${rule.id}: ${input.topic}`,
      en: `not a topic of ${rule.id}: ${input.topic}`,
    });
  const parsed = topicPayloadSchema(topic).safeParse(input.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue
      ? issue.code === "unrecognized_keys"
        ? [...issue.path, issue.keys[0] ?? ""]
        : issue.path
      : [];
    const field = ["payload", ...path.map(String)].filter(Boolean).join(".");
    throw invalid(field, issueDetail(issue, field));
  }
  return parsed.data;
}

/**
 * Sends a written message or records an oral one in the duty log (X p.5, SPEC X-3..X-8), in one
 * transaction with: its addressees (triad counterparts, and the superior where the class says),
 * the obligation it creates (oral urgent notice → written confirmation due in 2 hours) or
 * discharges, the outbox rows for peer systems, and its audit entry.
 */
export async function createMessage(
  deps: Pick<Deps, "database" | "clock" | "files"> & {
    config: Pick<Config, "exchangePeers" | "exchangeSelfId">;
  },
  actor: Actor | null,
  meta: RequestMeta,
  input: MessageInput,
  opts: { isDemo?: boolean } = {},
): Promise<{ message: MessageView; created: boolean }> {
  const me = requirePermission(actor, input.mode === "ORAL" ? "exchange.duty" : "exchange.send");
  if (!me.unitId)
    throw invalid("unitId", {
      kk: "ақпарат алмасуды тек бөлімше қызметкерлері жүргізеді (X p.5)",
      ru: "обмениваться информацией могут только сотрудники подразделения (X p.5)",
      en: "only officers of a unit exchange information (X p.5)",
    });
  const now = deps.clock.now();
  const passedAt = parseInstant(input.passedAt, "passedAt");
  if (passedAt && input.mode !== "ORAL")
    throw invalid("passedAt", {
      kk: "тек ауызша жазбалар өткен уақытпен енгізіледі",
      ru: "задним числом вносятся только устные записи",
      en: "only oral entries are back-dated",
    });
  const sentAt = passedAt ?? now;
  if (sentAt.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS)
    throw invalid("passedAt", {
      kk: "болашақ уақыт болмауы керек",
      ru: "не может быть в будущем",
      en: "must not be in the future",
    });
  if (input.mode === "ORAL" && !input.passedTo?.trim()) {
    throw invalid("passedTo", {
      kk: "ақпарат кімге берілгенін көрсетіңіз",
      ru: "укажите, кому передана информация",
      en: "name the person the information was passed to",
    });
  }
  // A retry of a send that was written (the answer lost) returns it before anything is stored again.
  const replay = await messageByIdempotencyKey(deps, me, input.idempotencyKey);
  if (replay) return { message: replay, created: false };
  const files: { input: AttachmentInput; bytes: Buffer }[] = [];
  for (const [i, a] of (input.attachments ?? []).entries()) {
    const bytes = Buffer.from(a.dataBase64, "base64");
    if (bytes.length === 0)
      throw invalid(`attachments.${i}`, {
        kk: "бос файл",
        ru: "пустой файл",
        en: "empty file",
      });
    if (bytes.length > MAX_ATTACHMENT_BYTES)
      throw invalid(`attachments.${i}`, {
        kk: "5 МБ-тан үлкен",
        ru: "больше 5 МБ",
        en: "larger than 5 MB",
      });
    files.push({ input: a, bytes });
  }
  const keys = await Promise.all(files.map((f) => deps.files.put(f.bytes)));

  return deps.database.tx(scopeOf(me), async (tx) => {
    const sender = await unitById(tx, me.unitId as string);
    const localDate = localDateOf(sentAt, sender.timeZone);
    const rule = ruleFor(input.classId, localDate);
    const payload = validate(input, rule);
    const units = await allUnits(tx);
    const addressees = addresseesOf(sender, units, rule.copyToSuperior === true);
    if (!addressees.some((a) => a.kind === "COUNTERPART")) {
      throw invalid("unitId", {
        kk: "Бөлімшенің өзара іс-қимыл үштігінде әріптестері жоқ (X p.8)",
        ru: "У подразделения нет взаимодействующих подразделений в тройке (X p.8)",
        en: "The unit has no counterparts in an interaction triad (X p.8)",
      });
    }
    const byId = new Map(units.map((u) => [u.id, u]));
    const id = randomUUID();

    // The period a periodic message reports on, and the event an advance one precedes.
    let period: string | null = null;
    if (isPeriodicClass(input.classId)) {
      const opensOnDay = rule.id === "MONTHLY" ? rule.timing.opensOnDay : 28;
      period = input.period ?? defaultPeriod(input.classId, sentAt, sender.timeZone, opensOnDay);
    } else if (input.period !== undefined) {
      throw invalid("period", {
        kk: `${input.classId} ақпаратының есепті кезеңі жоқ`,
        ru: `у информации ${input.classId} нет отчётного периода`,
        en: `${input.classId} information has no reporting period`,
      });
    }
    const eventAt = parseInstant(input.eventAt, "eventAt") ?? null;
    if (input.classId === "ADVANCE" && !eventAt)
      throw invalid("eventAt", {
        kk: "алдын ала ақпаратта оқиға көрсетілуі керек",
        ru: "в заблаговременной информации должно быть указано событие",
        en: "advance information names its event",
      });
    if (input.classId !== "ADVANCE" && eventAt)
      throw invalid("eventAt", {
        kk: "оқиға тек алдын ала ақпаратта болады",
        ru: "событие указывается только в заблаговременной информации",
        en: "only advance information has an event",
      });

    let confirms: typeof exchangeMessages.$inferSelect | undefined;
    if (input.confirmsId !== undefined) {
      if (input.classId !== "URGENT" || input.mode !== "WRITTEN") {
        throw invalid("confirmsId", {
          kk: "ауызша хабарламаны тек жазбаша жедел хабар растайды (X p.5.1)",
          ru: "устное сообщение подтверждается только письменным оперативным сообщением (X p.5.1)",
          en: "only a written urgent message confirms an oral notice (X p.5.1)",
        });
      }
      [confirms] = await tx
        .select()
        .from(exchangeMessages)
        .where(and(eq(exchangeMessages.id, input.confirmsId), eq(exchangeMessages.senderUnitId, sender.id)))
        .limit(1);
      if (confirms?.classId !== "URGENT" || confirms.mode !== "ORAL") {
        throw invalid("confirmsId", {
          kk: "бұл бөлімшеде осындай id-мен ауызша жедел хабарлама жоқ",
          ru: "у этого подразделения нет устного оперативного сообщения с таким id",
          en: "no oral urgent notice of this unit with that id",
        });
      }
    }

    await tx.insert(exchangeMessages).values({
      id,
      senderUnitId: sender.id,
      senderUnitPath: sender.path,
      addresseePaths: addressees.map((a) => byId.get(a.unitId)?.path ?? ""),
      classId: input.classId,
      topic: input.topic,
      ruleVersion: rule.version,
      clause: rule.clause,
      mode: input.mode,
      payload,
      freeText: input.freeText?.trim() || null,
      officialUse: input.officialUse ?? true,
      period,
      eventAt,
      confirmsId: confirms?.id ?? null,
      passedTo: input.mode === "ORAL" ? (input.passedTo?.trim() ?? null) : null,
      sentAt,
      authorId: me.userId,
      idempotencyKey: input.idempotencyKey ?? null,
      authorName: me.fullName,
      isDemo: opts.isDemo ?? false,
      createdAt: now,
    });
    await tx.insert(exchangeAddressees).values(
      addressees.map((a) => ({
        messageId: id,
        unitId: a.unitId,
        unitPath: byId.get(a.unitId)?.path ?? "",
        kind: a.kind,
      })),
    );
    for (const [i, f] of files.entries()) {
      await tx.insert(exchangeAttachments).values({
        messageId: id,
        fileName: f.input.fileName,
        contentType: f.input.contentType,
        size: f.bytes.length,
        storageKey: keys[i] as string,
        createdAt: now,
      });
    }

    const obligationIds = await applyObligations(tx, sender, input.classId, {
      id,
      mode: input.mode,
      sentAt,
      period,
      eventAt,
      confirmsId: confirms?.id ?? null,
      isDemo: opts.isDemo ?? false,
    });

    // Transactional outbox: one row per peer system serving an addressee's agency.
    const wire = wireMessage({
      id,
      from: deps.config.exchangeSelfId,
      sender: sender.code,
      addressees: addressees.map((a) => ({ unitCode: byId.get(a.unitId)?.code ?? "", kind: a.kind })),
      classId: input.classId,
      topic: input.topic,
      ruleVersion: rule.version,
      clause: rule.clause,
      mode: input.mode,
      payload,
      freeText: input.freeText?.trim() || null,
      officialUse: input.officialUse ?? true,
      period,
      eventAt: eventAt?.toISOString() ?? null,
      confirmsId: confirms?.id ?? null,
      passedTo: input.mode === "ORAL" ? (input.passedTo?.trim() ?? null) : null,
      sentAt: sentAt.toISOString(),
      authorName: me.fullName,
      attachments: files.map((f, i) => ({
        fileName: f.input.fileName,
        contentType: f.input.contentType,
        size: f.bytes.length,
        sha256: createHash("sha256").update(f.bytes).digest("hex"),
        storageKey: keys[i] as string,
      })),
    });
    const agencies = new Set(addressees.map((a) => byId.get(a.unitId)?.agency));
    for (const peer of deps.config.exchangePeers) {
      if (!peer.agencies.some((agency) => agencies.has(agency))) continue;
      await tx
        .insert(exchangeOutbox)
        .values({ messageId: id, peerId: peer.id, body: wire, nextAttemptAt: now });
    }

    await appendAudit(tx, now, me, meta, {
      action: input.mode === "ORAL" ? "exchange.message.log_oral" : "exchange.message.send",
      objectType: "exchange_message",
      objectId: id,
      details: {
        classId: input.classId,
        topic: input.topic,
        clause: rule.clause,
        sentAt: sentAt.toISOString(),
        period,
        confirmsId: confirms?.id ?? null,
        addressees: addressees.map((a) => byId.get(a.unitId)?.code),
        obligations: obligationIds,
        isDemo: opts.isDemo ?? false,
      },
    });
    return { message: await loadView(tx, id, sender.id === me.unitId ? sender : undefined), created: true };
  });
}

/**
 * The obligations a message creates or discharges, stored in its transaction: an oral urgent
 * notice creates its written-confirmation obligation (due 2 hours later) and a written
 * confirmation discharges it; a periodic message discharges its period's; an advance message
 * creates and at once discharges its own (on time when sent before the event).
 */
export async function applyObligations(
  tx: Tx,
  sender: ExchangeUnitRow,
  classId: ExchangeClassId,
  message: {
    id: string;
    mode: string;
    sentAt: Date;
    period: string | null;
    eventAt: Date | null;
    confirmsId: string | null;
    isDemo: boolean;
  },
): Promise<string[]> {
  const extra = { isDemo: message.isDemo };
  if (classId === "URGENT" && message.mode === "ORAL") {
    const o = urgentObligation(sender, exchangeRules, message.sentAt);
    const oid = await upsertObligation(tx, sender, o, {
      ...extra,
      key: `${o.key}:${message.id}`,
      sourceMessageId: message.id,
    });
    return [oid];
  }
  if (classId === "URGENT" && message.confirmsId) {
    const [o] = await tx
      .select({ id: exchangeObligations.id })
      .from(exchangeObligations)
      .where(eq(exchangeObligations.sourceMessageId, message.confirmsId))
      .limit(1);
    if (!o) return [];
    await recordDelivery(tx, o.id, message.sentAt, message.id);
    return [o.id];
  }
  if (isPeriodicClass(classId) && message.period) {
    const o = obligationForPeriod(sender, exchangeRules, classId, message.period);
    const oid = await upsertObligation(tx, sender, o, extra);
    await recordDelivery(tx, oid, message.sentAt, message.id);
    return [oid];
  }
  if (classId === "ADVANCE" && message.eventAt) {
    const o = advanceObligation(sender, exchangeRules, message.eventAt, message.sentAt);
    const oid = await upsertObligation(tx, sender, o, { ...extra, key: `${o.key}:${message.id}` });
    await recordDelivery(tx, oid, message.sentAt, message.id);
    return [oid];
  }
  return [];
}

/** Loads one message view inside a transaction (RLS decides visibility); 404 when not visible. */
export async function loadView(tx: Tx, id: string, _sender?: ExchangeUnitRow): Promise<MessageView> {
  const [m] = await tx.select().from(exchangeMessages).where(eq(exchangeMessages.id, id)).limit(1);
  if (!m) throw notFound();
  const views = await viewsOf(tx, [m]);
  const view = views[0];
  if (!view) throw notFound();
  return view;
}

async function viewsOf(tx: Tx, rows: (typeof exchangeMessages.$inferSelect)[]): Promise<MessageView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // One query at a time: a transaction is one connection, which runs its queries in turn anyway
  // (pg warns of queries sent to a busy client, and its next major version refuses them).
  const units = await allUnits(tx);
  const addressees = await tx
    .select()
    .from(exchangeAddressees)
    .where(inArray(exchangeAddressees.messageId, ids));
  const attachments = await tx
    .select()
    .from(exchangeAttachments)
    .where(inArray(exchangeAttachments.messageId, ids));
  const created = await tx
    .select()
    .from(exchangeObligations)
    .where(inArray(exchangeObligations.sourceMessageId, ids));
  const discharged = await tx
    .select()
    .from(exchangeObligations)
    .where(inArray(exchangeObligations.deliveredMessageId, ids));
  const byId = new Map(units.map((u) => [u.id, u]));
  const unitRef = (unitId: string): UnitRef => {
    const u = byId.get(unitId);
    return u ? ref(u) : { unitId, code: "?", agency: "?", nameKk: "?", nameRu: "?", nameEn: null };
  };
  const oref = (o: typeof exchangeObligations.$inferSelect, role: ObligationRef["role"]): ObligationRef => ({
    id: o.id,
    classId: o.classId,
    period: o.period,
    clause: o.clause,
    opensAt: o.opensAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    deliveredAt: o.deliveredAt?.toISOString() ?? null,
    role,
  });
  return rows.map((m) => ({
    id: m.id,
    classId: m.classId,
    topic: m.topic,
    clause: m.clause,
    ruleVersion: m.ruleVersion,
    mode: m.mode,
    payload: m.payload as Record<string, unknown>,
    freeText: m.freeText,
    officialUse: m.officialUse,
    period: m.period,
    eventAt: m.eventAt?.toISOString() ?? null,
    confirmsId: m.confirmsId,
    passedTo: m.passedTo,
    sentAt: m.sentAt.toISOString(),
    authorName: m.authorName,
    origin: m.origin,
    isDemo: m.isDemo,
    sender: unitRef(m.senderUnitId),
    addressees: addressees
      .filter((a) => a.messageId === m.id)
      .map((a) => ({
        ...unitRef(a.unitId),
        kind: a.kind,
        acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
        acknowledgedByName: a.acknowledgedByName,
      })),
    attachments: attachments
      .filter((a) => a.messageId === m.id)
      .map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size })),
    obligations: [
      ...created.filter((o) => o.sourceMessageId === m.id).map((o) => oref(o, "CREATED")),
      ...discharged.filter((o) => o.deliveredMessageId === m.id).map((o) => oref(o, "DISCHARGED")),
    ],
  }));
}

/** Reads one message: visible to the sender's and addressees' subtrees (RLS); others get 404. */
export async function getMessage(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  id: string,
): Promise<MessageView> {
  const me = requireExchangeReader(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  return deps.database.tx(scopeOf(me), (tx) => loadView(tx, id));
}

/** Anyone who sends, keeps the duty log or reads dashboards may read the exchange of their scope. */
export function requireExchangeReader(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  for (const p of ["exchange.send", "exchange.duty", "dashboards.read"] as const) {
    if (actor.permissions.has(p)) return actor;
  }
  throw new AppError("FORBIDDEN");
}

/**
 * Lists messages of the actor's scope, newest first: the inbox (addressed to a unit of the
 * actor's subtree), the outbox (sent by one), or the duty log (oral entries sent by one).
 */
export async function listMessages(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  query: {
    box: "inbox" | "outbox" | "duty";
    classId?: string | undefined;
    before?: string | undefined;
    limit: number;
  },
): Promise<{ items: MessageView[]; next: string | null }> {
  const me = requireExchangeReader(actor);
  const scope = scopeOf(me);
  return deps.database.tx(scope, async (tx) => {
    const roots = scope.all ? null : scope.unitPaths;
    if (roots && roots.length === 0) return { items: [], next: null };
    const conditions = [];
    if (query.box === "inbox") {
      conditions.push(
        roots
          ? sql`EXISTS (SELECT 1 FROM unnest(${exchangeMessages.addresseePaths}) AS p WHERE p <@ ANY (string_to_array(${roots.join(",")}, ',')::ltree[]))`
          : sql`true`,
      );
    } else {
      if (roots) conditions.push(inSubtrees(exchangeMessages.senderUnitPath, roots));
      if (query.box === "duty") conditions.push(eq(exchangeMessages.mode, "ORAL"));
    }
    if (query.classId) conditions.push(eq(exchangeMessages.classId, query.classId));
    const before = parseInstant(query.before, "before");
    if (before) conditions.push(lt(exchangeMessages.sentAt, before));
    const rows = await tx
      .select()
      .from(exchangeMessages)
      .where(and(...conditions))
      .orderBy(desc(exchangeMessages.sentAt))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await viewsOf(tx, page),
      next: rows.length > query.limit && last ? last.sentAt.toISOString() : null,
    };
  });
}

/**
 * Acknowledges receipt of a message for the actor's unit: only an addressee unit
 * acknowledges, once; audited. A message the actor cannot see answers 404.
 */
export async function acknowledgeMessage(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<MessageView> {
  const me = requireExchangeReader(actor);
  if (!me.unitId) throw notFound();
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const now = deps.clock.now();
  return deps.database.tx(scopeOf(me), async (tx) => {
    const view = await loadView(tx, id);
    const mine = view.addressees.find((a) => a.unitId === me.unitId);
    if (!mine) {
      throw invalid("id", {
        kk: "Хабар сіздің бөлімшеңізге жіберілмеген",
        ru: "Сообщение адресовано не вашему подразделению",
        en: "The message is not addressed to your unit",
      });
    }
    if (mine.acknowledgedAt) return view;
    await tx
      .update(exchangeAddressees)
      .set({ acknowledgedAt: now, acknowledgedBy: me.userId, acknowledgedByName: me.fullName })
      .where(and(eq(exchangeAddressees.messageId, id), eq(exchangeAddressees.unitId, me.unitId as string)));
    await appendAudit(tx, now, me, meta, {
      action: "exchange.message.acknowledge",
      objectType: "exchange_message",
      objectId: id,
      details: { unitId: me.unitId },
    });
    return loadView(tx, id);
  });
}

/** The actor's message sent with this Idempotency-Key, if any (undefined without a key). */
export async function messageByIdempotencyKey(
  deps: Pick<Deps, "database">,
  actor: Actor,
  key: string | undefined,
): Promise<MessageView | undefined> {
  if (!key) return undefined;
  return deps.database.tx(scopeOf(actor), async (tx) => {
    const [row] = await tx
      .select({ id: exchangeMessages.id })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.authorId, actor.userId), eq(exchangeMessages.idempotencyKey, key)))
      .limit(1);
    return row ? loadView(tx, row.id) : undefined;
  });
}

/** An attachment's bytes, when its message is visible to the actor. */
export async function getAttachment(
  deps: Pick<Deps, "database" | "files">,
  actor: Actor | null,
  messageId: string,
  attachmentId: string,
): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const me = requireExchangeReader(actor);
  if (!/^[0-9a-f-]{36}$/i.test(messageId) || !/^[0-9a-f-]{36}$/i.test(attachmentId)) throw notFound();
  const row = await deps.database.tx(scopeOf(me), async (tx) => {
    const [a] = await tx
      .select()
      .from(exchangeAttachments)
      .where(and(eq(exchangeAttachments.id, attachmentId), eq(exchangeAttachments.messageId, messageId)))
      .limit(1);
    return a;
  });
  if (!row) throw notFound();
  return {
    fileName: row.fileName,
    contentType: row.contentType,
    bytes: await deps.files.get(row.storageKey),
  };
}
