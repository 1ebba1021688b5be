import { Alert, Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { DEMO_PASSWORD } from "../../../src/core/demo.js";
import { ApiError, api, type Me } from "../api";
import { useMeta } from "../session";

/** Sign-in with login and password. */
export function LoginPage() {
  const { t } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const mutation = useMutation({
    mutationFn: () => api<Me>("/api/v1/auth/login", { method: "POST", body: { login, password } }),
    onSuccess: async (me) => {
      queryClient.setQueryData(["me"], me);
      await navigate("/");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Center mih="70vh">
      <Card withBorder shadow="sm" w={380} padding="lg">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2">
              {t("login.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("app.tagline")}
            </Text>
            {mutation.error && (
              <Alert color="red" title={t("common.error")} role="alert">
                {mutation.error instanceof ApiError ? mutation.error.message : String(mutation.error)}
              </Alert>
            )}
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
            <Button type="submit" loading={mutation.isPending}>
              {t("login.submit")}
            </Button>
            {meta.data?.demo && (
              <Text size="xs" c="dimmed">
                {t("login.demoHint", { password: DEMO_PASSWORD })}
              </Text>
            )}
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
