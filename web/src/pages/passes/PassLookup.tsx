import { Button, Group, Stack, Textarea } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert } from "./shared";
import { useVerification, VerificationCard } from "./VerifyPage";

/**
 * A pass looked up by its scanned code or its number, kept in the address (?code= or ?number=) so a
 * desk page can be reloaded or linked: the code is verified; a bare number is taken as typed.
 */
export function usePassLookup() {
  const [params, setParams] = useSearchParams();
  const current = params.get("code") ?? params.get("number") ?? "";
  const isCode = current.startsWith("SHK");
  const verification = useVerification(isCode ? current : "");
  const number = isCode ? verification.data?.pass?.n : current || undefined;
  const find = (value: string) => {
    const v = value.trim();
    setParams(v.startsWith("SHK") ? { code: v } : v ? { number: v } : {});
  };
  return { current, isCode, verification, number, find };
}

/** The find form (code or number) and the verification card of a looked-up pass. */
export function PassLookupForm({ lookup }: { lookup: ReturnType<typeof usePassLookup> }) {
  const { t } = useTranslation();
  const [text, setText] = useState(lookup.current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lookup.find(text);
  };
  return (
    <>
      <form onSubmit={submit}>
        <Stack>
          <Textarea
            label={t("passes.arrival.find")}
            description={t("passes.arrival.findHelp")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <Group>
            <Button type="submit" variant="outline">
              {t("passes.arrival.findButton")}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorAlert error={lookup.verification.error} />
      {lookup.verification.data && <VerificationCard result={lookup.verification.data} />}
    </>
  );
}
