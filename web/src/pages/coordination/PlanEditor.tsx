import { Button, Card, Group, MultiSelect, Select, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DIRECTION_CODES, DIRECTIONS, PARTIES } from "../../../../src/core/coordination/rules.js";
import { useLang } from "../../useLang";

/** The content of a plan version as the API takes it. */
export interface PlanContentJson {
  title: string;
  summary: string;
  directions: string[];
  variants: { key: string; situation: string; actions: { IAB: string; NSC: string; CUSTOMS: string } }[];
  tasks: { key: string; text: string; direction: string; owner: string; dueDate: string }[];
}

/** An empty plan to start from. */
export const emptyPlan = (): PlanContentJson => ({
  title: "",
  summary: "",
  directions: [],
  variants: [],
  tasks: [],
});

const nextKey = (prefix: string, keys: string[]) => {
  let n = keys.length + 1;
  while (keys.includes(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
};

/** Edits a plan's text, directions (X p.7), variants of joint action (X p.3.1) and tasks. */
export function PlanEditor({
  value,
  onChange,
}: {
  value: PlanContentJson;
  onChange: (v: PlanContentJson) => void;
}) {
  const { t } = useTranslation();
  const { tr } = useLang();
  const directionData = DIRECTION_CODES.map((d) => ({
    value: d,
    label: `${tr(DIRECTIONS[d].label)} (${DIRECTIONS[d].clause})`,
  }));
  const setVariant = (i: number, patch: Partial<PlanContentJson["variants"][number]>) =>
    onChange({ ...value, variants: value.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const setTask = (i: number, patch: Partial<PlanContentJson["tasks"][number]>) =>
    onChange({ ...value, tasks: value.tasks.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  return (
    <Stack>
      <TextInput
        label={t("coord.plans.planTitle")}
        required
        value={value.title}
        onChange={(e) => onChange({ ...value, title: e.currentTarget.value })}
      />
      <Textarea
        label={t("coord.plans.summary")}
        value={value.summary}
        onChange={(e) => onChange({ ...value, summary: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <MultiSelect
        label={t("coord.plans.directions")}
        data={directionData}
        value={value.directions}
        onChange={(directions) => onChange({ ...value, directions })}
      />
      <Title order={3} size="h4">
        {t("coord.plans.variants")}
      </Title>
      {value.variants.map((v, i) => (
        <Card key={v.key} withBorder padding="sm">
          <Stack gap="xs">
            <TextInput
              label={t("coord.plans.situation", { n: i + 1 })}
              required
              value={v.situation}
              onChange={(e) => setVariant(i, { situation: e.currentTarget.value })}
            />
            {PARTIES.map((p) => (
              <TextInput
                key={p}
                label={t("coord.plans.partyAction", { n: i + 1, party: t(`coord.party.${p}`) })}
                required
                value={v.actions[p]}
                onChange={(e) => setVariant(i, { actions: { ...v.actions, [p]: e.currentTarget.value } })}
              />
            ))}
            <Group>
              <Button
                variant="default"
                onClick={() => onChange({ ...value, variants: value.variants.filter((_, j) => j !== i) })}
              >
                {t("coord.plans.removeVariant", { n: i + 1 })}
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
      <Group>
        <Button
          variant="outline"
          onClick={() =>
            onChange({
              ...value,
              variants: [
                ...value.variants,
                {
                  key: nextKey(
                    "V",
                    value.variants.map((v) => v.key),
                  ),
                  situation: "",
                  actions: { IAB: "", NSC: "", CUSTOMS: "" },
                },
              ],
            })
          }
        >
          {t("coord.plans.addVariant")}
        </Button>
      </Group>
      <Title order={3} size="h4">
        {t("coord.plans.tasks")}
      </Title>
      {value.tasks.map((task, i) => (
        <Card key={task.key} withBorder padding="sm">
          <Group grow align="end">
            <TextInput
              label={t("coord.plans.taskText", { n: i + 1 })}
              required
              value={task.text}
              onChange={(e) => setTask(i, { text: e.currentTarget.value })}
            />
            <Select
              label={t("coord.plans.taskDirection", { n: i + 1 })}
              data={directionData}
              value={task.direction}
              onChange={(d) => setTask(i, { direction: d ?? "INFO_SUPPORT" })}
              allowDeselect={false}
            />
            <Select
              label={t("coord.plans.taskOwner", { n: i + 1 })}
              data={PARTIES.map((p) => ({ value: p, label: t(`coord.party.${p}`) }))}
              value={task.owner}
              onChange={(o) => setTask(i, { owner: o ?? "IAB" })}
              allowDeselect={false}
            />
            <TextInput
              label={t("coord.plans.taskDue", { n: i + 1 })}
              placeholder="YYYY-MM-DD"
              required
              value={task.dueDate}
              onChange={(e) => setTask(i, { dueDate: e.currentTarget.value })}
            />
            <Button
              variant="default"
              onClick={() => onChange({ ...value, tasks: value.tasks.filter((_, j) => j !== i) })}
            >
              {t("coord.plans.removeTask", { n: i + 1 })}
            </Button>
          </Group>
        </Card>
      ))}
      <Group>
        <Button
          variant="outline"
          onClick={() =>
            onChange({
              ...value,
              tasks: [
                ...value.tasks,
                {
                  key: nextKey(
                    "T",
                    value.tasks.map((x) => x.key),
                  ),
                  text: "",
                  direction: value.directions[0] ?? "INFO_SUPPORT",
                  owner: "IAB",
                  dueDate: "",
                },
              ],
            })
          }
        >
          {t("coord.plans.addTask")}
        </Button>
      </Group>
    </Stack>
  );
}
