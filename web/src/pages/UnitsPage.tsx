import { Alert, Anchor, Badge, List, Loader, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AGENCY_NAMES, type Agency } from "../../../src/core/access/agencies.js";
import { api } from "../api";
import { useMe } from "../session";
import { useLang } from "../useLang";
import { TriadEditForm, TriadForm } from "./TriadForm";
import { UnitCreateForm, UnitEditForm, type UnitRow } from "./UnitForms";

type Unit = UnitRow;
interface Triad {
  id: string;
  level: number;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  units: {
    id: string;
    agency: Agency;
    code: string;
    nameKk: string;
    nameRu: string;
    nameEn: string | null;
  }[];
}

/** The units of the user's subtree, indented by depth, with each unit's superiors and counterparts. */
export function UnitsPage() {
  const { t } = useTranslation();
  const { tr, name: nameOf } = useLang();
  const query = useQuery({ queryKey: ["units"], queryFn: () => api<{ items: Unit[] }>("/api/v1/units") });
  const triads = useQuery({ queryKey: ["triads"], queryFn: () => api<{ items: Triad[] }>("/api/v1/triads") });
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Triad | null>(null);
  // Unit administrators manage their subtree, system administrators also form triads; the
  // server checks both again.
  const me = useMe().data;
  const canManage = me?.permissions.includes("units.manage") ?? false;
  const isSystemAdmin = me?.roles.includes("system_admin") ?? false;
  const canManageTriads = me?.permissions.includes("triads.manage") ?? false;
  const inTriads = new Set((triads.data?.items ?? []).flatMap((x) => x.units.map((u) => u.id)));
  const detail = useQuery({
    queryKey: ["unit", selected],
    enabled: selected !== null,
    queryFn: () => api<{ unit: Unit; superiors: Unit[]; counterparts: Unit[] }>(`/api/v1/units/${selected}`),
  });
  return (
    <Stack>
      <Title order={1}>{t("units.title")}</Title>
      {query.isPending && <Loader aria-label={t("common.loading")} />}
      {query.error && <Alert color="red">{query.error.message}</Alert>}
      {query.data && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("units.code")}</Table.Th>
              <Table.Th>{t("units.name")}</Table.Th>
              <Table.Th>{t("units.agency")}</Table.Th>
              <Table.Th>{t("units.level")}</Table.Th>
              <Table.Th>{t("units.timeZone")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setSelected(u.id)}>
                    {u.code}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ paddingInlineStart: `${(u.path.split(".").length - 1) * 16 + 8}px` }}>
                  {nameOf(u)}
                </Table.Td>
                <Table.Td>{tr(AGENCY_NAMES[u.agency])}</Table.Td>
                <Table.Td>{u.level ?? "—"}</Table.Td>
                <Table.Td>{u.timeZone}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {triads.data && triads.data.items.length > 0 && (
        <Stack gap="xs">
          <Title order={2}>{t("admin.triads")}</Title>
          {triads.data.items.map((triad) => (
            <Text key={triad.id}>
              <Badge variant="outline" color="dark" mr="xs">
                {t("admin.level")} {triad.level}
              </Badge>
              {nameOf(triad)}: {triad.units.map((u) => nameOf(u)).join(" · ")}
              {canManageTriads && (
                <Anchor
                  component="button"
                  type="button"
                  ml="sm"
                  onClick={() => setEditing(triad)}
                  aria-label={`${t("admin.editTriad")}: ${nameOf(triad)}`}
                >
                  {t("admin.editTriad")}
                </Anchor>
              )}
            </Text>
          ))}
        </Stack>
      )}
      {canManage && query.data && <UnitCreateForm units={query.data.items} topLevel={isSystemAdmin} />}
      {canManageTriads && query.data && <TriadForm units={query.data.items} taken={inTriads} />}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t("admin.editTriad")}
        closeButtonProps={{ "aria-label": t("admin.close") }}
        size="lg"
      >
        {editing && query.data && (
          <TriadEditForm key={editing.id} triad={editing} units={query.data.items} taken={inTriads} />
        )}
      </Modal>
      <Modal
        opened={selected !== null}
        onClose={() => setSelected(null)}
        title={t("admin.unitDetail")}
        closeButtonProps={{ "aria-label": t("admin.close") }}
        size="lg"
      >
        {detail.data && (
          <Stack>
            <Text fw={600}>
              {detail.data.unit.code} — {nameOf(detail.data.unit)}
            </Text>
            <Text size="sm">{tr(AGENCY_NAMES[detail.data.unit.agency])}</Text>
            <Text fw={600}>{t("admin.superiors")}</Text>
            <List>
              {detail.data.superiors.map((s) => (
                <List.Item key={s.id}>
                  {s.code} — {nameOf(s)}
                </List.Item>
              ))}
            </List>
            <Text fw={600}>{t("admin.counterparts")}</Text>
            {detail.data.counterparts.length === 0 ? (
              <Text size="sm">{t("admin.noCounterparts")}</Text>
            ) : (
              <List>
                {detail.data.counterparts.map((c) => (
                  <List.Item key={c.id}>
                    {tr(AGENCY_NAMES[c.agency])}: {c.code} — {nameOf(c)}
                  </List.Item>
                ))}
              </List>
            )}
            {canManage && <UnitEditForm key={detail.data.unit.id} unit={detail.data.unit} />}
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
