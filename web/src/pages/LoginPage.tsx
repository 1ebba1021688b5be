import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Code,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { DEMO_PASSWORD } from "../../../src/core/demo.js";
import { DEMO_TOTP_SECRET } from "../../../src/services/auth/demo-secret.js";
import { ApiError, api, type Me } from "../api";
import { useMeta } from "../session";
import { demoTotpCode } from "./account/demoTotp";

// Wrapped rather than scrolled: a scrolling block would need keyboard focus to be readable (WCAG).
const WRAP = { whiteSpace: "pre-wrap", wordBreak: "break-all" } as const;

type LoginAnswer = Me | { secondFactor: "totp" | "totp_enrol"; expiresAt: string };
type Step = "password" | "totp" | "totp_enrol";

const errorText = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

/** Sign-in with login and password, then the authenticator code where the role requires one. */
export function LoginPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [step, setStep] = useState<Step>("password");
  const [code, setCode] = useState("");
  const [demoCode, setDemoCode] = useState<string | null>(null);

  const signedIn = async (me: Me) => {
    queryClient.setQueryData(["me"], me);
    await navigate("/");
  };
  const passwordStep = useMutation({
    mutationFn: () => api<LoginAnswer>("/api/v1/auth/login", { method: "POST", body: { login, password } }),
    onSuccess: async (answer) => {
      if ("secondFactor" in answer) {
        setStep(answer.secondFactor);
        setCode("");
        return;
      }
      await signedIn(answer);
    },
  });
  const setup = useMutation({
    mutationFn: () => api<{ secret: string; uri: string }>("/api/v1/auth/totp/setup", { method: "POST" }),
  });
  const codeStep = useMutation({
    mutationFn: () => api<Me>("/api/v1/auth/totp", { method: "POST", body: { code: code.trim() } }),
    onSuccess: signedIn,
    onError: (error) => {
      // The pending sign-in lapsed: start again from the password.
      if (error instanceof ApiError && error.code === "LOGIN_STEP_EXPIRED") setStep("password");
    },
  });

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    codeStep.reset();
    passwordStep.mutate();
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    codeStep.mutate();
  };
  const showDemoCode = async () => setDemoCode(await demoTotpCode(DEMO_TOTP_SECRET, Date.now()));

  const error = codeStep.error ?? setup.error ?? (step === "password" ? passwordStep.error : null);
  return (
    <Center mih="70vh">
      <Card withBorder shadow="sm" w={420} padding="lg">
        <Stack>
          <Title order={1} size="h2">
            {step === "password" ? t("login.title") : t("login.totpTitle")}
          </Title>
          {error && (
            <Alert color="red" title={t("common.error")} role="alert">
              {errorText(error)}
            </Alert>
          )}
          {step === "password" && (
            <form onSubmit={submitPassword}>
              <Stack>
                <Text size="sm" c="dimmed">
                  {t("app.tagline")}
                </Text>
                <TextInput
                  label={t("login.login")}
                  value={login}
                  onChange={(e) => setLogin(e.currentTarget.value)}
                  autoComplete="username"
                  required
                />
                <PasswordInput
                  label={t("login.password")}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  autoComplete="current-password"
                  required
                />
                <Button type="submit" loading={passwordStep.isPending}>
                  {t("login.submit")}
                </Button>
                <Text size="sm">
                  {t("login.noAccount")}{" "}
                  <Anchor component={Link} to="/register" c="blue.8">
                    {t("login.registerLink")}
                  </Anchor>
                </Text>
                {meta.data?.demo && (
                  <Text size="xs" c="dimmed">
                    {t("login.demoHint", { password: DEMO_PASSWORD })}
                  </Text>
                )}
              </Stack>
            </form>
          )}
          {step === "totp_enrol" && (
            <Stack gap="xs">
              <Text size="sm">{t("login.enrolIntro")}</Text>
              {!setup.data ? (
                <Button variant="outline" onClick={() => setup.mutate()} loading={setup.isPending}>
                  {t("totp.start")}
                </Button>
              ) : (
                <>
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
                </>
              )}
            </Stack>
          )}
          {(step === "totp" || (step === "totp_enrol" && setup.data)) && (
            <form onSubmit={submitCode}>
              <Stack>
                <Text size="sm">{t("login.totpIntro")}</Text>
                <TextInput
                  label={t("totp.code")}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={6}
                  required
                />
                <Button type="submit" loading={codeStep.isPending}>
                  {t("login.totpSubmit")}
                </Button>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  c="blue.8"
                  onClick={() => setStep("password")}
                >
                  {t("login.back")}
                </Anchor>
                {meta.data?.demo && step === "totp" && (
                  <Stack gap={4}>
                    <Text size="xs" c="dimmed">
                      {t("login.demoTotpHint", { secret: DEMO_TOTP_SECRET })}
                    </Text>
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      c="blue.8"
                      onClick={() => void showDemoCode()}
                    >
                      {t("login.demoTotpShow")}
                    </Anchor>
                    {demoCode && (
                      <Text size="xs" c="dimmed">
                        {t("login.demoTotpCode", { code: demoCode })}
                      </Text>
                    )}
                  </Stack>
                )}
              </Stack>
            </form>
          )}
        </Stack>
      </Card>
    </Center>
  );
}
