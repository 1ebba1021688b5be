import { Anchor, Button, Card, Group, Stack, Table, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { unitLabel, useLang } from "../../useLang";
import { ErrorAlert, formatInstant } from "../passes/shared";
import { fullName, type Petition, type PetitionCopy } from "./types";

/** The copies of a strip list (Z p.27): PDFs, certification of copy 1 and who received each. */
export function CopiesCard({
  petition,
  canHand,
  canCertify,
}: {
  petition: Petition;
  canHand: boolean;
  canCertify: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const leader = petition.members.find((m) => m.isLeader);
  const [recipients, setRecipients] = useState<Record<number, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["petition", petition.id] });
  const certify = useMutation({
    mutationFn: () => api(`/api/v1/petitions/${petition.id}/copies/1/certify`, { method: "POST", body: {} }),
    onSuccess: refresh,
  });
  const hand = useMutation({
    mutationFn: (copy: PetitionCopy) =>
      api(`/api/v1/petitions/${petition.id}/copies/${copy.copyNo}/handover`, {
        method: "POST",
        body: { receivedBy: recipientOf(copy) },
      }),
    onSuccess: refresh,
  });
  const recipientOf = (copy: PetitionCopy) =>
    recipients[copy.copyNo] ??
    (copy.holder === "GROUP_LEADER" && leader ? fullName(leader) : unitLabel(copy.holderUnit, lang));
  if (petition.copies.length === 0) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t("petitions.detail.copies")}
        </Title>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("petitions.detail.copyNo")}</Table.Th>
              <Table.Th>{t("petitions.detail.holder")}</Table.Th>
              <Table.Th>{t("petitions.detail.holderUnit")}</Table.Th>
              <Table.Th>{t("petitions.detail.certified")}</Table.Th>
              <Table.Th>{t("petitions.detail.withResults")}</Table.Th>
              <Table.Th>{t("petitions.detail.receivedBy")}</Table.Th>
              <Table.Th>PDF</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {petition.copies.map((copy) => (
              <Table.Tr key={copy.copyNo}>
                <Table.Td>{copy.copyNo}</Table.Td>
                <Table.Td>{t(`petitions.detail.holderName.${copy.holder}`)}</Table.Td>
                <Table.Td>{unitLabel(copy.holderUnit, lang)}</Table.Td>
                <Table.Td>
                  {copy.certified
                    ? copy.certifiedAt
                      ? formatInstant(copy.certifiedAt)
                      : canCertify && (
                          <Button size="xs" loading={certify.isPending} onClick={() => certify.mutate()}>
                            {t("petitions.detail.certify")}
                          </Button>
                        )
                    : "—"}
                </Table.Td>
                <Table.Td>{copy.withResults ? t("petitions.detail.yes") : t("petitions.detail.no")}</Table.Td>
                <Table.Td>
                  {copy.handedAt ? (
                    `${copy.receivedBy ?? ""}, ${formatInstant(copy.handedAt)}`
                  ) : canHand ? (
                    <Group gap="xs" wrap="nowrap">
                      <TextInput
                        size="xs"
                        aria-label={t("petitions.detail.receivedByFor", { no: copy.copyNo })}
                        value={recipientOf(copy)}
                        onChange={(e) =>
                          setRecipients({ ...recipients, [copy.copyNo]: e.currentTarget.value })
                        }
                      />
                      <Button size="xs" variant="light" onClick={() => hand.mutate(copy)}>
                        {t("petitions.detail.handOver", { no: copy.copyNo })}
                      </Button>
                    </Group>
                  ) : (
                    "—"
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor href={`/api/v1/petitions/${petition.id}/copies/${copy.copyNo}/pdf`} target="_blank">
                    {t("petitions.detail.pdf", { no: copy.copyNo })}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <ErrorAlert error={certify.error ?? hand.error} />
      </Stack>
    </Card>
  );
}
