import { Alert, Button, Card, Group, Select, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AGENCIES, AGENCY_NAMES, type Agency } from "../../../src/core/access/agencies.js";
import { api, fieldError } from "../api";
import { useLang } from "../useLang";
import { AA_ERRORS, ErrorAlert } from "./passes/shared";

/** A unit as the units list gives it. */
export interface UnitRow {
  id: string;
  code: string;
  agency: Agency;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  level: number | null;
  timeZone: string;
  path: string;
}

const LEVELS = ["1", "2", "3", "4", "5"];
const NAME_FIELDS = ["nameKk", "nameRu", "nameEn"] as const;
/** A unit's or triad's names as typed. */
export type Names = Record<(typeof NAME_FIELDS)[number], string>;

/** What the forms send of a unit's names, level and time zone; an empty English name is none. */
function changes(names: Names, level: string | null, timeZone: string) {
  return {
    nameKk: names.nameKk,
    nameRu: names.nameRu,
    nameEn: names.nameEn.trim() ? names.nameEn : null,
    timeZone,
    level: level === null ? null : Number(level),
  };
}

/**
 * The three name inputs; Kazakh and Russian are required, English is optional. A server refusal
 * naming one of them shows at that input; `stacked` puts them one under another (in a card).
 */
export function NameInputs({
  names,
  onChange,
  error,
  stacked = false,
}: {
  names: Names;
  onChange: (names: Names) => void;
  error?: unknown;
  stacked?: boolean;
}) {
  const { t } = useTranslation();
  const inputs = NAME_FIELDS.map((field) => (
    <TextInput
      key={field}
      label={t(`admin.${field}`)}
      value={names[field]}
      onChange={(e) => onChange({ ...names, [field]: e.currentTarget.value })}
      required={field !== "nameEn"}
      maxLength={200}
      error={fieldError(error, field)}
    />
  ));
  return stacked ? (
    <Stack gap="xs">{inputs}</Stack>
  ) : (
    <Group grow align="flex-start">
      {inputs}
    </Group>
  );
}

/** The fields the unit and triad forms show a refusal at; other refusals show above the buttons. */
const SHOWN_AT_FIELD = [...NAME_FIELDS, "code", "timeZone", "level"];

/** A refusal not about one of the form's own fields, for the alert. */
export function formLevelError(error: unknown): unknown {
  return SHOWN_AT_FIELD.some((field) => fieldError(error, field)) ? null : error;
}

/** The unit's level (X p.8) and IANA time zone inputs. */
function LevelAndZone(props: {
  level: string | null;
  timeZone: string;
  onLevel: (level: string | null) => void;
  onTimeZone: (zone: string) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Group grow align="flex-start">
      <Select
        label={t("units.level")}
        placeholder={t("admin.noLevel")}
        data={LEVELS}
        value={props.level}
        onChange={props.onLevel}
        clearable
        error={fieldError(props.error, "level")}
      />
      <TextInput
        label={t("units.timeZone")}
        value={props.timeZone}
        onChange={(e) => props.onTimeZone(e.currentTarget.value)}
        required
        error={fieldError(props.error, "timeZone")}
      />
    </Group>
  );
}

/**
 * Adds a unit under one of the administrator's units, or at the top for a system administrator.
 * The server checks the subtree, the code's form and the time zone, and says what is wrong.
 */
export function UnitCreateForm({ units, topLevel }: { units: UnitRow[]; topLevel: boolean }) {
  const { t } = useTranslation();
  const { tr, name: nameOf } = useLang();
  const client = useQueryClient();
  const [agency, setAgency] = useState<string | null>(null);
  const [parentId, setParentId] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [names, setNames] = useState<Names>({ nameKk: "", nameRu: "", nameEn: "" });
  const [level, setLevel] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState("Asia/Almaty");
  const add = useMutation({
    mutationFn: () =>
      api<UnitRow>("/api/v1/units", {
        method: "POST",
        body: {
          agency,
          parentId,
          code,
          ...changes(names, level, timeZone),
        },
      }),
    onSuccess: () => {
      setCode("");
      setNames({ nameKk: "", nameRu: "", nameEn: "" });
      void client.invalidateQueries({ queryKey: ["units"] });
    },
  });
  const ready = agency !== null && (parentId !== null || topLevel) && code && names.nameKk && names.nameRu;
  return (
    <Card withBorder component="section" aria-label={t("admin.addUnit")} style={AA_ERRORS}>
      <Stack gap="sm">
        <Title order={2}>{t("admin.addUnit")}</Title>
        <Group grow align="flex-start">
          <Select
            label={t("units.agency")}
            data={AGENCIES.map((a) => ({ value: a, label: tr(AGENCY_NAMES[a]) }))}
            value={agency}
            onChange={(value) => {
              setAgency(value);
              setParentId(null);
            }}
            required
          />
          <Select
            label={t("admin.parent")}
            placeholder={topLevel ? t("admin.topLevel") : undefined}
            // A unit belongs to its parent's agency.
            data={units
              .filter((u) => u.agency === agency)
              .map((u) => ({ value: u.id, label: `${u.code} — ${nameOf(u)}` }))}
            value={parentId}
            disabled={agency === null}
            onChange={setParentId}
            searchable
            clearable={topLevel}
            required={!topLevel}
          />
          <TextInput
            label={t("units.code")}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
            required
            maxLength={40}
            error={fieldError(add.error, "code")}
          />
        </Group>
        <NameInputs names={names} onChange={setNames} error={add.error} />
        <LevelAndZone
          level={level}
          timeZone={timeZone}
          onLevel={setLevel}
          onTimeZone={setTimeZone}
          error={add.error}
        />
        <ErrorAlert error={formLevelError(add.error)} />
        {add.data && !add.isPending && (
          <Alert color="teal" role="status">
            {t("admin.unitAdded", { code: add.data.code })}
          </Alert>
        )}
        <Group>
          <Button onClick={() => add.mutate()} disabled={!ready} loading={add.isPending}>
            {t("admin.add")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Changes a unit's names, level and time zone; its agency, parent and code never change. */
export function UnitEditForm({ unit }: { unit: UnitRow }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [names, setNames] = useState<Names>({
    nameKk: unit.nameKk,
    nameRu: unit.nameRu,
    nameEn: unit.nameEn ?? "",
  });
  const [level, setLevel] = useState<string | null>(unit.level === null ? null : String(unit.level));
  const [timeZone, setTimeZone] = useState(unit.timeZone);
  const save = useMutation({
    mutationFn: () =>
      api<UnitRow>(`/api/v1/units/${unit.id}`, {
        method: "PATCH",
        body: changes(names, level, timeZone),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["units"] });
      void client.invalidateQueries({ queryKey: ["unit", unit.id] });
    },
  });
  return (
    <Stack gap="sm" style={AA_ERRORS}>
      <Title order={3}>{t("admin.editUnit")}</Title>
      <NameInputs names={names} onChange={setNames} error={save.error} stacked />
      <LevelAndZone
        level={level}
        timeZone={timeZone}
        onLevel={setLevel}
        onTimeZone={setTimeZone}
        error={save.error}
      />
      <ErrorAlert error={formLevelError(save.error)} />
      {save.isSuccess && !save.isPending && (
        <Alert color="teal" role="status">
          {t("admin.unitSaved")}
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
