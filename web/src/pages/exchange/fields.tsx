import { Button, Checkbox, Fieldset, Group, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLang } from "../../useLang";
import { currentZone, type FieldDef, formatInstant, localToIso } from "./shared";

type Person = { fullName: string; birthDate?: string; citizenship?: string; documentNumber?: string };

/** One template field of a message (core TopicField), rendered by its type. */
export function TemplateField({
  field,
  value,
  onChange,
  error,
}: {
  field: FieldDef;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const { tr } = useLang();
  const label = tr(field.label);
  const common = { label, required: field.required, error };
  const text = (v: string) => onChange(v === "" ? undefined : v);
  switch (field.type) {
    case "longText":
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={String(value ?? "")}
          onChange={(e) => text(e.currentTarget.value)}
        />
      );
    case "integer":
      return (
        <TextInput
          {...common}
          inputMode="numeric"
          value={value === undefined ? "" : String(value)}
          onChange={(e) => {
            const v = e.currentTarget.value.trim();
            onChange(v === "" ? undefined : /^\d+$/.test(v) ? Number(v) : v);
          }}
        />
      );
    case "date":
      return (
        <TextInput
          {...common}
          type="date"
          value={String(value ?? "")}
          onChange={(e) => text(e.currentTarget.value)}
        />
      );
    case "time":
      return (
        <TextInput
          {...common}
          type="time"
          value={String(value ?? "")}
          onChange={(e) => text(e.currentTarget.value)}
        />
      );
    case "dateTime":
      return (
        <TextInput
          {...common}
          type="datetime-local"
          value={typeof value === "string" ? formatInstant(value).replace(" ", "T") : ""}
          onChange={(e) =>
            text(e.currentTarget.value ? localToIso(e.currentTarget.value, currentZone()) : "")
          }
        />
      );
    case "boolean":
      return (
        <Checkbox
          label={label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case "choice":
      return (
        <Select
          {...common}
          placeholder={t("exchange.compose.choose")}
          data={(field.options ?? []).map((o) => ({ value: o.code, label: tr(o.label) }))}
          value={typeof value === "string" ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case "country":
      return (
        <TextInput
          {...common}
          maxLength={2}
          description="ISO 3166 (KZ, CN, UZ…)"
          value={String(value ?? "")}
          onChange={(e) => text(e.currentTarget.value.toUpperCase())}
        />
      );
    case "persons":
      return (
        <PersonsField
          field={field}
          value={(value as Person[] | undefined) ?? []}
          onChange={onChange}
          error={error}
        />
      );
    default:
      return (
        <TextInput {...common} value={String(value ?? "")} onChange={(e) => text(e.currentTarget.value)} />
      );
  }
}

function PersonsField({
  field,
  value,
  onChange,
  error,
}: {
  field: FieldDef;
  value: Person[];
  onChange: (value: unknown) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const { tr } = useLang();
  const rows = value.length === 0 ? [{ fullName: "" }] : value;
  const set = (i: number, patch: Partial<Person>) => {
    const next = rows.map((p, j) => {
      if (j !== i) return p;
      const merged: Record<string, string> = { ...p, ...patch } as Record<string, string>;
      for (const k of Object.keys(merged)) if (merged[k] === "" && k !== "fullName") delete merged[k];
      return merged as unknown as Person;
    });
    onChange(next.every((p) => !p.fullName) ? undefined : next);
  };
  return (
    <Fieldset legend={`${tr(field.label)}${field.required ? " *" : ""}`}>
      <Stack>
        {rows.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
          <Group key={i} align="end" grow>
            <TextInput
              label={`${t("exchange.compose.fullName")} ${i + 1}`}
              value={p.fullName}
              error={i === 0 ? error : undefined}
              onChange={(e) => set(i, { fullName: e.currentTarget.value })}
            />
            <TextInput
              label={t("exchange.compose.birthDate")}
              type="date"
              value={p.birthDate ?? ""}
              onChange={(e) => set(i, { birthDate: e.currentTarget.value })}
            />
            <TextInput
              label={t("exchange.compose.citizenship")}
              maxLength={2}
              value={p.citizenship ?? ""}
              onChange={(e) => set(i, { citizenship: e.currentTarget.value.toUpperCase() })}
            />
            <TextInput
              label={t("exchange.compose.documentNumber")}
              value={p.documentNumber ?? ""}
              onChange={(e) => set(i, { documentNumber: e.currentTarget.value })}
            />
          </Group>
        ))}
        {(field.maxItems ?? 1000) > rows.length && (
          <Button variant="light" w="fit-content" onClick={() => onChange([...rows, { fullName: "" }])}>
            {t("exchange.compose.addPerson")}
          </Button>
        )}
      </Stack>
    </Fieldset>
  );
}
