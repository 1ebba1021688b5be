import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api";
import { useMe } from "../../session";
import { ErrorAlert, formatInstant, PlaceName } from "../passes/shared";
import { type ForeignerSummary, StageBadge } from "./common";

const FILTERS = ["ALL", "SUBMITTED", "AT_NSC", "NSC_AGREED", "NSC_REFUSED", "ISSUED", "REFUSED"] as const;

/**
 * Foreigners' permit cases (Z p.17): the IAB's desk, the NSC reviewer's agreement queue and the
 * applicant's own applications are the same list, each seeing what row-level security lets through.
 */
export function ForeignersPage({ view }: { view: "iab" | "nsc" | "mine" }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const fallback = view === "nsc" ? "AT_NSC" : "ALL";
  const stage = FILTERS.find((f) => f === params.get("stage")) ?? fallback;
  const list = useQuery({
    queryKey: ["foreigners", stage],
    queryFn: () =>
      api<{ items: ForeignerSummary[] }>(
        `/api/v1/foreigners?limit=200${stage === "ALL" ? "" : `&stage=${stage}`}`,
      ),
  });
  const canApply =
    me?.permissions.includes("applications.intake") === true ||
    me?.permissions.includes("applications.own") === true;
  const newPath = view === "mine" ? "/my/foreigners/new" : "/foreigners/new";
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t(`special.foreigners.title.${view}`)}</Title>
        {canApply && view !== "nsc" && (
          <Button component={Link} to={newPath}>
            {t("special.foreigners.new")}
          </Button>
        )}
      </Group>
      <Text>{t("special.foreigners.intro")}</Text>
      <SegmentedControl
        aria-label={t("special.foreigners.filter")}
        value={stage}
        onChange={(value) => setParams(value === fallback ? {} : { stage: value })}
        data={FILTERS.map((f) => ({ value: f, label: t(`special.stage.${f}`) }))}
        style={{ flexWrap: "wrap" }}
      />
      {list.isPending && <Loader aria-label={t("common.loading")} />}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 && <Text>{t("special.empty")}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("special.field.number")}</Table.Th>
                <Table.Th>{t("special.field.fullName")}</Table.Th>
                <Table.Th>{t("special.field.citizenship")}</Table.Th>
                <Table.Th>{t("special.field.destination")}</Table.Th>
                <Table.Th>{t("special.field.stay")}</Table.Th>
                <Table.Th>{t("special.field.stage")}</Table.Th>
                <Table.Th>{t("special.field.nscDue")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Anchor component={Link} to={`/foreigners/${item.id}`}>
                      {item.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.fullName}</Table.Td>
                  <Table.Td>
                    {item.citizenship === "STATELESS" ? t("special.stateless") : item.citizenship}
                  </Table.Td>
                  <Table.Td>
                    <PlaceName kato={item.destinationKato} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {item.stayFrom} — {item.stayUntil}
                  </Table.Td>
                  <Table.Td>
                    <StageBadge stage={item.stage} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {item.dueAt && <Text size="sm">{formatInstant(item.dueAt)}</Text>}
                      {item.overdue && (
                        <Badge color="red.9" variant="outline" tt="none">
                          {t("special.overdue")}
                        </Badge>
                      )}
                      {item.escalated && (
                        <Badge color="red.9" variant="outline" tt="none">
                          {t("special.escalated")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
