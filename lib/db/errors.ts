/** The parts of a Postgres error the app acts on, whichever driver (PGlite, postgres.js) or wrapper (Drizzle) raised it. */
export type PgErrorInfo = { code?: string; hint?: string; constraint?: string; message: string };

export function pgErrorOf(error: unknown): PgErrorInfo | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const e = current as { code?: unknown; hint?: unknown; constraint?: unknown; constraint_name?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      return {
        code: e.code,
        hint: typeof e.hint === "string" ? e.hint : undefined,
        constraint: typeof e.constraint === "string" ? e.constraint : typeof e.constraint_name === "string" ? e.constraint_name : undefined,
        message: typeof e.message === "string" ? e.message : "database error",
      };
    }
    current = e.cause;
  }
  return null;
}
export const isInsufficientPrivilege = (error: unknown) => pgErrorOf(error)?.code === "42501";

/**
 * A failed query as the rest of the app sees it. Drizzle's error says "Failed query: <sql> params: <values>" and keeps
 * the driver's error (with `query`, `parameters`, `detail` such as "Key (email)=(…)") as its cause, and whatever prints
 * it (Next's own error output for a page that failed, `String(error)`, `util.inspect`) prints a customer's email or
 * words. This keeps what the app acts on (code, hint, constraint; see pgErrorOf and apiErrorFromDatabase) and the
 * names of what failed, with the message's summary only (values follow its first ": ", as in Postgres's
 * 'invalid input syntax for type uuid: "<value>"'), no cause, no query, no parameters, no detail.
 */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";
  readonly code?: string;
  readonly hint?: string;
  readonly constraint?: string;

  constructor(info: PgErrorInfo, frames = "") {
    super(summaryOf(info.message));
    this.code = info.code;
    this.hint = info.hint;
    this.constraint = info.constraint;
    // The original's stack frames (where the query ran), under this message rather than the original's.
    this.stack = `${this.name}: ${this.message}${frames}`;
  }
}

function summaryOf(message: string): string {
  const firstLine = message.split("\n", 1)[0] ?? "";
  const cut = firstLine.indexOf(": ");
  return (cut === -1 ? firstLine : firstLine.slice(0, cut)).slice(0, 200) || "database error";
}

/** The database error `error` wraps, as a DatabaseError; anything else (an ApiError thrown inside a transaction) as is. */
export function withoutQueryDetails(error: unknown): unknown {
  if (error instanceof DatabaseError) return error;
  const info = pgErrorOf(error);
  if (!info) return error;
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frames = stack
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
  return new DatabaseError(info, frames ? `\n${frames}` : "");
}
