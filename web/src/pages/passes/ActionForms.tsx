import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Radio,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CHECK_RESULTS,
  REGISTRAR_KINDS,
  VIOLATION_KINDS,
} from "../../../../src/core/passes/state-machine.js";
import { ApiError, api } from "../../api";
import {
  AA_ERRORS,
  addDays,
  type CaseJson,
  ErrorAlert,
  PassRules,
  today,
  useCodeLabel,
  usePlaceLabels,
} from "./shared";

type Payload = Record<string, unknown>;

/**
 * Posts one step of a case and refreshes it; the form closes on success. The step names the number
 * of actions the case showed when the form was opened (If-Match): when the case has moved on
 * meanwhile (another officer's step, or this one already recorded), the server refuses it with
 * CONCURRENT_CHANGE instead of recording it, the case is reloaded and `onConflict` is called.
 */
function useCaseAction(
  caseData: CaseJson,
  type: string,
  seenActions: number,
  onDone: () => void,
  onConflict: () => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: Payload) =>
      api<CaseJson>(`/api/v1/applications/${caseData.id}/actions`, {
        method: "POST",
        headers: { "if-match": String(seenActions) },
        body: { type, payload },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["application", caseData.id], updated);
      void queryClient.invalidateQueries({ queryKey: ["applications"] });
      onDone();
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || error.code !== "CONCURRENT_CHANGE") return;
      void queryClient.invalidateQueries({ queryKey: ["application", caseData.id] });
      void queryClient.invalidateQueries({ queryKey: ["applications"] });
      onConflict();
    },
  });
}

