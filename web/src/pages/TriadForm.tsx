import { Alert, Button, Card, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AGENCY_NAMES, TRIAD_AGENCIES } from "../../../src/core/access/agencies.js";
import { api } from "../api";
import { useLang } from "../useLang";
import { AA_ERRORS, ErrorAlert } from "./passes/shared";
import { formLevelError, NameInputs, type Names, type UnitRow } from "./UnitForms";

/**
 * Forms a triad for a system administrator: its level, one free unit of each checkpoint
 * agency at that level, and its names. The server checks every rule again and says which it breaks.
 */
export function TriadForm({ units, taken }: { units: UnitRow[]; taken: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const { tr, name: nameOf } = useLang();
  const client = useQueryClient();
  const [level, setLevel] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Partial<Record<(typeof TRIAD_AGENCIES)[number], string>>>({});
  const [names, setNames] = useState<Names>({ nameKk: "", nameRu: "", nameEn: "" });
  const levels = [...new Set(units.flatMap((u) => (u.level === null ? [] : [u.level])))].sort(
    (a, b) => a - b,
  );
  const form = useMutation({
    mutationFn: () =>
      api<{ nameKk: string; nameRu: string; nameEn: string | null }>("/api/v1/triads", {
        method: "POST",
        body: {
          level: Number(level),
          nameKk: names.nameKk,
          nameRu: names.nameRu,
          ...(names.nameEn.trim() ? { nameEn: names.nameEn } : {}),
          unitIds: TRIAD_AGENCIES.map((a) => chosen[a] ?? ""),
        },
      }),
    onSuccess: () => {
      setChosen({});
      setNames({ nameKk: "", nameRu: "", nameEn: "" });
      void client.invalidateQueries({ queryKey: ["triads"] });
    },
  });
  const ready =
    level !== null && TRIAD_AGENCIES.every((a) => chosen[a]) && names.nameKk.trim() && names.nameRu.trim();
  return (
    <Card withBorder component="section" aria-label={t("admin.formTriad")} style={AA_ERRORS}>
      <Stack gap="sm">
        <Title order={2}>{t("admin.formTriad")}</Title>
        <Text size="sm">{t("admin.formTriadHelp")}</Text>
        <Select
          label={t("admin.level")}
          data={levels.map(String)}
          value={level}
          onChange={(value) => {
            setLevel(value);
            setChosen({});
          }}
          w={160}
          required
        />
        <Group grow align="flex-start">
          {TRIAD_AGENCIES.map((agency) => (
            <Select
              key={agency}
              label={t("admin.triadUnit", { agency: tr(AGENCY_NAMES[agency]) })}
              data={units
                .filter((u) => u.agency === agency && String(u.level) === level && !taken.has(u.id))
                .map((u) => ({ value: u.id, label: `${u.code} — ${nameOf(u)}` }))}
              value={chosen[agency] ?? null}
              onChange={(value) => setChosen((c) => ({ ...c, [agency]: value ?? undefined }))}
              disabled={level === null}
              required
            />
          ))}
        </Group>
        <NameInputs names={names} onChange={setNames} error={form.error} />
        <ErrorAlert error={formLevelError(form.error)} />
        {form.data && !form.isPending && (
          <Alert color="teal" role="status">
            {t("admin.triadFormed", { name: nameOf(form.data) })}
          </Alert>
        )}
        <Group>
          <Button onClick={() => form.mutate()} disabled={!ready} loading={form.isPending}>
            {t("admin.form")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A triad's names as the triads list gives them. */
export interface TriadNames {
  id: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
}

/**
 * Changes a triad's three names for a system administrator; its level and units stay. An empty
 * English name removes it.
 */
export function TriadRenameForm({ triad }: { triad: TriadNames }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [names, setNames] = useState<Names>({
    nameKk: triad.nameKk,
    nameRu: triad.nameRu,
    nameEn: triad.nameEn ?? "",
  });
  const save = useMutation({
    mutationFn: () =>
      api<TriadNames>(`/api/v1/triads/${triad.id}`, {
        method: "PATCH",
        body: {
          nameKk: names.nameKk,
          nameRu: names.nameRu,
          nameEn: names.nameEn.trim() ? names.nameEn : null,
        },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["triads"] }),
  });
  return (
    <Stack gap="sm" style={AA_ERRORS}>
      <Text size="sm">{t("admin.renameTriadHelp")}</Text>
      <NameInputs names={names} onChange={setNames} error={save.error} stacked />
      <ErrorAlert error={formLevelError(save.error)} />
      {save.isSuccess && !save.isPending && (
        <Alert color="teal" role="status">
          {t("admin.triadRenamed")}
        </Alert>
      )}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t("admin.save")}
        </Button>
      </Group>
    </Stack>
  );
}
