import { Alert, Button, Card, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AGENCY_NAMES, TRIAD_AGENCIES } from "../../../src/core/access/agencies.js";
import { api } from "../api";
import { useLang } from "../useLang";
import { AA_ERRORS, ErrorAlert } from "./passes/shared";
import { formLevelError, NameInputs, type Names, type UnitRow } from "./UnitForms";

/** The unit chosen for each checkpoint agency. */
type Members = Partial<Record<(typeof TRIAD_AGENCIES)[number], string>>;

/**
 * One unit choice per checkpoint agency: the units of that agency at the level, in no triad or in
 * the triad being changed (`taken` leaves out the others).
 */
function MemberSelects(props: {
  units: UnitRow[];
  taken: ReadonlySet<string>;
  level: string | null;
  chosen: Members;
  onChange: (chosen: Members) => void;
}) {
  const { t } = useTranslation();
  const { tr, name: nameOf } = useLang();
  return (
    <Group grow align="flex-start">
      {TRIAD_AGENCIES.map((agency) => (
        <Select
          key={agency}
          label={t("admin.triadUnit", { agency: tr(AGENCY_NAMES[agency]) })}
          data={props.units
            .filter((u) => u.agency === agency && String(u.level) === props.level && !props.taken.has(u.id))
            .map((u) => ({ value: u.id, label: `${u.code} — ${nameOf(u)}` }))}
          value={props.chosen[agency] ?? null}
          onChange={(value) => props.onChange({ ...props.chosen, [agency]: value ?? undefined })}
          disabled={props.level === null}
          required
        />
      ))}
    </Group>
  );
}

/**
 * Forms a triad for a system administrator: its level, one free unit of each checkpoint
 * agency at that level, and its names. The server checks every rule again and says which it breaks.
 */
export function TriadForm({ units, taken }: { units: UnitRow[]; taken: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const { name: nameOf } = useLang();
  const client = useQueryClient();
  const [level, setLevel] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Members>({});
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
        <MemberSelects units={units} taken={taken} level={level} chosen={chosen} onChange={setChosen} />
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

/** A triad as the triads list gives it. */
export interface TriadRow {
  id: string;
  level: number;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  units: { id: string; agency: string }[];
}

/**
 * Changes a triad for a system administrator: its three names (an empty English one is removed)
 * and, when a unit is reorganized, the unit of an agency. Its level stays.
 */
export function TriadEditForm(props: { triad: TriadRow; units: UnitRow[]; taken: ReadonlySet<string> }) {
  const { triad } = props;
  const { t } = useTranslation();
  const client = useQueryClient();
  const [names, setNames] = useState<Names>({
    nameKk: triad.nameKk,
    nameRu: triad.nameRu,
    nameEn: triad.nameEn ?? "",
  });
  const [chosen, setChosen] = useState<Members>(
    Object.fromEntries(triad.units.map((u) => [u.agency, u.id])) as Members,
  );
  // This triad's own units stay on offer; other triads' do not.
  const own = new Set(triad.units.map((u) => u.id));
  const taken = new Set([...props.taken].filter((id) => !own.has(id)));
  const save = useMutation({
    mutationFn: () =>
      api<TriadRow>(`/api/v1/triads/${triad.id}`, {
        method: "PATCH",
        body: {
          nameKk: names.nameKk,
          nameRu: names.nameRu,
          nameEn: names.nameEn.trim() ? names.nameEn : null,
          unitIds: TRIAD_AGENCIES.map((a) => chosen[a] ?? ""),
        },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["triads"] });
      void client.invalidateQueries({ queryKey: ["unit"] });
    },
  });
  return (
    <Stack gap="sm" style={AA_ERRORS}>
      <Text size="sm">{t("admin.editTriadHelp")}</Text>
      <Text fw={600}>
        {t("admin.level")} {triad.level}
      </Text>
      <NameInputs names={names} onChange={setNames} error={save.error} stacked />
      <MemberSelects
        units={props.units}
        taken={taken}
        level={String(triad.level)}
        chosen={chosen}
        onChange={setChosen}
      />
      <ErrorAlert error={formLevelError(save.error)} />
      {save.isSuccess && !save.isPending && (
        <Alert color="teal" role="status">
          {t("admin.triadSaved")}
        </Alert>
      )}
      <Group>
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          disabled={!TRIAD_AGENCIES.every((a) => chosen[a])}
        >
          {t("admin.save")}
        </Button>
      </Group>
    </Stack>
  );
}
