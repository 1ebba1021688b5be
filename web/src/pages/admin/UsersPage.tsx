import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../../src/core/access/roles.js";
import { api } from "../../api";
import { useMe } from "../../session";
import { localName, useLang } from "../../useLang";

interface User {
  id: string;
  login: string;
  fullName: string;
  unitId: string | null;
  unitCode: string | null;
  roles: string[];
  disabled: boolean;
}
interface Unit {
  id: string;
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
}

/** User administration for unit and system administrators: search, add, change roles, disable. */
export function UsersPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const canManage = me?.permissions.includes("users.manage") ?? false;
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const users = useQuery({
    queryKey: ["users", debounced],
    queryFn: () =>
      api<{ items: User[]; total: number }>(`/api/v1/users?limit=200&q=${encodeURIComponent(debounced)}`),
  });
  const units = useQuery({
    queryKey: ["units"],
    enabled: canManage,
    queryFn: () => api<{ items: Unit[] }>("/api/v1/units"),
  });
  const roleOptions = ROLES.filter((r) => r !== "system_admin" || me?.roles.includes("system_admin")).map(
    (r) => ({
      value: r,
      label: t(`roles.${r}`),
    }),
  );
  const unitOptions = (units.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.code} — ${localName(u, lang)}`,
  }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["users"] });

  const [editing, setEditing] = useState<User | null>(null);
  const [roles, setRoles] = useState<string[]>([]);
  const update = useMutation({
    mutationFn: (input: { id: string; body: Record<string, unknown> }) =>
      api<User>(`/api/v1/users/${input.id}`, { method: "PATCH", body: input.body }),
    onSuccess: () => {
      setEditing(null);
      refresh();
    },
  });

  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ login: "", fullName: "", password: "", unitId: "" });
  const [newRoles, setNewRoles] = useState<string[]>(["officer"]);
  const create = useMutation({
    mutationFn: () => api<User>("/api/v1/users", { method: "POST", body: { ...form, roles: newRoles } }),
    onSuccess: () => {
      setCreating(false);
      refresh();
    },
  });

  return (
    <Stack>
      <Title order={1}>{t("admin.users")}</Title>
      <Group>
        <TextInput
          label={t("admin.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={280}
        />
        {canManage && (
          <Button mt="lg" onClick={() => setCreating(true)}>
            {t("admin.create")}
          </Button>
        )}
      </Group>
      {create.data && <Alert color="teal">{t("admin.created", { login: create.data.login })}</Alert>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("admin.login")}</Table.Th>
            <Table.Th>{t("admin.fullName")}</Table.Th>
            <Table.Th>{t("admin.unit")}</Table.Th>
            <Table.Th>{t("admin.roles")}</Table.Th>
            <Table.Th>{t("admin.status")}</Table.Th>
            {canManage && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.items ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.login}</Table.Td>
              <Table.Td>{u.fullName}</Table.Td>
              <Table.Td>{u.unitCode ?? "—"}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.roles.map((r) => (
                    <Badge key={r} variant="light" color="dark" tt="none">
                      {t(`roles.${r}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {u.disabled ? <Badge color="red.9">{t("admin.disabled")}</Badge> : t("admin.active")}
              </Table.Td>
              {canManage && (
                <Table.Td>
                  {u.id !== me?.id && (
                    <Group gap="xs">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => {
                          setEditing(u);
                          setRoles(u.roles);
                        }}
                      >
                        {t("admin.edit")}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        c={u.disabled ? "blue.8" : "red.9"}
                        onClick={() => update.mutate({ id: u.id, body: { disabled: !u.disabled } })}
                      >
                        {u.disabled ? t("admin.enable") : t("admin.disable")}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {update.error && (
        <Alert color="red" role="alert">
          {update.error.message}
        </Alert>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.login ?? ""}
        closeButtonProps={{ "aria-label": t("admin.close") }}
      >
        <Stack>
          <MultiSelect label={t("admin.roles")} data={roleOptions} value={roles} onChange={setRoles} />
          <Button
            onClick={() => editing && update.mutate({ id: editing.id, body: { roles } })}
            loading={update.isPending}
          >
            {t("admin.save")}
          </Button>
        </Stack>
      </Modal>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t("admin.create")}
        closeButtonProps={{ "aria-label": t("admin.close") }}
      >
        <Stack>
          <TextInput
            label={t("admin.login")}
            value={form.login}
            onChange={(e) => setForm({ ...form, login: e.currentTarget.value })}
          />
          <TextInput
            label={t("admin.fullName")}
            value={form.fullName}
            onChange={(e) => setForm({ ...form, fullName: e.currentTarget.value })}
          />
          <PasswordInput
            label={t("admin.password")}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
          />
          <Select
            label={t("admin.unit")}
            data={unitOptions}
            value={form.unitId || null}
            onChange={(v) => setForm({ ...form, unitId: v ?? "" })}
            searchable
          />
          <MultiSelect label={t("admin.roles")} data={roleOptions} value={newRoles} onChange={setNewRoles} />
          {create.error && (
            <Alert color="red" role="alert">
              {create.error.message}
            </Alert>
          )}
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t("admin.save")}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
