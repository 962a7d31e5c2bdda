/**
 * What may reach a log line. Log lines leave the app (terminals, log shippers, support tickets), so a customer's
 * email, phone number, words or a live token must never be in one, whichever call site wrote it. Three layers:
 * fields whose name says they hold a secret or a customer's words are replaced whole; errors are reduced to what
 * identifies the failure (name, code, the message's summary, stack frames); every remaining string is scrubbed of
 * emails, phone numbers, tokens and links by pattern.
 */

// `email` but not `emailId`: an outbox row's id says which email failed without saying to whom.
const REDACTED_KEYS = /pass(word)?|secret|token|authori[sz]ation|cookie|api[_-]?key|content|body|text|jwt|hash|e-?mail(?!_?id)|phone|params|parameters|query|sql/i;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
// A run of 24+ key-like characters with a digit or mixed case: API keys, reset and invitation tokens, session ids
// (not the hyphenated words of an event or a reason).
const LONG_TOKEN = /[A-Za-z0-9_\-+=]{24,}/g;
const looksRandom = (run: string) => /\d/.test(run) || (/[a-z]/.test(run) && /[A-Z]/.test(run));
const PHONE = /(?<!\w)\+?\d[\d ().-]{5,}\d(?!\w)/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A URL keeps its scheme and host (which service failed is worth knowing); path, query and fragment may hold tokens. */
function scrubUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const rest = parsed.pathname.replace(/\/$/, "") + parsed.search + parsed.hash;
    return rest ? `${parsed.protocol}//${parsed.host}/[redacted]` : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "[url]";
  }
}

/** Replaces emails, phone numbers, JWTs, long tokens and links inside free text; ids (UUIDs) stay readable. */
export function scrubText(text: string): string {
  const ids: string[] = [];
  // Set aside while scrubbing: a UUID's groups would otherwise read as a token or a phone number.
  const held = text.replace(UUID, (id) => `\u0000${ids.push(id) - 1}\u0000`);
  return held
    .replace(URL_PATTERN, scrubUrl)
    .replace(EMAIL, "[email]")
    .replace(JWT, "[token]")
    .replace(LONG_TOKEN, (run) => (looksRandom(run) ? "[token]" : run))
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, "").length;
      if (digits < 7 || ISO_DATE.test(match) || IPV4.test(match)) return match;
      return "[phone]";
    })
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => ids[Number(i)] ?? "");
}

// Messages conventionally put their details after the first ": " (drizzle's "Failed query: <sql> params: <values>",
// Postgres's 'invalid input syntax for type uuid: "<value>"', the AI SDK's "Type validation failed: Value: <output>"),
// and those details are where the data is: an error keeps only its summary, on one line.
function summaryOf(message: string): string {
  const firstLine = message.split("\n", 1)[0] ?? "";
  const cut = firstLine.indexOf(": ");
  return scrubText((cut === -1 ? firstLine : firstLine.slice(0, cut)).slice(0, 200));
}

const MAX_FRAMES = 8;

/** The stack's frames without its header, which repeats the whole message. Unsure where the message ends: no stack. */
function framesOf(error: Error): string[] | undefined {
  if (typeof error.stack !== "string") return undefined;
  const end = error.message ? error.stack.indexOf(error.message) : 0;
  if (end === -1) return undefined;
  const after = error.stack.slice(end + error.message.length);
  const frames = after
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("at "))
    .slice(0, MAX_FRAMES)
    .map((line) => line.slice(0, 300));
  return frames.length > 0 ? frames : undefined;
}

const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,64}$/;
const identifier = (value: unknown) => (typeof value === "string" && IDENTIFIER.test(value) ? value : undefined);

/**
 * An error as a log line may show it: its name and code, a database error's constraint, table and column (names, not
 * values; the query, its parameters and the row's detail are dropped), an HTTP error's status, the message's summary,
 * the stack frames and the cause. Every other property an error carries (postgres.js's `query` and `parameters`,
 * drizzle's `params`, the AI SDK's `requestBodyValues` and `responseBody`) is left out.
 */
export function describeError(error: Error, depth = 0): Record<string, unknown> {
  const e = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { name: identifier(e.name) ?? "Error" };
  const code = identifier(e.code) ?? (typeof e.code === "number" ? e.code : undefined);
  if (code !== undefined) out.code = code;
  for (const key of ["constraint", "constraint_name", "table", "table_name", "column", "column_name", "schema", "schema_name", "routine"]) {
    const value = identifier(e[key]);
    if (value) out[key.replace(/_name$/, "")] = value;
  }
  for (const key of ["status", "statusCode"]) if (typeof e[key] === "number") out[key] = e[key];
  if (typeof e.isRetryable === "boolean") out.isRetryable = e.isRetryable;
  if (error.message) out.message = summaryOf(error.message);
  const frames = framesOf(error);
  if (frames) out.stack = frames;
  if (error.cause !== undefined && depth < 3) {
    out.cause = error.cause instanceof Error ? describeError(error.cause, depth + 1) : redact(error.cause, depth + 1);
  }
  return out;
}

/** A value as it may be logged: secret-named fields replaced, errors described, strings scrubbed, at any depth. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return describeError(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, REDACTED_KEYS.test(k) ? "[redacted]" : redact(v, depth + 1)]),
  );
}
