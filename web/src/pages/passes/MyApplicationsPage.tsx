import { Button, Group, Loader, Stack, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api";
import { CaseTable } from "./CaseTable";
import { type CaseListItem, ErrorAlert } from "./shared";

/** The citizen's own applications with their status (Z-10 … Z-22). */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ["applications", "mine"],
    queryFn: () => api<{ items: CaseListItem[] }>("/api/v1/applications?queue=all&limit=200"),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("passes.mine.title")}</Title>
        <Button component={Link} to="/my/apply">
          {t("passes.mine.apply")}
        </Button>
      </Group>
      {list.isPending && <Loader aria-label={t("common.loading")} />}
      <ErrorAlert error={list.error} />
      {list.data && <CaseTable items={list.data.items} officer={false} />}
    </Stack>
  );
}
