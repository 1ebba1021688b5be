import {
  Alert,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { Translated } from "../../../../src/core/i18n.js";
import type { MemberInput } from "../../../../src/core/petitions/members.js";
import { ApiError, api } from "../../api";
import { unitLabel, useLang } from "../../useLang";
import { DestinationsPicker } from "../passes/DestinationsPicker";
import {
  AA_ERRORS,
  addDays,
  ClauseBadge,
  ErrorAlert,
  newIdempotencyKey,
  today,
  type ZoneEntry,
} from "../passes/shared";
import { MembersEditor } from "./MembersEditor";
import type { Petition, UnitRef } from "./types";

interface Organization {
  kind: string;
  locationIab: UnitRef | null;
  iabs: (UnitRef & { code: string })[];
}

interface RulePreview {
  deadline: { applyBy: string; days: number; late: boolean; clauses: string[]; explanation: Translated };
  routing: { clauses: string[]; groupPass: boolean; explanation: Translated };
}

type Kind = "EMPLOYER" | "STRIP_LIST" | "RELEASE";

/** Filing a petition (Z-13, Z-14, Z-15) by an organization's representative. */
export function NewPetitionPage() {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const org = useQuery({
    queryKey: ["organization"],
    queryFn: () => api<Organization>("/api/v1/organization"),
  });
  const institution = org.data?.kind === "INSTITUTION";
  const [kindChoice, setKind] = useState<Kind | null>(null);
  const kind: Kind = kindChoice ?? (institution ? "RELEASE" : "STRIP_LIST");
  const [iabUnitId, setIab] = useState<string | null>(null);
  const [atEnterprise, setAtEnterprise] = useState(false);
  const [atEnterpriseReason, setAtEnterpriseReason] = useState("");
  const [places, setPlaces] = useState<ZoneEntry[]>([]);
  const [departureDate, setDeparture] = useState(addDays(today(), kind === "STRIP_LIST" ? 35 : 14));
  const [returnDate, setReturn] = useState("");
  const [workDescription, setWork] = useState("");
  const [groupPass, setGroupPass] = useState(true);
  const [lateReason, setLateReason] = useState("");
  const [members, setMembers] = useState<MemberInput[]>([]);
  const [release, setRelease] = useState({
    convictedOn: "",
    convictedWhere: "",
    article: "",
    releaseGrounds: "",
    livedInZoneBefore: false,
    familyInZone: "",
    opinion: "",
  });

  const preview = useQuery({
    queryKey: ["petition-rules", kind, departureDate],
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(departureDate),
    queryFn: () => api<RulePreview>(`/api/v1/petitions/rules?kind=${kind}&departureDate=${departureDate}`),
  });

  const submit = useMutation({
    mutationFn: () =>
      api<Petition>("/api/v1/petitions", {
        method: "POST",
        headers: { "idempotency-key": idempotencyKey },
        body: {
          kind,
          ...(kind !== "RELEASE" && !atEnterprise && iabUnitId ? { iabUnitId } : {}),
          ...(kind !== "RELEASE" && atEnterprise ? { atEnterpriseReason } : {}),
          destinations: places.map((p) => p.kato),
          departureDate,
          ...(returnDate ? { returnDate } : {}),
          workDescription,
          groupPass: kind !== "RELEASE" && groupPass,
          ...(lateReason.trim() ? { lateReason: lateReason.trim() } : {}),
          members,
          ...(kind === "RELEASE" ? { release } : {}),
        },
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ["petitions"] });
      await navigate(`/petitions/${created.id}`);
    },
  });
  const error = submit.error instanceof ApiError ? submit.error : undefined;
  const fieldError = (field: string) => {
    const named = error?.field?.replace(/^body\./, "");
    // A nested field's message keeps its path (which row); the field's own drops its code.
    if (named === field) return error?.atField;
    return named?.startsWith(`${field}.`) ? error?.message : undefined;
  };
  const late = preview.data?.deadline.late ?? false;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  const kinds: Kind[] = institution ? ["RELEASE"] : ["STRIP_LIST", "EMPLOYER"];
  return (
    <Stack maw={1000} style={AA_ERRORS}>
      <Title order={1}>{t("petitions.new")}</Title>
      <Text>{t("petitions.form.intro")}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Card withBorder>
            <Stack>
              <Select
                label={t("petitions.kindLabel")}
                data={kinds.map((k) => ({ value: k, label: t(`petitions.kind.${k}`) }))}
                value={kind}
                onChange={(v) => setKind((v as Kind | null) ?? null)}
                allowDeselect={false}
                error={fieldError("kind")}
              />
              {kind === "RELEASE" ? (
                <Text>
                  {t("petitions.form.releaseIab", { name: unitLabel(org.data?.locationIab ?? null, lang) })}
                </Text>
              ) : (
                <>
                  <Select
                    label={t("petitions.form.iab")}
                    data={(org.data?.iabs ?? []).map((u) => ({ value: u.id, label: unitLabel(u, lang) }))}
                    value={iabUnitId}
                    onChange={setIab}
                    disabled={atEnterprise}
                    error={fieldError("iabUnitId")}
                    searchable
                  />
                  <Checkbox
                    label={t("petitions.form.atEnterprise")}
                    checked={atEnterprise}
                    onChange={(e) => setAtEnterprise(e.currentTarget.checked)}
                  />
                  {atEnterprise && (
                    <Textarea
                      label={t("petitions.form.atEnterpriseReason")}
                      value={atEnterpriseReason}
                      onChange={(e) => setAtEnterpriseReason(e.currentTarget.value)}
                      required
                      error={fieldError("atEnterpriseReason")}
                    />
                  )}
                </>
              )}
              <DestinationsPicker
                value={places}
                onChange={setPlaces}
                label={t("petitions.form.destinations")}
                placeholder={t("petitions.form.destinationHint")}
                listLabel={t("petitions.form.destinations")}
                removeLabel={(name) => t("petitions.form.removePlace", { name })}
                error={fieldError("destinations")}
              />
              <Grid>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <TextInput
                    type="date"
                    label={
                      kind === "RELEASE" ? t("petitions.form.releaseDate") : t("petitions.form.departure")
                    }
                    value={departureDate}
                    onChange={(e) => setDeparture(e.currentTarget.value)}
                    required
                    error={fieldError("departureDate")}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <TextInput
                    type="date"
                    label={t("petitions.form.return")}
                    value={returnDate}
                    onChange={(e) => setReturn(e.currentTarget.value)}
                    error={fieldError("returnDate")}
                  />
                </Grid.Col>
              </Grid>
              {preview.data && (
                <Alert color={late ? "red" : "blue"} role="status">
                  <Stack gap={4}>
                    <Text size="sm" fw={600}>
                      {late
                        ? t("petitions.form.late", { date: preview.data.deadline.applyBy })
                        : t("petitions.form.due", {
                            date: preview.data.deadline.applyBy,
                            days: preview.data.deadline.days,
                          })}{" "}
                      {preview.data.deadline.clauses.map((c) => (
                        <ClauseBadge key={c} clause={c} />
                      ))}
                    </Text>
                    <Text size="sm">{tr(preview.data.deadline.explanation)}</Text>
                    <Text size="sm">
                      {tr(preview.data.routing.explanation)}{" "}
                      {preview.data.routing.clauses.map((c) => (
                        <ClauseBadge key={c} clause={c} />
                      ))}
                    </Text>
                  </Stack>
                </Alert>
              )}
              {(late || error?.code === "PETITION_LATE") && (
                <Textarea
                  label={t("petitions.form.lateReason")}
                  value={lateReason}
                  onChange={(e) => setLateReason(e.currentTarget.value)}
                  required
                  error={fieldError("lateReason")}
                />
              )}
              <Textarea
                label={t("petitions.form.work")}
                value={workDescription}
                onChange={(e) => setWork(e.currentTarget.value)}
                required
                error={fieldError("workDescription")}
              />
              {kind !== "RELEASE" && (
                <Checkbox
                  label={t("petitions.form.groupPass")}
                  checked={groupPass}
                  onChange={(e) => setGroupPass(e.currentTarget.checked)}
                />
              )}
            </Stack>
          </Card>
          {kind === "RELEASE" && (
            <Card withBorder>
              <Stack>
                <Title order={2} size="h3">
                  {t("petitions.form.release")}
                </Title>
                <Grid>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <TextInput
                      type="date"
                      label={t("petitions.form.convictedOn")}
                      value={release.convictedOn}
                      onChange={(e) => setRelease({ ...release, convictedOn: e.currentTarget.value })}
                      required
                      error={fieldError("release.convictedOn")}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 5 }}>
                    <TextInput
                      label={t("petitions.form.convictedWhere")}
                      value={release.convictedWhere}
                      onChange={(e) => setRelease({ ...release, convictedWhere: e.currentTarget.value })}
                      required
                      error={fieldError("release.convictedWhere")}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 4 }}>
                    <TextInput
                      label={t("petitions.form.article")}
                      value={release.article}
                      onChange={(e) => setRelease({ ...release, article: e.currentTarget.value })}
                      required
                      error={fieldError("release.article")}
                    />
                  </Grid.Col>
                </Grid>
                <TextInput
                  label={t("petitions.form.releaseGrounds")}
                  value={release.releaseGrounds}
                  onChange={(e) => setRelease({ ...release, releaseGrounds: e.currentTarget.value })}
                  required
                  error={fieldError("release.releaseGrounds")}
                />
                <Checkbox
                  label={t("petitions.form.livedInZone")}
                  checked={release.livedInZoneBefore}
                  onChange={(e) => setRelease({ ...release, livedInZoneBefore: e.currentTarget.checked })}
                />
                <TextInput
                  label={t("petitions.form.family")}
                  value={release.familyInZone}
                  onChange={(e) => setRelease({ ...release, familyInZone: e.currentTarget.value })}
                />
                <Textarea
                  label={t("petitions.form.opinion")}
                  value={release.opinion}
                  onChange={(e) => setRelease({ ...release, opinion: e.currentTarget.value })}
                  required
                  error={fieldError("release.opinion")}
                />
              </Stack>
            </Card>
          )}
          <MembersEditor
            members={members}
            onChange={setMembers}
            single={kind === "RELEASE"}
            error={fieldError("members")}
          />
          <ErrorAlert error={submit.error} />
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {t("petitions.form.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
