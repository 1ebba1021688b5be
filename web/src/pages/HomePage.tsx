import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMe } from "../session";

/** The signed-in user's start page: who they are and what they may do. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>{t("home.welcome", { name: me.fullName })}</Title>
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t("home.roles")}
        </Text>
        <Group gap="xs">
          {me.roles.map((role) => (
            <Badge key={role} variant="light">
              {t(`roles.${role}`)}
            </Badge>
          ))}
        </Group>
      </Card>
    </Stack>
  );
}
