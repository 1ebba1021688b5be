import { Grid, NumberInput, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The App.2 fields that name a person and their identity document, as typed. */
export interface PersonDraft {
  surname: string;
  givenName: string;
  patronymic: string;
  birthYear: number | string;
  documentSeries: string;
  documentNumber: string;
  documentIssuedOn: string;
  documentIssuedBy: string;
}

/** One of the person fields. */
export type PersonField = keyof PersonDraft;

/** A person with nothing typed yet. */
export const EMPTY_PERSON: PersonDraft = {
  surname: "",
  givenName: "",
  patronymic: "",
  birthYear: "",
  documentSeries: "",
  documentNumber: "",
  documentIssuedOn: "",
  documentIssuedBy: "",
};

/**
 * The App.2 person fields (Z App.2: name, year of birth, identity document), shared by the
 * citizen's application and the people typed into an organization's petition. What differs between
 * the two is passed in: the label of each field, whether the required ones are marked, the server's
 * message per field, and the form's own fields as grid columns — after the year of birth (place of
 * birth and citizenship; the address), before the document (its kind) and after it (residence and
 * workplace). The value may carry more than the person fields; they are kept as they are.
 */
export function PersonFields<T extends PersonDraft>({
  value,
  onChange,
  labels,
  required = false,
  error,
  afterBirthYear,
  documentKind,
  after,
}: {
  value: T;
  onChange: (value: T) => void;
  /** The translation key of each field's label. */
  labels: Record<PersonField, string>;
  /** Mark the fields App.2 requires (surname, name, year of birth, document number). */
  required?: boolean;
  /** The server's message for a field, if it named it. */
  error?: (field: PersonField) => string | undefined;
  afterBirthYear?: ReactNode;
  /** A column choosing the document's kind; the document's fields then take a line of their own. */
  documentKind?: ReactNode;
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const text = (field: PersonField, span: ColSpan, options: { type?: string; required?: boolean } = {}) => (
    <Grid.Col span={span}>
      <TextInput
        type={options.type}
        label={t(labels[field])}
        value={String(value[field])}
        onChange={(e) => onChange({ ...value, [field]: e.currentTarget.value })}
        required={required && options.required === true}
        error={error?.(field)}
      />
    </Grid.Col>
  );
  return (
    <Grid>
      {text("surname", { base: 12, sm: 4 }, { required: true })}
      {text("givenName", { base: 12, sm: 4 }, { required: true })}
      {text("patronymic", { base: 12, sm: 4 })}
      <Grid.Col span={{ base: 6, sm: 3 }}>
        <NumberInput
          label={t(labels.birthYear)}
          min={1900}
          max={9999}
          value={value.birthYear}
          onChange={(birthYear) => onChange({ ...value, birthYear })}
          required={required}
          error={error?.("birthYear")}
        />
      </Grid.Col>
      {afterBirthYear}
      {documentKind}
      {text("documentSeries", { base: 4, sm: 2 })}
      {text("documentNumber", { base: 8, sm: 3 }, { required: true })}
      {text("documentIssuedOn", { base: 12, sm: 3 }, { type: "date" })}
      {text("documentIssuedBy", documentKind ? 12 : { base: 12, sm: 4 })}
      {after}
    </Grid>
  );
}

type ColSpan = number | { base: number; sm: number };
