import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isValidIin } from "../../../../src/core/iin.js";
import { ApiError, api } from "../../api";
import { useMeta } from "../../session";
import { useLang } from "../../useLang";

type Channel = "email" | "phone";

/** Citizen self-registration: details, then the 6-digit code sent to the e-mail or phone. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const meta = useMeta();
  const [fullName, setFullName] = useState("");
  const [iin, setIin] = useState("");
  const [channel, setChannel] = useState<Channel>("email");
  const [contact, setContact] = useState("");
  const [password, setPassword] = useState("");
  const [destination, setDestination] = useState<string | null>(null);
  const [code, setCode] = useState("");

  const register = useMutation({
    mutationFn: () =>
      api<{ channel: string; destination: string }>("/api/v1/account/register", {
        method: "POST",
        body: {
          fullName,
          iin: iin.trim(),
          ...(channel === "email" ? { email: contact } : { phone: contact }),
          password,
          locale: lang,
        },
      }),
    onSuccess: (sent) => setDestination(sent.destination),
  });
  const confirm = useMutation({
    mutationFn: () =>
      api<void>("/api/v1/account/confirm", { method: "POST", body: { destination, code: code.trim() } }),
  });

  // Checked here too so a typo is caught before the round trip; the server checks again.
  const iinProblem = iin.trim().length === 12 && !isValidIin(iin.trim()) ? t("register.iinInvalid") : null;
  const fieldError = (field: string) =>
    register.error instanceof ApiError && register.error.field === `body.${field}`
      ? register.error.atField
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };

  return (
    <Center mih="70vh">
      <Card withBorder shadow="sm" w={460} padding="lg">
        <Stack>
          <Title order={1} size="h2">
            {t("register.title")}
          </Title>
          {!destination && (
            <form onSubmit={submit} noValidate>
              <Stack>
                <Text size="sm">{t("register.intro")}</Text>
                {register.error && (
                  <Alert color="red" title={t("common.error")} role="alert">
                    {register.error.message}
                  </Alert>
                )}
                <TextInput
                  label={t("register.fullName")}
                  value={fullName}
                  onChange={(e) => setFullName(e.currentTarget.value)}
                  autoComplete="name"
                  error={fieldError("fullName")}
                  required
                />
                <TextInput
                  label={t("register.iin")}
                  description={t("register.iinHint")}
                  value={iin}
                  onChange={(e) => setIin(e.currentTarget.value)}
                  inputMode="numeric"
                  maxLength={12}
                  error={iinProblem ?? fieldError("iin")}
                  required
                />
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="register-channel">
                    {t("register.channel")}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="register-channel"
                    value={channel}
                    onChange={(value) => setChannel(value === "phone" ? "phone" : "email")}
                    data={[
                      { value: "email", label: t("register.email") },
                      { value: "phone", label: t("register.phone") },
                    ]}
                  />
                </Stack>
                <TextInput
                  label={channel === "email" ? t("register.email") : t("register.phone")}
                  description={channel === "phone" ? t("register.phoneHint") : undefined}
                  type={channel === "email" ? "email" : "tel"}
                  value={contact}
                  onChange={(e) => setContact(e.currentTarget.value)}
                  autoComplete={channel === "email" ? "email" : "tel"}
                  error={fieldError(channel)}
                  required
                />
                <PasswordInput
                  label={t("login.password")}
                  description={t("register.passwordHint")}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  autoComplete="new-password"
                  error={fieldError("password")}
                  required
                />
                <Button type="submit" loading={register.isPending}>
                  {t("register.submit")}
                </Button>
                <Text size="sm">
                  <Anchor component={Link} to="/login" c="blue.8">
                    {t("register.haveAccount")}
                  </Anchor>
                </Text>
              </Stack>
            </form>
          )}
          {destination && !confirm.isSuccess && (
            <form onSubmit={submitCode}>
              <Stack>
                <Alert color="blue" variant="light" title={t("register.sentTitle")}>
                  {t("register.sent", { destination })}
                </Alert>
                {confirm.error && (
                  <Alert color="red" title={t("common.error")} role="alert">
                    {confirm.error.message}
                  </Alert>
                )}
                <TextInput
                  label={t("register.code")}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={6}
                  required
                />
                <Button type="submit" loading={confirm.isPending}>
                  {t("register.confirm")}
                </Button>
                {meta.data?.demo && (
                  <Text size="sm">
                    {t("register.demoOutbox")}{" "}
                    <Anchor href="/dev/outbox" target="_blank" c="blue.8">
                      {t("outbox.title")}
                    </Anchor>
                  </Text>
                )}
              </Stack>
            </form>
          )}
          {confirm.isSuccess && (
            <Stack>
              <Alert color="teal" variant="light" title={t("register.doneTitle")} role="status">
                {t("register.done")}
              </Alert>
              <Button component={Link} to="/login">
                {t("login.submit")}
              </Button>
            </Stack>
          )}
        </Stack>
      </Card>
    </Center>
  );
}
