import {
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { ErrorAlert } from "../passes/shared";
import { fullName, type Petition, type PetitionMember } from "./types";

/** A mutation that refreshes the petition once it succeeds. */
function usePetitionStep<T>(petition: Petition, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) =>
      api<Record<string, unknown>>(`/api/v1/petitions/${petition.id}/${path}`, { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["petition", petition.id] }),
  });
}

/** The NSC body's result per person of a strip list (Z p.27). */
export function NscPanel({ petition }: { petition: Petition }) {
  const { t } = useTranslation();
  const open = petition.members.filter((m) => !m.decision);
  const [results, setResults] = useState<Record<string, { result: string; reason: string }>>({});
  const save = usePetitionStep<{ results: object[] }>(petition, "nsc-results");
  const value = (m: PetitionMember) =>
    results[m.id] ?? { result: m.nscResult ?? "CLEARED", reason: m.nscReason ?? "" };
  if (open.length === 0) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("petitions.detail.nscTitle")}
        </Title>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>№</Table.Th>
              <Table.Th>{t("petitions.form.surname")}</Table.Th>
              <Table.Th>{t("petitions.detail.nsc")}</Table.Th>
              <Table.Th>{t("petitions.detail.nscReason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {open.map((m) => {
              const v = value(m);
              const name = fullName(m);
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.seq}</Table.Td>
                  <Table.Td>
                    {name}, {m.birthYear}
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`${t("petitions.detail.nsc")}: ${name}`}
                      data={["CLEARED", "REFUSED"].map((r) => ({
                        value: r,
                        label: t(`petitions.detail.nscResult.${r}`),
                      }))}
                      value={v.result}
                      onChange={(e) =>
                        setResults({ ...results, [m.id]: { ...v, result: e.currentTarget.value } })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    {v.result === "REFUSED" && (
                      <TextInput
                        aria-label={`${t("petitions.detail.nscReason")}: ${name}`}
                        value={v.reason}
                        onChange={(e) =>
                          setResults({ ...results, [m.id]: { ...v, reason: e.currentTarget.value } })
                        }
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <ErrorAlert error={save.error} />
        <Group>
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                results: open.map((m) => {
                  const v = value(m);
                  return {
                    memberId: m.id,
                    result: v.result,
                    ...(v.result === "REFUSED" ? { reason: v.reason } : {}),
                  };
                }),
              })
            }
          >
            {t("petitions.detail.saveNsc")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The IAB officer's screening and records check per person (Z p.30, Z-18): candidates never decide alone. */
export function CheckPanel({ petition }: { petition: Petition }) {
  const { t } = useTranslation();
  const open = petition.members.filter(
    (m) => m.outcome === "AWAITING_CHECK" || m.outcome === "AWAITING_DECISION",
  );
  const [results, setResults] = useState<Record<string, { result: string; evidence: string }>>({});
  const screen = usePetitionStep<Record<string, never>>(petition, "screen");
  const save = usePetitionStep<{ results: object[] }>(petition, "checks");
  const value = (m: PetitionMember) =>
    results[m.id] ?? { result: m.checkResult ?? "CLEAR", evidence: m.checkEvidence ?? "" };
  if (open.length === 0) return null;
  const screened = screen.data as { screened: number; withCandidates: number } | undefined;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("petitions.detail.checkTitle")}
        </Title>
        <Group>
          <Button variant="light" loading={screen.isPending} onClick={() => screen.mutate({})}>
            {t("petitions.detail.screenAll")}
          </Button>
          {screened && <Text role="status">{t("petitions.detail.screened", screened)}</Text>}
        </Group>
        <ErrorAlert error={screen.error} />
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>№</Table.Th>
              <Table.Th>{t("petitions.form.surname")}</Table.Th>
              <Table.Th>{t("petitions.detail.screening")}</Table.Th>
              <Table.Th>{t("petitions.detail.check")}</Table.Th>
              <Table.Th>{t("petitions.detail.evidence")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {open.map((m) => {
              const v = value(m);
              const name = fullName(m);
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.seq}</Table.Td>
                  <Table.Td>
                    {name}, {m.birthYear}
                  </Table.Td>
                  <Table.Td>
                    {m.screening === null
                      ? "—"
                      : m.screening.candidates.length === 0
                        ? t("petitions.detail.noCandidates")
                        : m.screening.candidates.map((c) => (
                            <Text key={c.recordId} size="sm">
                              {t("petitions.detail.candidate", {
                                names: c.names.join(" / "),
                                score: c.score.toFixed(2),
                                reason: c.reason,
                              })}
                            </Text>
                          ))}
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`${t("petitions.detail.check")}: ${name}`}
                      data={["CLEAR", "POSSIBLE_MATCH", "CONFIRMED_MATCH"].map((r) => ({
                        value: r,
                        label: t(`petitions.detail.checkResult.${r}`),
                      }))}
                      value={v.result}
                      onChange={(e) =>
                        setResults({ ...results, [m.id]: { ...v, result: e.currentTarget.value } })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    {v.result !== "CLEAR" && (
                      <TextInput
                        aria-label={`${t("petitions.detail.evidence")}: ${name}`}
                        value={v.evidence}
                        onChange={(e) =>
                          setResults({ ...results, [m.id]: { ...v, evidence: e.currentTarget.value } })
                        }
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <ErrorAlert error={save.error} />
        <Group>
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                results: open.map((m) => {
                  const v = value(m);
                  return {
                    memberId: m.id,
                    result: v.result,
                    ...(v.result !== "CLEAR" ? { evidence: v.evidence } : {}),
                  };
                }),
              })
            }
          >
            {t("petitions.detail.saveChecks")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The head's decision (Z p.31): refusals with reasons, and one pass each or one group pass (Z p.10). */
export function DecisionPanel({ petition }: { petition: Petition }) {
  const { t } = useTranslation();
  const open = petition.members.filter((m) => m.outcome === "AWAITING_DECISION");
  const [passMode, setPassMode] = useState(petition.kind === "RELEASE" ? "INDIVIDUAL" : "GROUP");
  const [validFrom, setFrom] = useState(petition.departureDate);
  const [validUntil, setUntil] = useState(petition.data.returnDate ?? petition.departureDate);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [note, setNote] = useState("");
  const decide = usePetitionStep<object>(petition, "decision");
  const waiting = petition.members.some(
    (m) => m.outcome === "AWAITING_CHECK" || m.outcome === "AWAITING_NSC",
  );
  if (open.length === 0 || waiting) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("petitions.detail.decisionTitle")}
        </Title>
        {petition.kind !== "RELEASE" && (
          <Radio.Group label={t("petitions.detail.passMode")} value={passMode} onChange={setPassMode}>
            <Stack gap="xs" mt="xs">
              <Radio value="GROUP" label={t("petitions.detail.GROUP")} />
              <Radio value="INDIVIDUAL" label={t("petitions.detail.INDIVIDUAL")} />
            </Stack>
          </Radio.Group>
        )}
        <Grid>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              type="date"
              label={t("petitions.detail.validFrom")}
              value={validFrom}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput
              type="date"
              label={t("petitions.detail.validUntil")}
              value={validUntil}
              onChange={(e) => setUntil(e.currentTarget.value)}
            />
          </Grid.Col>
        </Grid>
        <Stack gap={4}>
          {open.map((m) => {
            const name = fullName(m);
            const isRefused = refused[m.id] !== undefined;
            return (
              <Group key={m.id} align="flex-end">
                <Checkbox
                  label={t("petitions.detail.refuse", { name })}
                  checked={isRefused}
                  onChange={(e) => {
                    const next = { ...refused };
                    if (e.currentTarget.checked) next[m.id] = "";
                    else delete next[m.id];
                    setRefused(next);
                  }}
                />
                {isRefused && (
                  <TextInput
                    label={t("petitions.detail.refusalReason", { name })}
                    value={refused[m.id]}
                    onChange={(e) => setRefused({ ...refused, [m.id]: e.currentTarget.value })}
                  />
                )}
              </Group>
            );
          })}
        </Stack>
        {open.some((m) => m.checkResult && m.checkResult !== "CLEAR") && (
          <Textarea
            label={t("petitions.detail.note")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        )}
        <ErrorAlert error={decide.error} />
        <Group>
          <Button
            loading={decide.isPending}
            onClick={() =>
              decide.mutate({
                passMode,
                validFrom,
                validUntil,
                refusals: Object.entries(refused).map(([memberId, reason]) => ({ memberId, reason })),
                ...(note.trim() ? { note: note.trim() } : {}),
              })
            }
          >
            {t("petitions.detail.decide")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Handing over the passes at the counter (Z p.32): identity checked, rules read and signed. */
export function IssuePanel({ petition }: { petition: Petition }) {
  const { t } = useTranslation();
  const [identityChecked, setIdentity] = useState(false);
  const [rulesAcknowledged, setRules] = useState(false);
  const issue = usePetitionStep<object>(petition, "issue");
  if (!petition.members.some((m) => m.outcome === "APPROVED")) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("petitions.detail.issueTitle")}
        </Title>
        <Checkbox
          label={t("petitions.detail.identityChecked")}
          checked={identityChecked}
          onChange={(e) => setIdentity(e.currentTarget.checked)}
        />
        <Checkbox
          label={t("petitions.detail.rulesAcknowledged")}
          checked={rulesAcknowledged}
          onChange={(e) => setRules(e.currentTarget.checked)}
        />
        <ErrorAlert error={issue.error} />
        <Group>
          <Button
            loading={issue.isPending}
            onClick={() => issue.mutate({ identityChecked, rulesAcknowledged })}
          >
            {t("petitions.detail.issue")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
