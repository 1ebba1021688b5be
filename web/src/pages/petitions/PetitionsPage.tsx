import { Badge, Button, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api";
import { useMe } from "../../session";
import { ErrorAlert } from "../passes/shared";
import type { PetitionListItem } from "./types";

/** Petitions the user may see: an organization's own, an IAB's queue, an NSC body's lists. */
export function PetitionsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const list = useQuery({
    queryKey: ["petitions"],
    queryFn: () => api<{ items: PetitionListItem[] }>("/api/v1/petitions"),
  });
  const canFile = me?.permissions.includes("petitions.own") ?? false;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("petitions.title")}</Title>
        {canFile && (
          <Button component={Link} to="/petitions/new">
            {t("petitions.new")}
          </Button>
        )}
      </Group>
      {list.isPending && <Loader aria-label={t("common.loading")} />}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 && <Text>{t("petitions.empty")}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("petitions.number")}</Table.Th>
              <Table.Th>{t("petitions.kindLabel")}</Table.Th>
              <Table.Th>{t("petitions.organization")}</Table.Th>
              <Table.Th>{t("petitions.people")}</Table.Th>
              <Table.Th>{t("petitions.departure")}</Table.Th>
              <Table.Th>{t("petitions.status")}</Table.Th>
              <Table.Th>{t("petitions.flagsLabel")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Link to={`/petitions/${p.id}`}>{p.number}</Link>
                </Table.Td>
                <Table.Td>{t(`petitions.kind.${p.kind}`)}</Table.Td>
                <Table.Td>{p.orgName ?? "—"}</Table.Td>
                <Table.Td>{p.people}</Table.Td>
                <Table.Td>{p.departureDate}</Table.Td>
                <Table.Td>
                  <Badge color="dark" variant="filled" tt="none">
                    {t(`petitions.statusName.${p.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {p.flags.map((f) => (
                      <Badge key={f} variant="outline" color="red.9" tt="none">
                        {t(`petitions.flag.${f}`, { defaultValue: f })}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
