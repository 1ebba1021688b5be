import { Button, Group, Stack, Textarea } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../api";
import { ErrorAlert, type Verification } from "./shared";
import { useVerification, VerificationCard } from "./VerifyPage";

/** Query keys of pass verdicts, refreshed after a step changes a pass. */
export const PASS_VERDICT_KEYS = [["verify"], ["pass-by-number"]] as const;

/** Finds a pass by its typed number (for those who may take steps on it): the verdict of its code. */
function usePassByNumber(number: string) {
  return useQuery({
    queryKey: ["pass-by-number", number],
    enabled: number.trim().length > 0,
    retry: false,
    queryFn: () => api<Verification>(`/api/v1/passes/by-number/${encodeURIComponent(number.trim())}`),
  });
}

/**
 * A pass looked up by its scanned code or its typed number, kept in the address (?code= or
 * ?number=) so a desk page can be reloaded or linked. Either way the desk sees the same verdict,
 * holder, places and validity; the steps appear once the pass is found.
 */
export function usePassLookup() {
  const [params, setParams] = useSearchParams();
  const current = params.get("code") ?? params.get("number") ?? "";
  const isCode = current.startsWith("SHK");
  const byCode = useVerification(isCode ? current : "");
  const byNumber = usePassByNumber(isCode ? "" : current);
  const verification = isCode ? byCode : byNumber;
  const number = verification.data?.pass?.n;
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
