import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../../api";
import { useMe } from "../../session";
import { localName, useLang } from "../../useLang";
import { ErrorAlert } from "../passes/shared";
import { emptyPlan, PlanEditor } from "./PlanEditor";
import { CoordStatus, type Triad } from "./shared";

/** A plan in the list. */
export interface PlanSummaryJson {
  id: string;
  triadId: string;
  triadNameKk: string;
  triadNameRu: string;
  triadNameEn: string | null;
  title: string;
  orderRef: string;
  orderDate: string;
  dueDate: string;
  dueClause: string;
  overdue: boolean;
  status: string;
  version: number;
  approvedVersion: number | null;
  agreedBy: string[];
  approvedBy: string[];
  isDemo: boolean;
}

/** Interaction plans of the officer's triads: list and, for heads, a new plan. */
export function PlansPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const me = useMe();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => api<PlanSummaryJson[]>("/api/v1/plans") });
  return (
    <Stack maw={1100}>
      <Title order={1}>{t("coord.plans.title")}</Title>
      <Text>{t("coord.plans.intro")}</Text>
      <ErrorAlert error={plans.error} />
      {plans.data && plans.data.length === 0 && <Text>{t("coord.plans.empty")}</Text>}
      {plans.data && plans.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("coord.plans.planTitle")}</Table.Th>
                <Table.Th>{t("coord.plans.triad")}</Table.Th>
                <Table.Th>{t("coord.plans.due")}</Table.Th>
                <Table.Th>{t("coord.plans.version")}</Table.Th>
                <Table.Th>{t("coord.acts.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/plans/${p.id}`}>
                      {p.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {localName({ nameKk: p.triadNameKk, nameRu: p.triadNameRu, nameEn: p.triadNameEn }, lang)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {p.dueDate}{" "}
                    {p.overdue && (
                      <Badge color="red.9" variant="outline">
                        {t("coord.plans.overdue")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{p.version}</Table.Td>
                  <Table.Td>
                    <CoordStatus status={p.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {me.data?.permissions.includes("plans.draft") && <NewPlanForm />}
    </Stack>
  );
}

function NewPlanForm() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const navigate = useNavigate();
  const triads = useQuery({
    queryKey: ["coord-triads"],
    queryFn: () => api<Triad[]>("/api/v1/coordination/triads"),
  });
  const [triadId, setTriadId] = useState<string | null>(null);
  const [orderRef, setOrderRef] = useState("");
  const [orderDate, setOrderDate] = useState("");
  const [content, setContent] = useState(emptyPlan());
  const create = useMutation({
    mutationFn: () =>
      api<{ id: string }>("/api/v1/plans", {
        method: "POST",
        body: { triadId, orderRef, orderDate, content },
      }),
    onSuccess: (plan) => navigate(`/plans/${plan.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3">
            {t("coord.plans.new")}
          </Title>
          <Text size="sm">{t("coord.plans.newHelp")}</Text>
          <Select
            label={t("coord.plans.triad")}
            required
            data={(triads.data ?? []).map((x) => ({
              value: x.id,
              label: localName(x, lang),
            }))}
            value={triadId}
            onChange={setTriadId}
          />
          <Group grow>
            <TextInput
              label={t("coord.plans.orderRef")}
              required
              value={orderRef}
              onChange={(e) => setOrderRef(e.currentTarget.value)}
            />
            <TextInput
              label={t("coord.plans.orderDate")}
              placeholder="YYYY-MM-DD"
              required
              value={orderDate}
              onChange={(e) => setOrderDate(e.currentTarget.value)}
            />
          </Group>
          <PlanEditor value={content} onChange={setContent} />
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t("coord.plans.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
