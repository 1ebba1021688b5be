import { Anchor, Button, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api";
import { useMe } from "../../session";
import { ErrorAlert } from "../passes/shared";
import { StageBadge, type WorksJson } from "./common";

/** Special-works applications (Z p.28): the applicant's own, or those routed to the approver's body. */
export function WorksPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const approver = me?.permissions.includes("special_works.decide") === true;
  const list = useQuery({
    queryKey: ["special-works"],
    queryFn: () => api<{ items: WorksJson[] }>("/api/v1/special-works?limit=200"),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t(approver ? "special.works.titleApprover" : "special.works.titleMine")}</Title>
        {!approver && (
          <Button component={Link} to="/special-works/new">
            {t("special.works.new")}
          </Button>
        )}
      </Group>
      <Text>{t("special.works.intro")}</Text>
      {list.isPending && <Loader aria-label={t("common.loading")} />}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 && <Text>{t("special.empty")}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("special.field.number")}</Table.Th>
                <Table.Th>{t("special.field.organization")}</Table.Th>
                <Table.Th>{t("special.field.kind")}</Table.Th>
                <Table.Th>{t("special.field.period")}</Table.Th>
                <Table.Th>{t("special.field.bodies")}</Table.Th>
                <Table.Th>{t("special.field.outcome")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Anchor component={Link} to={`/special-works/${w.id}`}>
                      {w.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{w.organization}</Table.Td>
                  <Table.Td>{t(`special.kind.${w.kind}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {w.periodFrom} — {w.periodUntil}
                  </Table.Td>
                  <Table.Td>
                    {w.routes
                      .map(
                        (r) =>
                          `${t(`special.body.${r.body}`)}: ${r.decision ? t(`special.decision.${r.decision}`) : t("special.stage.PENDING")}`,
                      )
                      .join("; ")}
                    {w.awaiting.length > 0 && <Text size="sm">{t("special.works.awaitingYou")}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <StageBadge stage={w.outcome} />
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
