import { Alert, Button, FileInput, Group, Stack, Table, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api";

interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

/**
 * Uploads a CSV file to an import endpoint, with extra fields; shows the report, or every
 * rejected row with its reason (the server writes nothing when any row is bad).
 */
export function ImportForm({
  url,
  extra = {},
  children,
  onDone,
}: {
  url: string;
  extra?: Record<string, string>;
  children?: ReactNode;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error(t("ref.file"));
      const csv = await file.text();
      return api<{ rows: number }>(url, { method: "POST", body: { ...extra, csv } });
    },
    onSuccess: () => onDone?.(),
  });
  const problems =
    mutation.error instanceof ApiError && mutation.error.code === "IMPORT_REJECTED"
      ? ((mutation.error.details ?? []) as RowProblem[])
      : [];
  return (
    <Stack gap="xs">
      {children}
      <Group align="flex-end">
        <FileInput
          label={t("ref.file")}
          accept=".csv,text/csv"
          value={file}
          onChange={setFile}
          w={320}
          clearable
        />
        <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!file}>
          {t("ref.import")}
        </Button>
      </Group>
      {mutation.data && (
        <Alert color="green" role="status">
          {t("ref.importDone", { rows: mutation.data.rows })} — {JSON.stringify(mutation.data)}
        </Alert>
      )}
      {mutation.error && (
        <Alert color="red" role="alert" title={problems.length > 0 ? t("ref.rejected") : undefined}>
          <Text size="sm">{mutation.error.message}</Text>
          {problems.length > 0 && (
            <Table mt="xs">
              <Table.Tbody>
                {problems.slice(0, 50).map((p) => (
                  <Table.Tr key={`${p.line}-${p.field}-${p.reason}`}>
                    <Table.Td>
                      {t("ref.line")} {p.line}
                    </Table.Td>
                    <Table.Td>{p.field}</Table.Td>
                    <Table.Td>{p.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Alert>
      )}
    </Stack>
  );
}
