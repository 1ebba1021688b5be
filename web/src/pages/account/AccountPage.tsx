import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Loader,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useMe } from "../../session";

// Wrapped rather than scrolled: a scrolling block would need keyboard focus to be readable (WCAG).
const WRAP = { whiteSpace: "pre-wrap", wordBreak: "break-all" } as const;

interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  address: string | null;
  userAgent: string | null;
  current: boolean;
}
interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function useWhen() {
  const { i18n } = useTranslation();
  return (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : "—");
}

/** The signed-in user's own account: sessions, second factor, API tokens. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>{t("account.title")}</Title>
      <Text>
        {me.fullName} · {me.login}
      </Text>
      <SessionsCard />
      <TotpCard />
      <TokensCard />
    </Stack>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const when = useWhen();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ["account", "sessions"],
    queryFn: () => api<{ items: SessionRow[] }>("/api/v1/account/sessions"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["account", "sessions"] });
  const endOne = useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/account/sessions/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  const endOthers = useMutation({
    mutationFn: () => api<{ ended: number }>("/api/v1/account/sessions", { method: "DELETE" }),
    onSuccess: refresh,
  });
  const error = sessions.error ?? endOne.error ?? endOthers.error;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("account.sessions")}
        </Title>
        {sessions.isPending && <Loader aria-label={t("common.loading")} />}
        {error && (
          <Alert color="red" title={t("common.error")} role="alert">
            {error.message}
          </Alert>
        )}
        {sessions.data && (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("account.started")}</Table.Th>
                  <Table.Th>{t("account.lastSeen")}</Table.Th>
                  <Table.Th>{t("account.address")}</Table.Th>
                  <Table.Th>{t("account.browser")}</Table.Th>
                  <Table.Th>{t("account.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{when(s.createdAt)}</Table.Td>
                    <Table.Td>{when(s.lastSeenAt)}</Table.Td>
                    <Table.Td>{s.address ?? "—"}</Table.Td>
                    <Table.Td style={{ maxWidth: 260, overflowWrap: "anywhere" }}>
                      {s.userAgent ?? "—"}
                    </Table.Td>
                    <Table.Td>
                      {s.current ? (
                        <Badge color="teal.9" variant="filled">
                          {t("account.current")}
                        </Badge>
                      ) : (
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          onClick={() => endOne.mutate(s.id)}
                          aria-label={t("account.endSessionOf", { when: when(s.createdAt) })}
                        >
                          {t("account.endSession")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group>
          <Button
            variant="outline"
            color="red.9"
            onClick={() => endOthers.mutate()}
            loading={endOthers.isPending}
            disabled={(sessions.data?.items.filter((s) => !s.current).length ?? 0) === 0}
          >
            {t("account.endOthers")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function TotpCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const status = useQuery({
    queryKey: ["account", "totp"],
    queryFn: () => api<{ enrolled: boolean; required: boolean; pending: boolean }>("/api/v1/account/totp"),
  });
  const setup = useMutation({
    mutationFn: () => api<{ secret: string; uri: string }>("/api/v1/account/totp/setup", { method: "POST" }),
  });
  const confirm = useMutation({
    mutationFn: () =>
      api<void>("/api/v1/account/totp/confirm", { method: "POST", body: { code: code.trim() } }),
    onSuccess: async () => {
      setCode("");
      setup.reset();
      await queryClient.invalidateQueries({ queryKey: ["account", "totp"] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  const error = status.error ?? setup.error ?? confirm.error;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("totp.title")}
        </Title>
        {error && (
          <Alert color="red" title={t("common.error")} role="alert">
            {error.message}
          </Alert>
        )}
        {status.data?.enrolled && (
          <Group gap="xs">
            <Badge color="teal.9" variant="filled">
              {t("totp.enrolled")}
            </Badge>
            <Text size="sm">{t("totp.enrolledText")}</Text>
          </Group>
        )}
        {status.data && !status.data.enrolled && (
          <Stack gap="xs">
            <Text size="sm">{status.data.required ? t("totp.required") : t("totp.optional")}</Text>
            {!setup.data && (
              <Group>
                <Button variant="outline" onClick={() => setup.mutate()} loading={setup.isPending}>
                  {t("totp.start")}
                </Button>
              </Group>
            )}
          </Stack>
        )}
        {setup.data && (
          <form onSubmit={submit}>
            <Stack gap="xs">
              <Text size="sm">{t("totp.instructions")}</Text>
              <Text size="sm" fw={600}>
                {t("totp.secret")}
              </Text>
              <Code block style={WRAP}>
                {setup.data.secret}
              </Code>
              <Text size="sm" fw={600}>
                {t("totp.uri")}
              </Text>
              <Code block style={WRAP}>
                {setup.data.uri}
              </Code>
              <TextInput
                label={t("totp.code")}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                required
              />
              <Group>
                <Button type="submit" loading={confirm.isPending}>
                  {t("totp.confirm")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function TokensCard() {
  const { t } = useTranslation();
  const when = useWhen();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [days, setDays] = useState<number>(90);
  const tokens = useQuery({
    queryKey: ["account", "tokens"],
    queryFn: () => api<{ items: TokenRow[] }>("/api/v1/account/tokens"),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["account", "tokens"] });
  const create = useMutation({
    mutationFn: () =>
      api<TokenRow & { token: string }>("/api/v1/account/tokens", {
        method: "POST",
        body: { name, expiresInDays: days },
      }),
    onSuccess: async () => {
      setName("");
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/account/tokens/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const stateOf = (row: TokenRow) =>
    row.revokedAt
      ? t("tokens.revoked")
      : new Date(row.expiresAt) <= new Date()
        ? t("tokens.expired")
        : t("tokens.active");
  const error = tokens.error ?? create.error ?? revoke.error;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("tokens.title")}
        </Title>
        <Text size="sm">{t("tokens.intro")}</Text>
        {error && (
          <Alert color="red" title={t("common.error")} role="alert">
            {error.message}
          </Alert>
        )}
        {create.data && (
          <Alert color="blue" variant="light" title={t("tokens.createdTitle")}>
            <Stack gap="xs">
              <Text size="sm">{t("tokens.createdText")}</Text>
              <Code block style={WRAP}>
                {create.data.token}
              </Code>
            </Stack>
          </Alert>
        )}
        <form onSubmit={submit}>
          <Group align="flex-end">
            <TextInput
              label={t("tokens.name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={100}
              required
            />
            <NumberInput
              label={t("tokens.days")}
              value={days}
              onChange={(value) => setDays(typeof value === "number" ? value : Number(value) || 90)}
              min={1}
              max={365}
              w={140}
            />
            <Button type="submit" loading={create.isPending}>
              {t("tokens.create")}
            </Button>
          </Group>
        </form>
        {tokens.data && tokens.data.items.length === 0 && <Text size="sm">{t("tokens.none")}</Text>}
        {tokens.data && tokens.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("tokens.name")}</Table.Th>
                  <Table.Th>{t("tokens.state")}</Table.Th>
                  <Table.Th>{t("tokens.expires")}</Table.Th>
                  <Table.Th>{t("tokens.lastUsed")}</Table.Th>
                  <Table.Th>{t("account.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>{row.name}</Table.Td>
                    <Table.Td>{stateOf(row)}</Table.Td>
                    <Table.Td>{when(row.expiresAt)}</Table.Td>
                    <Table.Td>{when(row.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      {!row.revokedAt && (
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          onClick={() => revoke.mutate(row.id)}
                          aria-label={t("tokens.revokeOf", { name: row.name })}
                        >
                          {t("tokens.revoke")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
