import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api";
import { useLang } from "../../useLang";

interface Decision {
  id: string;
  regionKato: string;
  authority: string;
  number: string;
  decidedOn: string;
  titleKk: string;
  titleRu: string;
  fileName: string | null;
}

const FIELDS = ["regionKato", "number", "decidedOn", "titleKk", "titleRu"] as const;

/** Regional border-regime decisions (Z p.4) with their documents. */
export function DecisionsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ["regime-decisions"],
    queryFn: () => api<{ items: Decision[] }>("/api/v1/reference/regime-decisions"),
  });
  const [values, setValues] = useState<Record<string, string>>({ authority: "AKIM" });
  const [file, setFile] = useState<File | null>(null);
  const add = useMutation({
    mutationFn: () => {
      const form = new FormData();
      for (const [k, v] of Object.entries(values)) form.append(k, v);
      if (file) form.append("file", file);
      return api<Decision>("/api/v1/reference/regime-decisions", { method: "POST", body: form });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["regime-decisions"] }),
  });
  const fieldError = (field: string) =>
    add.error instanceof ApiError && add.error.field === field ? add.error.atField : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const labels: Record<(typeof FIELDS)[number], string> = {
    regionKato: `${t("ref.region")} (${t("ref.kato")})`,
    number: t("ref.number"),
    decidedOn: t("ref.decidedOn"),
    titleKk: `${t("ref.titleCol")} (kk)`,
    titleRu: `${t("ref.titleCol")} (ru)`,
  };
  return (
    <Stack>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("ref.decidedOn")}</Table.Th>
            <Table.Th>{t("ref.number")}</Table.Th>
            <Table.Th>{t("ref.authority")}</Table.Th>
            <Table.Th>{t("ref.titleCol")}</Table.Th>
            <Table.Th>{t("ref.region")}</Table.Th>
            <Table.Th>{t("ref.document")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{d.decidedOn}</Table.Td>
              <Table.Td>{d.number}</Table.Td>
              <Table.Td>{d.authority}</Table.Td>
              <Table.Td>{lang === "kk" ? d.titleKk : d.titleRu}</Table.Td>
              <Table.Td>{d.regionKato}</Table.Td>
              <Table.Td>
                {d.fileName ? (
                  <Anchor href={`/api/v1/reference/regime-decisions/${d.id}/file`}>
                    {t("ref.download")}
                  </Anchor>
                ) : (
                  "—"
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canManage && (
        <form onSubmit={submit}>
          <Stack gap="xs">
            <Text fw={600}>{t("ref.add")}</Text>
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t("ref.authority")}
                data={["GOVERNMENT", "AKIM"]}
                value={values.authority ?? "AKIM"}
                onChange={(v) => setValues({ ...values, authority: v ?? "AKIM" })}
                allowDeselect={false}
                w={160}
              />
              {FIELDS.map((f) => (
                <TextInput
                  key={f}
                  label={labels[f]}
                  type={f === "decidedOn" ? "date" : "text"}
                  value={values[f] ?? ""}
                  onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })}
                  error={fieldError(f)}
                />
              ))}
              <FileInput
                label={t("ref.document")}
                accept="application/pdf,image/png,image/jpeg"
                value={file}
                onChange={setFile}
                error={fieldError("file")}
                w={240}
                clearable
              />
              <Button type="submit" loading={add.isPending}>
                {t("ref.add")}
              </Button>
            </Group>
            {add.error && (
              <Alert color="red" role="alert">
                {add.error.message}
              </Alert>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