/** A form frame: the fields, the server's refusal (with its clause) and the submit button. */
export function ActionFrame({
  children,
  onSubmit,
  pending,
  error,
  submitLabel,
  danger = false,
}: {
  children: ReactNode;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  danger?: boolean;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate style={AA_ERRORS}>
      <Stack>
        {children}
        <ErrorAlert error={error} />
        <Group>
          <Button type="submit" loading={pending} color={danger ? "red.9" : "blue.8"}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The form of one allowed step of a case, for officers and heads. `seenActions` is the number of
 * actions the case showed when the form was opened; `onConflict` is called when the case had
 * changed meanwhile (it is reloaded, nothing recorded).
 */
export function ActionForm({
  caseData,
  type,
  seenActions,
  onDone,
  onConflict,
}: {
  caseData: CaseJson;
  type: string;
  seenActions: number;
  onDone: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const action = useCaseAction(caseData, type, seenActions, onDone, onConflict);
  const common = {
    pending: action.isPending,
    error: action.error,
    submitLabel: t(`passes.actionSubmit.${type}`, { defaultValue: t("passes.form.save") }),
  };
  const send = (payload: Payload) => action.mutate(payload);
  switch (type) {
    case "CHECK_RECORDED":
      return <CheckForm {...common} send={send} />;
    case "CHECK_SKIPPED":
      return (
        <ActionFrame {...common} onSubmit={() => send({ reason: "CHILD_UNDER_16" })}>
          <Text>{t("passes.form.skipCheckText")}</Text>
        </ActionFrame>
      );
    case "APPROVED":
      return <ApproveForm {...common} send={send} caseData={caseData} />;
    case "REFUSED":
      return <ReasonForm {...common} send={send} clauses danger />;
    case "REVOKED":
      return <ReasonForm {...common} send={send} danger />;
    case "ISSUED":
      return <HandOverForm {...common} send={send} />;
    case "REPLACED":
      return <HandOverForm {...common} send={send} replacement />;
    case "REGISTERED":
      return (
        <RegisterFields
          {...common}
          places={caseData.state.pass?.places ?? caseData.data.destinations}
          send={send}
        />
      );
    case "EXTENDED":
      return <ExtendForm {...common} send={send} caseData={caseData} />;
    case "LOSS_REPORTED":
      return <LossForm {...common} send={send} />;
    case "RETURNED":
      return <ReturnForm {...common} send={send} />;
    case "VIOLATION_RECORDED":
      return <ViolationForm {...common} send={send} caseData={caseData} />;
    default:
      return null;
  }
}

export interface FormProps {
  pending: boolean;
  error: unknown;
  submitLabel: string;
  send: (payload: Payload) => void;
}

function CheckForm({ send, ...frame }: FormProps) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const [result, setResult] = useState<string>("CLEAR");
  const [evidence, setEvidence] = useState("");
  return (
    <ActionFrame {...frame} onSubmit={() => send({ result, evidence })}>
      <Radio.Group label={t("passes.form.checkResult")} value={result} onChange={setResult} required>
        <Stack gap="xs" mt="xs">
          {CHECK_RESULTS.map((r) => (
            <Radio key={r} value={r} label={label("check", r)} />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        label={t("passes.form.evidence")}
        description={t("passes.form.evidenceHelp")}
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
        required={result !== "CLEAR"}
        autosize
        minRows={2}
      />
    </ActionFrame>
  );
}

function ApproveForm({ send, caseData, ...frame }: FormProps & { caseData: CaseJson }) {
  const { t } = useTranslation();
  const app = caseData.data;
  const from0 = app.departureDate > today() ? app.departureDate : today();
  const [validFrom, setValidFrom] = useState(from0);
  const [validUntil, setValidUntil] = useState(addDays(from0, (app.stayDays ?? 30) - 1));
  const [places, setPlaces] = useState<string[]>(app.destinations);
  const [basis, setBasis] = useState<string | null>(null);
  const [clauses, setClauses] = useState<string[]>(["Z p.31", "Z p.21"]);
  const [note, setNote] = useState("");
  const labels = usePlaceLabels(app.destinations);
  const match =
    caseData.state.check?.result === "POSSIBLE_MATCH" || caseData.state.check?.result === "CONFIRMED_MATCH";
  return (
    <ActionFrame
      {...frame}
      onSubmit={() =>
        send({
          validFrom,
          validUntil,
          places,
          clauses,
          ...(places.length > 1 && basis ? { severalPlacesBasis: basis } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        })
      }
    >
      <Group grow>
        <TextInput
          type="date"
          label={t("passes.form.validFrom")}
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
          required
        />
        <TextInput
          type="date"
          label={t("passes.form.validUntil")}
          value={validUntil}
          onChange={(e) => setValidUntil(e.currentTarget.value)}
          required
        />
      </Group>
      <MultiSelect
        label={t("passes.form.places")}
        data={app.destinations.map((kato) => ({ value: kato, label: labels[kato] ?? kato }))}
        value={places}
        onChange={setPlaces}
        required
      />
      {places.length > 1 && (
        <Select
          label={t("passes.form.severalPlacesBasis")}
          data={["PETITION", "SPECIAL_CASE"].map((b) => ({ value: b, label: t(`passes.basis.${b}`) }))}
          value={basis}
          onChange={setBasis}
          required
        />
      )}
      <TagsInput label={t("passes.form.clauses")} value={clauses} onChange={setClauses} />
      <Textarea
        label={t("passes.form.decisionNote")}
        description={match ? t("passes.form.noteRequired") : undefined}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        required={match}
        autosize
        minRows={2}
      />
    </ActionFrame>
  );
}

function ReasonForm({
  send,
  clauses: withClauses = false,
  ...frame
}: FormProps & { clauses?: boolean; danger?: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [clauses, setClauses] = useState<string[]>(["Z p.31"]);
  return (
    <ActionFrame {...frame} onSubmit={() => send(withClauses ? { reason, clauses } : { reason })}>
      <Textarea
        label={t("passes.form.reason")}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        required
        autosize
        minRows={3}
      />
      {withClauses && <TagsInput label={t("passes.form.clauses")} value={clauses} onChange={setClauses} />}
    </ActionFrame>
  );
}

function HandOverForm({ send, replacement = false, ...frame }: FormProps & { replacement?: boolean }) {
  const { t } = useTranslation();
  const [identityChecked, setIdentity] = useState(false);
  const [rulesAcknowledged, setRules] = useState(false);
  const [originalConfirmed, setOriginal] = useState(false);
  return (
    <ActionFrame
      {...frame}
      onSubmit={() =>
        send(
          replacement
            ? { identityChecked, rulesAcknowledged, originalConfirmed }
            : { identityChecked, rulesAcknowledged },
        )
      }
    >
      <PassRules />
      {replacement && (
        <Checkbox
          label={t("passes.form.originalConfirmed")}
          checked={originalConfirmed}
          onChange={(e) => setOriginal(e.currentTarget.checked)}
        />
      )}
      <Checkbox
        label={t("passes.form.identityChecked")}
        checked={identityChecked}
        onChange={(e) => setIdentity(e.currentTarget.checked)}
      />
      <Checkbox
        label={t("passes.form.rulesAcknowledged")}
        checked={rulesAcknowledged}
        onChange={(e) => setRules(e.currentTarget.checked)}
      />
    </ActionFrame>
  );
}

/** The arrival registration fields (Z p.18, App.1 rule 2); also used on the registrar's page. */
export function RegisterFields({ send, places, ...frame }: FormProps & { places: readonly string[] }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const labels = usePlaceLabels(places);
  const [arrivedOn, setArrivedOn] = useState(today());
  const [place, setPlace] = useState<string | null>(places[0] ?? null);
  const [registrar, setRegistrar] = useState<string | null>(null);
  const [handedOverOn, setHandedOverOn] = useState(today());
  const [passKept, setPassKept] = useState(false);
  return (
    <ActionFrame
      {...frame}
      onSubmit={() =>
        send({
          arrivedOn,
          place: place ?? "",
          registrar: registrar ?? "",
          ...(handedOverOn ? { handedOverOn } : {}),
          passKept,
        })
      }
    >
      <Group grow>
        <TextInput
          type="date"
          label={t("passes.form.arrivedOn")}
          value={arrivedOn}
          onChange={(e) => setArrivedOn(e.currentTarget.value)}
          required
        />
        <TextInput
          type="date"
          label={t("passes.form.handedOverOn")}
          value={handedOverOn}
          onChange={(e) => setHandedOverOn(e.currentTarget.value)}
        />
      </Group>
      <Select
        label={t("passes.form.place")}
        data={places.map((kato) => ({ value: kato, label: labels[kato] ?? kato }))}
        value={place}
        onChange={setPlace}
        required
      />
      <Select
        label={t("passes.form.registrarKind")}
        data={REGISTRAR_KINDS.map((k) => ({ value: k, label: label("registrar", k) }))}
        value={registrar}
        onChange={setRegistrar}
        required
      />
      <Checkbox
        label={t("passes.form.passKept")}
        checked={passKept}
        onChange={(e) => setPassKept(e.currentTarget.checked)}
      />
    </ActionFrame>
  );
}

function ExtendForm({ send, caseData, ...frame }: FormProps & { caseData: CaseJson }) {
  const { t } = useTranslation();
  const current = caseData.state.pass?.validUntil ?? today();
  const [newValidUntil, setUntil] = useState(addDays(current, 10));
  const [note, setNote] = useState("");
  return (
    <ActionFrame
      {...frame}
      onSubmit={() => send({ newValidUntil, ...(note.trim() ? { note: note.trim() } : {}) })}
    >
      <Text size="sm">{t("passes.form.currentUntil", { date: current })}</Text>
      <TextInput
        type="date"
        label={t("passes.form.newValidUntil")}
        value={newValidUntil}
        onChange={(e) => setUntil(e.currentTarget.value)}
        required
      />
      <Textarea label={t("passes.form.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
    </ActionFrame>
  );
}

export function LossForm({ send, ...frame }: FormProps) {
  const { t } = useTranslation();
  const [circumstances, setCircumstances] = useState("");
  return (
    <ActionFrame
      {...frame}
      onSubmit={() => send(circumstances.trim() ? { circumstances: circumstances.trim() } : {})}
    >
      <Textarea
        label={t("passes.form.circumstances")}
        value={circumstances}
        onChange={(e) => setCircumstances(e.currentTarget.value)}
        autosize
        minRows={2}
      />
    </ActionFrame>
  );
}

export function ReturnForm({ send, ...frame }: FormProps) {
  const { t } = useTranslation();
  const [unused, setUnused] = useState(false);
  const [note, setNote] = useState("");
  return (
    <ActionFrame {...frame} onSubmit={() => send({ unused, ...(note.trim() ? { note: note.trim() } : {}) })}>
      <Checkbox
        label={t("passes.form.unused")}
        checked={unused}
        onChange={(e) => setUnused(e.currentTarget.checked)}
      />
      <Textarea label={t("passes.form.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
    </ActionFrame>
  );
}

function ViolationForm({ send, caseData, ...frame }: FormProps & { caseData: CaseJson }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const katos = caseData.state.pass?.places ?? caseData.data.destinations;
  const labels = usePlaceLabels(katos);
  const [kind, setKind] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const [place, setPlace] = useState<string | null>(null);
  const [diplomatic, setDiplomatic] = useState(false);
  return (
    <ActionFrame
      {...frame}
      onSubmit={() => send({ kind: kind ?? "", description, diplomatic, ...(place ? { place } : {}) })}
    >
      <Select
        label={t("passes.form.violationKind")}
        data={VIOLATION_KINDS.map((k) => ({ value: k, label: label("violation", k) }))}
        value={kind}
        onChange={setKind}
        required
      />
      <Textarea
        label={t("passes.form.description")}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        required
        autosize
        minRows={2}
      />
      <Select
        label={t("passes.form.violationPlace")}
        data={katos.map((kato) => ({ value: kato, label: labels[kato] ?? kato }))}
        value={place}
        onChange={setPlace}
        clearable
      />
      <Checkbox
        label={t("passes.form.diplomatic")}
        checked={diplomatic}
        onChange={(e) => setDiplomatic(e.currentTarget.checked)}
      />
    </ActionFrame>
  );
}
