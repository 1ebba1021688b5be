import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Translated } from "../../../../src/core/i18n.js";
import { ApiError, api } from "../../api";
import { useMe } from "../../session";
import { useLang } from "../../useLang";

interface Summary {
  version: number;
  effectiveFrom: string;
  rules: number;
  inForce: boolean;
  scheduled: boolean;
}
interface RuleSet {
  version: number;
  effectiveFrom: string;
  basis: Translated;
  rules: { id: string; kind: string; clauses: string[]; explanation: Translated }[];
}
interface Diff {
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
}

/** Rule-set versions (C-1): what is in force, what is scheduled, differences, and scheduling a new one. */
export function RulesPage() {
  const { t } = useTranslation();
  const { tr } = useLang();
  const queryClient = useQueryClient();
  const canManage = useMe().data?.permissions.includes("rules.manage") ?? false;
  const versions = useQuery({
    queryKey: ["rules"],
    queryFn: () => api<{ items: Summary[] }>("/api/v1/rules"),
  });
  const items = versions.data?.items ?? [];
  const [a, setA] = useState<string | null>(null);
  const [b, setB] = useState<string | null>(null);
  const [viewed, setViewed] = useState<number | null>(null);
  const current = viewed ?? items.find((v) => v.inForce)?.version ?? null;
  const set = useQuery({
    queryKey: ["rules", current],
    enabled: current !== null,
    queryFn: () => api<RuleSet>(`/api/v1/rules/${current}`),
  });
  const diff = useQuery({
    queryKey: ["rules-diff", a, b],
    enabled: a !== null && b !== null && a !== b,
    queryFn: () => api<Diff>(`/api/v1/rules/compare?a=${a}&b=${b}`),
  });
  const [json, setJson] = useState("");
  const schedule = useMutation({
    mutationFn: () => api<Summary>("/api/v1/rules", { method: "POST", body: JSON.parse(json) as unknown }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["rules"] }),
  });

  return (
    <Stack>
      <Title order={1}>{t("rules.title")}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("rules.version")}</Table.Th>
            <Table.Th>{t("rules.effectiveFrom")}</Table.Th>
            <Table.Th>{t("rules.count")}</Table.Th>
            <Table.Th>{t("rules.compare")} A</Table.Th>
            <Table.Th>{t("rules.compare")} B</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>
                {v.version} {v.inForce && <Badge color="teal.9">{t("rules.inForce")}</Badge>}
                {v.scheduled && <Badge color="blue.8">{t("rules.scheduled")}</Badge>}
              </Table.Td>
              <Table.Td>{v.effectiveFrom}</Table.Td>
              <Table.Td>{v.rules}</Table.Td>
              <Table.Td>
                <Radio
                  aria-label={`A ${v.version}`}
                  checked={a === String(v.version)}
                  onChange={() => setA(String(v.version))}
                />
              </Table.Td>
              <Table.Td>
                <Radio
                  aria-label={`B ${v.version}`}
                  checked={b === String(v.version)}
                  onChange={() => setB(String(v.version))}
                />
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button size="xs" variant="subtle" onClick={() => setViewed(v.version)}>
                    {t("rules.view")}
                  </Button>
                  <Anchor size="sm" href={`/api/v1/rules/${v.version}`} download={`rules-v${v.version}.json`}>
                    {t("rules.download")}
                  </Anchor>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {diff.data && (
        <Alert title={`${t("rules.compare")}: ${a} → ${b}`}>
          {diff.data.added.length + diff.data.removed.length + diff.data.changed.length === 0 &&
            t("rules.noDiff")}
          {diff.data.added.length > 0 && (
            <Text>
              {t("rules.added")}: {diff.data.added.join(", ")}
            </Text>
          )}
          {diff.data.removed.length > 0 && (
            <Text>
              {t("rules.removed")}: {diff.data.removed.join(", ")}
            </Text>
          )}
          {diff.data.changed.map((c) => (
            <Text key={c.id}>
              {t("rules.changed")}: <Code>{c.id}</Code> ({c.fields.join(", ")})
            </Text>
          ))}
        </Alert>
      )}
      {set.data && (
        <Stack gap="xs">
          <Title order={2}>
            {t("rules.version")} {set.data.version} — {set.data.effectiveFrom}
          </Title>
          <Text size="sm">{tr(set.data.basis)}</Text>
          <Accordion variant="separated">
            {set.data.rules.map((rule) => (
              <Accordion.Item key={rule.id} value={rule.id}>
                <Accordion.Control>
                  <Group gap="xs">
                    <Code>{rule.id}</Code>
                    {rule.clauses.map((c) => (
                      <Badge key={c} variant="outline" color="dark" tt="none">
                        {c}
                      </Badge>
                    ))}
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Text size="sm">
                    {t("rules.kind")}: {rule.kind}
                  </Text>
                  <Text>{tr(rule.explanation)}</Text>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      )}
      {canManage && (
        <Stack gap="xs">
          <Title order={2}>{t("rules.schedule")}</Title>
          <Text size="sm">{t("rules.scheduleHint")}</Text>
          <Textarea
            aria-label={t("rules.schedule")}
            value={json}
            onChange={(e) => setJson(e.currentTarget.value)}
            autosize
            minRows={6}
            maxRows={20}
            styles={{ input: { fontFamily: "monospace" } }}
          />
          <Group>
            <Button
              onClick={() => schedule.mutate()}
              loading={schedule.isPending}
              disabled={json.trim() === ""}
            >
              {t("rules.submit")}
            </Button>
          </Group>
          {schedule.data && (
            <Alert color="green">{t("rules.saved", { version: schedule.data.version })}</Alert>
          )}
          {schedule.error && (
            <Alert color="red" role="alert">
              {schedule.error instanceof ApiError && schedule.error.field ? `${schedule.error.field}: ` : ""}
              {schedule.error.message}
            </Alert>
          )}
        </Stack>
      )}
    </Stack>
  );
}
