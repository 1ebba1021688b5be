import { Anchor, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PURPOSE_LABELS } from "../../../../src/core/eligibility/index.js";
import { useLang } from "../../useLang";
import { type CaseListItem, FlagBadges, PlaceName, StatusBadge } from "./shared";

/** A table of cases: number (links to the case), holder, destination, departure, status and flags. */
export function CaseTable({ items, officer }: { items: CaseListItem[]; officer: boolean }) {
  const { t } = useTranslation();
  const { tr } = useLang();
  if (items.length === 0) return <Text>{t("passes.list.empty")}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("passes.list.number")}</Table.Th>
            {officer && <Table.Th>{t("passes.list.applicant")}</Table.Th>}
            <Table.Th>{t("passes.list.destination")}</Table.Th>
            <Table.Th>{t("passes.list.departure")}</Table.Th>
            <Table.Th>{t("passes.list.purpose")}</Table.Th>
            <Table.Th>{t("passes.list.status")}</Table.Th>
            {officer && <Table.Th>{t("passes.list.flags")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/applications/${item.id}`}>
                  {item.number}
                </Anchor>
              </Table.Td>
              {officer && (
                <Table.Td>
                  {[item.surname, item.givenName, item.patronymic].filter(Boolean).join(" ")},{" "}
                  {item.birthYear}
                </Table.Td>
              )}
              <Table.Td>
                <PlaceName kato={item.destinationKato} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{item.departureDate}</Table.Td>
              <Table.Td>
                {tr(PURPOSE_LABELS[item.purpose as keyof typeof PURPOSE_LABELS]) || item.purpose}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <StatusBadge status={item.status} />
              </Table.Td>
              {officer && (
                <Table.Td>
                  <FlagBadges flags={item.flags} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
