import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { ApiError, api } from "../../api";
import { useLang } from "../../useLang";
import { ClauseBadge, ErrorAlert } from "../passes/shared";
import { TemplateField } from "./fields";
import { currentZone, formatInstant, localToIso, type Message, useClasses } from "./shared";

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Compose a message from its class's template, or record oral information in the duty log. */
export function ComposePage() {
  const { t } = useTranslation();
  const { tr } = useLang();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const confirms = params.get("confirms");
  const classes = useClasses();
  const original = useQuery({
    queryKey: ["exchange", "message", confirms],
    queryFn: () => api<Message>(`/api/v1/exchange/messages/${confirms}`),
    enabled: confirms !== null,
  });
  const [classId, setClassId] = useState<string | null>(params.get("class") ?? (confirms ? "URGENT" : null));
  const [topic, setTopic] = useState<string | null>(null);
  const [mode, setMode] = useState<"ORAL" | "WRITTEN">(params.get("mode") === "ORAL" ? "ORAL" : "WRITTEN");
  const [payload, setPayload] = useState<Record<string, unknown>>({});
  const [freeText, setFreeText] = useState("");
  const [officialUse, setOfficialUse] = useState(true);
  const [passedTo, setPassedTo] = useState("");
  const [passedAt, setPassedAt] = useState("");
  const [period, setPeriod] = useState("");
  const [eventAt, setEventAt] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const zone = currentZone();

  // A confirmation copies the oral notice's topic and fields, to be corrected if needed.
  const [seeded, setSeeded] = useState(false);
  if (confirms && original.data && !seeded) {
    setSeeded(true);
    setTopic(original.data.topic);
    setPayload(original.data.payload);
  }
  const cls = classes.data?.items.find((c) => c.id === classId);
  const topicDef = cls?.topics.find((x) => x.code === topic);
  const effectiveMode = cls?.delivery === "ORAL" ? "ORAL" : cls?.delivery === "WRITTEN" ? "WRITTEN" : mode;

  const send = useMutation({
    mutationFn: async () =>
      api<Message>("/api/v1/exchange/messages", {
        method: "POST",
        body: {
          classId,
          topic,
          mode: effectiveMode,
          payload,
          ...(freeText.trim() ? { freeText } : {}),
          officialUse,
          ...(effectiveMode === "ORAL"
            ? { passedTo, ...(passedAt ? { passedAt: localToIso(passedAt, zone) } : {}) }
            : {}),
          ...(period.trim() ? { period: period.trim() } : {}),
          ...(classId === "ADVANCE" && eventAt ? { eventAt: localToIso(eventAt, zone) } : {}),
          ...(confirms ? { confirmsId: confirms } : {}),
          ...(files.length
            ? {
                attachments: await Promise.all(
                  files.map(async (f) => ({
                    fileName: f.name,
                    contentType: f.type || "application/octet-stream",
                    dataBase64: await toBase64(f),
                  })),
                ),
              }
            : {}),
        },
      }),
    onSuccess: (m) => navigate(`/exchange/messages/${m.id}`),
  });
  const fieldError = (name: string) => {
    const e = send.error;
    if (!(e instanceof ApiError)) return undefined;
    // A nested field's message keeps its path; the field's own drops its code.
    if (e.field === `payload.${name}`) return e.atField;
    return e.field?.startsWith(`payload.${name}.`) ? e.message : undefined;
  };
  const oral = effectiveMode === "ORAL";
  return (
    <Stack maw={900}>
      <Title order={1}>{oral ? t("exchange.compose.oralTitle") : t("exchange.compose.title")}</Title>
      {confirms && original.data && (
        <Alert color="blue.9">
          {t("exchange.compose.confirms", { at: formatInstant(original.data.sentAt) })}
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack>
          <Select
            label={t("exchange.compose.class")}
            required
            disabled={confirms !== null}
            data={(classes.data?.items ?? [])
              .filter((c) => (params.get("mode") === "ORAL" ? c.delivery !== "WRITTEN" : true))
              .map((c) => ({ value: c.id, label: `${tr(c.name)} (${c.clause})` }))}
            value={classId}
            onChange={(v) => {
              setClassId(v);
              setTopic(null);
              setPayload({});
            }}
          />
          {cls && (
            <Group gap="xs">
              <ClauseBadge clause={cls.clause} />
              <Text size="sm">{tr(cls.explanation)}</Text>
            </Group>
          )}
          {cls?.delivery === "ORAL_THEN_WRITTEN" && !confirms && (
            <Select
              label={t("exchange.compose.mode")}
              data={(["ORAL", "WRITTEN"] as const).map((m) => ({ value: m, label: t(`exchange.mode.${m}`) }))}
              value={mode}
              onChange={(v) => setMode(v === "ORAL" ? "ORAL" : "WRITTEN")}
              allowDeselect={false}
            />
          )}
          {cls && (
            <Select
              label={t("exchange.compose.topic")}
              required
              disabled={confirms !== null}
              data={cls.topics.map((x) => ({ value: x.code, label: tr(x.label) }))}
              value={topic}
              onChange={(v) => {
                setTopic(v);
                setPayload({});
              }}
            />
          )}
          {topicDef?.fields.map((f) => (
            <TemplateField
              key={f.name}
              field={f}
              value={payload[f.name]}
              error={fieldError(f.name)}
              onChange={(v) =>
                setPayload((p) => {
                  const next = { ...p };
                  if (v === undefined) delete next[f.name];
                  else next[f.name] = v;
                  return next;
                })
              }
            />
          ))}
          {oral && (
            <>
              <TextInput
                label={t("exchange.compose.passedTo")}
                required
                value={passedTo}
                onChange={(e) => setPassedTo(e.currentTarget.value)}
              />
              <TextInput
                label={t("exchange.compose.passedAt")}
                description={t("exchange.compose.localTime", { zone })}
                type="datetime-local"
                value={passedAt}
                onChange={(e) => setPassedAt(e.currentTarget.value)}
              />
            </>
          )}
          {cls && ["DAILY", "MONTHLY", "SEMI_ANNUAL"].includes(cls.id) && (
            <TextInput
              label={t("exchange.compose.period")}
              description={t("exchange.compose.periodHint")}
              value={period}
              onChange={(e) => setPeriod(e.currentTarget.value)}
            />
          )}
          {cls?.id === "ADVANCE" && (
            <TextInput
              label={t("exchange.compose.eventAt")}
              description={t("exchange.compose.localTime", { zone })}
              type="datetime-local"
              required
              value={eventAt}
              onChange={(e) => setEventAt(e.currentTarget.value)}
            />
          )}
          <Textarea
            label={t("exchange.compose.freeText")}
            autosize
            minRows={3}
            value={freeText}
            onChange={(e) => setFreeText(e.currentTarget.value)}
          />
          {!oral && (
            <FileInput
              label={t("exchange.compose.attachments")}
              multiple
              value={files}
              onChange={setFiles}
              clearable
            />
          )}
          <Checkbox
            label={t("exchange.compose.officialUse")}
            checked={officialUse}
            onChange={(e) => setOfficialUse(e.currentTarget.checked)}
          />
          {cls && (
            <Text size="sm">
              {t("exchange.compose.addressees", {
                superior: cls.copyToSuperior ? t("exchange.compose.superior") : "",
              })}
            </Text>
          )}
          <ErrorAlert error={send.error} />
          <Button type="submit" loading={send.isPending} disabled={!classId || !topic} w="fit-content">
            {oral ? t("exchange.compose.log") : t("exchange.compose.send")}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
