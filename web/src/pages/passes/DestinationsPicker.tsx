import { ActionIcon, Autocomplete, Badge, Group } from "@mantine/core";
import { useState } from "react";
import { useZoneSearch, type ZoneEntry } from "./shared";

/**
 * Several border-zone settlements chosen one by one: typing searches the zone list, picking an
 * option adds the settlement to the list shown below and clears the box. The texts are the form's
 * own; with `removeLabel` each chosen settlement has a button that takes it off the list.
 */
export function DestinationsPicker({
  value,
  onChange,
  label,
  placeholder,
  description,
  listLabel,
  removeLabel,
  error,
}: {
  value: ZoneEntry[];
  onChange: (places: ZoneEntry[]) => void;
  label: string;
  placeholder: string;
  description?: string;
  /** The accessible name of the list of chosen settlements. */
  listLabel: string;
  /** The accessible name of a chosen settlement's remove button, given its label. */
  removeLabel?: (name: string) => string;
  error?: string | undefined;
}) {
  const [text, setText] = useState("");
  const zone = useZoneSearch(text);
  const options = zone.items.filter((e) => !value.some((p) => p.kato === e.kato)).map(zone.label);
  const onText = (typed: string) => {
    const entry = zone.items.find((e) => zone.label(e) === typed);
    if (!entry) {
      setText(typed);
      return;
    }
    if (!value.some((p) => p.kato === entry.kato)) onChange([...value, entry]);
    setText("");
  };
  return (
    <>
      <Autocomplete
        label={label}
        placeholder={placeholder}
        description={description}
        data={options}
        value={text}
        onChange={onText}
        filter={({ options: all }) => all}
        error={error}
        required
      />
      {value.length > 0 && (
        <Group gap="xs" aria-label={listLabel} role="list">
          {value.map((p) => (
            <Badge
              key={p.kato}
              role="listitem"
              size="lg"
              variant="outline"
              color="blue.8"
              tt="none"
              rightSection={
                removeLabel && (
                  <ActionIcon
                    size="xs"
                    variant="transparent"
                    color="dark"
                    aria-label={removeLabel(zone.label(p))}
                    onClick={() => onChange(value.filter((x) => x.kato !== p.kato))}
                  >
                    ×
                  </ActionIcon>
                )
              }
            >
              {zone.label(p)}
            </Badge>
          ))}
        </Group>
      )}
    </>
  );
}
