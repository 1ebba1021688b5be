import { Button, Card, Group, Image, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { PARTIES } from "../../../../src/core/coordination/rules.js";
import { parsePointsText, sectorMapSvg } from "../../../../src/core/coordination/sector-map.js";
import { api } from "../../api";
import { ClauseBadge, ErrorAlert } from "../passes/shared";

/**
 * Assigns a border direction or sector to the party controlling it (X p.10.1): its outline typed
 * as latitude/longitude lines, checked and previewed as it is typed, with the basis of the decision.
 */
export function SectorForm({ triadId, today }: { triadId: string; today: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [controlledBy, setControlledBy] = useState<string>("NSC");
  const [basis, setBasis] = useState("");
  const [validFrom, setValidFrom] = useState(today);
  const [pointsText, setPointsText] = useState("");
  const parsed = parsePointsText(pointsText);
  const pointsError =
    pointsText.trim() && !parsed.ok
      ? t(`coord.sector.problem.${parsed.error.problem}`, { line: parsed.error.line })
      : undefined;
  const legend = Object.fromEntries(PARTIES.map((p) => [p, t(`coord.party.${p}`)])) as Record<
    (typeof PARTIES)[number],
    string
  >;
  const preview = parsed.ok
    ? sectorMapSvg([{ name: name || "—", controlledBy, points: parsed.points }], legend, name || "—")
    : null;
  const create = useMutation({
    mutationFn: () =>
      api(`/api/v1/coordination/triads/${triadId}/sectors`, {
        method: "POST",
        body: { name, controlledBy, basis, validFrom, points: parsed.ok ? parsed.points : [] },
      }),
    onSuccess: () => {
      setName("");
      setBasis("");
      setPointsText("");
      void client.invalidateQueries({ queryKey: ["sectors", triadId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed.ok) create.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack>
          <Group gap="xs">
            <Title order={2} size="h3">
              {t("coord.sector.new")}
            </Title>
            <ClauseBadge clause="X p.10.1" />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t("coord.joint.sectorName")}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              label={t("coord.joint.controlledBy")}
              data={PARTIES.map((p) => ({ value: p, label: legend[p] }))}
              value={controlledBy}
              onChange={(v) => v && setControlledBy(v)}
              allowDeselect={false}
            />
            <TextInput
              label={t("coord.joint.validFrom")}
              type="date"
              required
              value={validFrom}
              onChange={(e) => setValidFrom(e.currentTarget.value)}
            />
          </Group>
          <TextInput
            label={t("coord.acts.basis")}
            description={t("coord.sector.basisHint")}
            required
            value={basis}
            onChange={(e) => setBasis(e.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <Textarea
              label={t("coord.sector.points")}
              description={t("coord.sector.pointsHint")}
              required
              autosize
              minRows={5}
              value={pointsText}
              error={pointsError}
              onChange={(e) => setPointsText(e.currentTarget.value)}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t("coord.sector.preview")}
              </Text>
              {preview ? (
                <Image
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview)}`}
                  alt={t("coord.sector.previewAlt", { count: parsed.ok ? parsed.points.length : 0 })}
                  maw={360}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  {t("coord.sector.previewEmpty")}
                </Text>
              )}
            </Stack>
          </Group>
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending} disabled={!parsed.ok}>
              {t("coord.sector.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
