import { Button, Group, Loader, Stack, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api";
import { CaseTable } from "./CaseTable";
import { type CaseListItem, ClauseBadge, ErrorAlert } from "./shared";

const QUEUES = [
  "to_check",
  "to_decide",
  "to_issue",
  "issued",
  "overdue_registration",
  "awaiting_return",
  "overdue_return",
  "refused",
  "all",
] as const;

/** The officer's work queues (Z-18 … Z-27), with search by name or number. */
export function CasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const queue = QUEUES.find((q) => q === params.get("queue")) ?? "to_check";
  const q = params.get("q") ?? "";
  const [debounced] = useDebouncedValue(q, 250);
  const list = useQuery({
    queryKey: ["applications", queue, debounced],
    queryFn: () =>
      api<{ items: CaseListItem[]; clauses: string[] }>(
        `/api/v1/applications?queue=${queue}&limit=200${debounced.trim() ? `&q=${encodeURIComponent(debounced.trim())}` : ""}`,
      ),
  });
  const update = (next: { queue?: string; q?: string }) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged, { replace: true });
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("passes.cases.title")}</Title>
        <Button component={Link} to="/cases/new">
          {t("passes.cases.newAtCounter")}
        </Button>
      </Group>
      <TextInput
        type="search"
        label={t("passes.cases.search")}
        placeholder={t("passes.cases.searchHint")}
        value={q}
        onChange={(e) => update({ q: e.currentTarget.value })}
        maw={480}
      />
      <Tabs value={queue} onChange={(value) => update({ queue: value ?? "to_check" })} keepMounted={false}>
        <Tabs.List>
          {QUEUES.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`passes.queue.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {QUEUES.map((name) => (
          <Tabs.Panel key={name} value={name} pt="md">
            {name === "overdue_registration" && (
              <Group gap="xs" mb="sm">
                <Text size="sm">{t("passes.queueHint.overdue_registration")}</Text>
                {list.data?.clauses.map((clause) => (
                  <ClauseBadge key={clause} clause={clause} />
                ))}
              </Group>
            )}
            {list.isPending && <Loader aria-label={t("common.loading")} />}
            <ErrorAlert error={list.error} />
            {list.data && <CaseTable items={list.data.items} officer />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
