import i18n from "./i18n";

/** An API error in the one shape the server answers with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly clause?: string,
    readonly details?: unknown[],
    /** For a refusal about one field: what is wrong with it, without the field. */
    readonly reason?: string,
  ) {
    super(message);
  }

  /** The message as shown at its field: the server's reason where it gives one, else the message. */
  get atField(): string {
    return this.reason ?? this.message;
  }
}

/** Calls the Shekara API with the session cookie and the interface language; throws ApiError. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const isForm = init.body instanceof FormData;
  const response = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: {
      "accept-language": i18n.language,
      ...(init.body !== undefined && !isForm ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : isForm ? (init.body as FormData) : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as {
    error?: {
      code: string;
      message: string;
      field?: string;
      reason?: string;
      clause?: string;
      details?: unknown[];
    };
  } | null;
  if (!response.ok) {
    const e = data?.error;
    throw new ApiError(
      response.status,
      e?.code ?? "HTTP",
      e?.message ?? response.statusText,
      e?.field,
      e?.clause,
      e?.details,
      e?.reason,
    );
  }
  return data as T;
}

/** The signed-in user as /api/v1/auth/me returns it. */
export interface Me {
  id: string;
  login: string;
  fullName: string;
  roles: string[];
  permissions: string[];
  unitId: string | null;
  /** The unit's IANA time zone; null for users without a unit. */
  timeZone: string | null;
  locale: string;
}

/**
 * The message of an API error about one field of a request body (`body.<field>` or `<field>`),
 * for showing it at the field, without the field's code the message starts with; undefined for
 * other errors.
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || error.field === undefined) return undefined;
  return error.field === field || error.field === `body.${field}` ? error.atField : undefined;
}
