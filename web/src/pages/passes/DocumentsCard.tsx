import { Alert, Anchor, Button, Card, FileInput, Group, List, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";

interface FileRow {
  id: string;
  name: string;
  type: string;
  size: number;
}

/** The basis documents of an application (Z p.26): list, download, and attach (PDF, JPEG or PNG, ≤ 10 MB). */
export function DocumentsCard({
  caseId,
  files,
  canAttach,
}: {
  caseId: string;
  files: FileRow[];
  canAttach: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      if (file) form.append("file", file);
      return api<FileRow>(`/api/v1/applications/${caseId}/files`, { method: "POST", body: form });
    },
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: ["application", caseId] });
    },
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t("passes.docs.title")}
        </Title>
        {files.length === 0 ? (
          <Text size="sm">{t("passes.docs.none")}</Text>
        ) : (
          <List>
            {files.map((f) => (
              <List.Item key={f.id}>
                <Anchor href={`/api/v1/applications/${caseId}/files/${f.id}`}>{f.name}</Anchor> (
                {Math.ceil(f.size / 1024)} KB)
              </List.Item>
            ))}
          </List>
        )}
        {canAttach && (
          <Group align="flex-end">
            <FileInput
              label={t("passes.docs.attach")}
              description={t("passes.docs.hint")}
              accept="application/pdf,image/png,image/jpeg"
              value={file}
              onChange={setFile}
              clearable
              w={320}
            />
            <Button onClick={() => upload.mutate()} loading={upload.isPending} disabled={!file}>
              {t("passes.docs.upload")}
            </Button>
          </Group>
        )}
        {upload.error && (
          <Alert color="red" role="alert">
            {upload.error.message}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
