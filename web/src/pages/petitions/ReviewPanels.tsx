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
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { MEMBER_CHECK_RESULTS, NSC_RESULTS } from "../../../../src/core/petitions/kinds.js";
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

/**
 * A set of per-person results: its values (the first needs no note, every other one does), where
 * its texts are, the note's field in the request, and what is already recorded on a person.
 */
interface ResultSet {
  results: readonly [string, ...string[]];
  /** The column's and the select's label. */
  label: string;
  /** The prefix of each result's label. */
  resultLabels: string;
  /** The note's field in the request body, and its label. */
  note: "reason" | "evidence";
  noteLabel: string;
  recorded: (m: PetitionMember) => Draft;
}

/** A person's result and note as being chosen. */
interface Draft {
  result: string;
  note: string;
}

/** The NSC territorial body's result (Z p.27): a refusal needs its reason. */
const NSC_SET: ResultSet = {
  results: NSC_RESULTS,
  label: "petitions.detail.nsc",
  resultLabels: "petitions.detail.nscResult",
  note: "reason",
  noteLabel: "petitions.detail.nscReason",
  recorded: (m) => ({ result: m.nscResult ?? "CLEARED", note: m.nscReason ?? "" }),
};

/** The IAB officer's records check (Z p.30): a match needs its evidence. */
const CHECK_SET: ResultSet = {
  results: MEMBER_CHECK_RESULTS,
  label: "petitions.detail.check",
  resultLabels: "petitions.detail.checkResult",
  note: "evidence",
  noteLabel: "petitions.detail.evidence",
  recorded: (m) => ({ result: m.checkResult ?? "CLEAR", note: m.checkEvidence ?? "" }),
};

/** The results being chosen for some people of a petition, and the request body that records them. */
function useResultDrafts(set: ResultSet, people: PetitionMember[]) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const value = (m: PetitionMember) => drafts[m.id] ?? set.recorded(m);
  return {
    value,
    change: (m: PetitionMember, draft: Draft) => setDrafts({ ...drafts, [m.id]: draft }),
    body: () => ({
      results: people.map((m) => {
        const v = value(m);
        return {
          memberId: m.id,
          result: v.result,
          ...(v.result !== set.results[0] ? { [set.note]: v.note } : {}),
        };
      }),
    }),
  };
}

/**
 * One person's row in a review table: number, name and year of birth, the cells a panel adds
 * (`children`), the result chosen from the set, and the note when the result needs one.
 */
function ResultRow({
  member,
  set,
  value,
  onChange,
  children,
}: {
  member: PetitionMember;
  set: ResultSet;
  value: Draft;
  onChange: (draft: Draft) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const name = fullName(member);
  return (
    <Table.Tr>
      <Table.Td>{member.seq}</Table.Td>
      <Table.Td>
        {name}, {member.birthYear}
      </Table.Td>
      {children}
      <Table.Td>
        <NativeSelect
          aria-label={`${t(set.label)}: ${name}`}
          data={set.results.map((r) => ({ value: r, label: t(`${set.resultLabels}.${r}`) }))}
          value={value.result}
          onChange={(e) => onChange({ ...value, result: e.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td>
        {value.result !== set.results[0] && (
          <TextInput
            aria-label={`${t(set.noteLabel)}: ${name}`}
            value={value.note}
            onChange={(e) => onChange({ ...value, note: e.currentTarget.value })}
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The NSC body's result per person of a strip list (Z p.27). */
export function NscPanel({ petition }: { petition: Petition }) {
  const { t } = useTranslation();
  const open = petition.members.filter((m) => !m.decision);
  const drafts = useResultDrafts(NSC_SET, open);
  const save = usePetitionStep<{ results: object[] }>(petition, "nsc-results");
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
            {open.map((m) => (
              <ResultRow
                key={m.id}
                member={m}
                set={NSC_SET}
                value={drafts.value(m)}
                onChange={(d) => drafts.change(m, d)}
              />
            ))}
          </Table.Tbody>
        </Table>
        <ErrorAlert error={save.error} />
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate(drafts.body())}>
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
  const drafts = useResultDrafts(CHECK_SET, open);
  const screen = usePetitionStep<Record<string, never>>(petition, "screen");
  const save = usePetitionStep<{ results: object[] }>(petition, "checks");
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
            {open.map((m) => (
              <ResultRow
                key={m.id}
                member={m}
                set={CHECK_SET}
                value={drafts.value(m)}
                onChange={(d) => drafts.change(m, d)}
              >
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
              </ResultRow>
            ))}
          </Table.Tbody>
        </Table>
        <ErrorAlert error={save.error} />
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate(drafts.body())}>
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
