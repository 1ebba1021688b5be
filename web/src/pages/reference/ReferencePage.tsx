import { Tabs, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMe } from "../../session";
import { DecisionsTab } from "./DecisionsTab";
import { ListTab } from "./ListTab";
import { ZoneTab } from "./ZoneTab";

/** Reference data (Z-1 … Z-4): the zone list, NSC officials, places serving non-residents, regime decisions. */
export function ReferencePage() {
  const { t } = useTranslation();
  const permissions = useMe().data?.permissions ?? [];
  const manage = permissions.includes("reference.manage");
  return (
    <>
      <Title order={1} mb="md">
        {t("ref.title")}
      </Title>
      <Tabs defaultValue="zone" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="zone">{t("ref.zone")}</Tabs.Tab>
          <Tabs.Tab value="officials">{t("ref.officials")}</Tabs.Tab>
          <Tabs.Tab value="places">{t("ref.places")}</Tabs.Tab>
          <Tabs.Tab value="decisions">{t("ref.decisions")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="zone" pt="md">
          <ZoneTab canManage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="officials" pt="md">
          <ListTab kind="officials" canManage={permissions.includes("officials.manage")} />
        </Tabs.Panel>
        <Tabs.Panel value="places" pt="md">
          <ListTab kind="places" canManage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="decisions" pt="md">
          <DecisionsTab canManage={manage} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
