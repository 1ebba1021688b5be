import { Button, Card, Group, List, Loader, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../../api";
import { useMe } from "../../session";
import { placeName, useLang } from "../../useLang";
import { ErrorAlert, StatusBadge, useCodeLabel, type Verification } from "./shared";

/** Fetches the verdict on a pass code (public, C-6). */
export function useVerification(code: string) {
  return useQuery({
    queryKey: ["verify", code],
    enabled: code.trim().length > 0,
    queryFn: () => api<Verification>(`/api/v1/verify/${encodeURIComponent(code.trim())}`),
  });
}

/** The verdict on a pass: status, holder, places and validity (only for a genuine code). */
export function VerificationCard({ result }: { result: Verification }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const label = useCodeLabel();
  const pass = result.pass;
  const good = result.status === "VALID";
  return (
    <Card withBorder padding="lg" data-testid="verification" aria-live="polite">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2}>{label("verdict", result.status)}</Title>
          <StatusBadge status={result.status} size="xl" />
        </Group>
        <Text>{t(`passes.verdictText.${result.status}`, { defaultValue: "" })}</Text>
        {pass && (
          <Table>
            <Table.Tbody>
              {result.document === "permit" && (
                <Table.Tr>
                  <Table.Th scope="row">{t("special.verify.document")}</Table.Th>
                  <Table.Td>{t("special.verify.permit")}</Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th scope="row">{t("passes.verify.number")}</Table.Th>
                <Table.Td>{pass.n}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("passes.verify.holder")}</Table.Th>
                <Table.Td>{pass.h}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("passes.verify.birthYear")}</Table.Th>
                <Table.Td>{pass.y}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("passes.verify.validity")}</Table.Th>
                <Table.Td>
                  {pass.f} — {result.current && good ? result.current.validUntil : pass.u}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("passes.verify.places")}</Table.Th>
                <Table.Td>
                  <List size="sm">
                    {pass.p.map((kato) => {
                      const place = result.places?.find((p) => p.kato === kato);
                      return (
                        <List.Item key={kato}>
                          {place ? `${placeName(place, lang)} (${kato})` : kato}
                        </List.Item>
                      );
                    })}
                  </List>
                </Table.Td>
              </Table.Tr>
              {result.current && (
                <Table.Tr>
                  <Table.Th scope="row">{t("passes.verify.current")}</Table.Th>
                  <Table.Td>
                    <StatusBadge status={result.current.status} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

/** Public verification of a pass code (C-6): /verify to paste a code, /verify/:code to see the verdict. */
export function VerifyPage() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const navigate = useNavigate();
  const me = useMe().data;
  const [text, setText] = useState(code);
  const result = useVerification(code);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) void navigate(`/verify/${encodeURIComponent(text.trim())}`);
  };
  return (
    <Stack maw={860}>
      <Title order={1}>{t("passes.verify.title")}</Title>
      <Text>{t("passes.verify.intro")}</Text>
      <form onSubmit={submit}>
        <Stack>
          <Textarea
            label={t("passes.verify.code")}
            placeholder="SHK1.…"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={2}
            styles={{ input: { fontFamily: "monospace" } }}
          />
          <Group>
            <Button type="submit">{t("passes.verify.submit")}</Button>
          </Group>
        </Stack>
      </form>
      {result.isFetching && <Loader aria-label={t("common.loading")} />}
      <ErrorAlert error={result.error} />
      {result.data && <VerificationCard result={result.data} />}
      {result.data?.pass && me?.permissions.includes("passes.register") && (
        <Group>
          <Button component={Link} to={`/register-arrival?code=${encodeURIComponent(code)}`}>
            {t("passes.arrival.registerThis")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
