import {
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { api, type Me } from "./api";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { groupedNav } from "./nav";
import { useMeta } from "./session";

/** The page frame: header with language switcher, role-dependent navigation, main content. */
export function Layout({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meta = useMeta();
  const sections = groupedNav(me?.permissions ?? null);

  const logout = async () => {
    await api("/api/v1/auth/logout", { method: "POST" });
    queryClient.clear();
    await navigate("/login");
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={2} size="h3">
                {t("app.name")}
              </Title>
            </Anchor>
            {meta.data?.demo && (
              <Badge color="red.9" variant="filled">
                {t("app.demo")}
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher />
            {me ? (
              <Button variant="subtle" size="xs" onClick={() => void logout()}>
                {t("nav.logout")}
              </Button>
            ) : (
              <Button component={Link} to="/login" variant="subtle" size="xs">
                {t("nav.login")}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("nav.menu")}>
        {/* The menu scrolls with a visible bar when it is taller than the window; the API link is
            its last item, so no fixed item can cover the end of the list. */}
        <AppShell.Section grow component={ScrollArea} type="auto" offsetScrollbars>
          {sections.map((section) => (
            <div key={section.group}>
              {sections.length > 1 && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" pt="sm">
                  {t(`navGroup.${section.group}`)}
                </Text>
              )}
              {section.items.map((item) => (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={t(item.label)}
                  active={location.pathname === item.to}
                  variant="filled"
                />
              ))}
            </div>
          ))}
          <NavLink href="/docs" label={t("nav.docs")} mt="sm" />
        </AppShell.Section>
        {me && (
          <Text size="xs" c="dimmed" mt="auto" p="xs">
            {me.fullName}
          </Text>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
