import { z } from "zod";

/** The JSON error body every API route returns with a 4xx/5xx status. */
const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

export type FieldIssue = { field: string; message: string };

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
  }

  /** Per-field messages keyed by field name ("openingHours.mon.0.open" also answers to "openingHours"). */
  fieldMessages(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, message } of this.fields) {
      out[field] ??= message;
      const head = field.split(".")[0];
      if (head && head !== field) out[head] ??= message;
    }
    return out;
  }
}

/** Turns anything thrown by a request into a message a person can act on. */
export function errorMessage(error: unknown): string {
  // The server's summary names field paths ("allowedOrigins.0: …"); a person reads just what to correct.
  if (error instanceof ApiRequestError && error.code === "validation_failed" && error.fields.length > 0) {
    return `Please correct: ${[...new Set(error.fields.map((f) => f.message))].join("; ")}`;
  }
  if (error instanceof ApiRequestError) return error.message;
  return "Something went wrong. Please try again.";
}

type RequestOptions = { method?: "GET" | "POST" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> };

/**
 * Calls one of our JSON API routes and validates the answer with `schema`.
 * Failures become an ApiRequestError carrying the server's code, message and per-field messages.
 */
export async function apiRequest<T>(url: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "GET",
      headers: {
        ...options.headers,
        ...(options.body === undefined ? { accept: "application/json" } : { "content-type": "application/json", accept: "application/json" }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiRequestError(0, "network", "Could not reach Frontdesk. Check your connection and try again.");
  }

  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!response.ok) {
    const parsed = apiErrorBody.safeParse(json);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      throw new ApiRequestError(response.status, code, message, fields);
    }
    throw new ApiRequestError(response.status, "http_error", `The server answered ${response.status}. Please try again.`);
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(response.status, "bad_response", "The server sent an answer this page does not understand. Reload and try again.");
  }
  return parsed.data;
}

/** For endpoints that answer 204 or whose body the caller does not need. */
export const noContent = z.unknown();
