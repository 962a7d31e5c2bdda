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
