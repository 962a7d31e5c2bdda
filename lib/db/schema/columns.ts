import { timestamp } from "drizzle-orm/pg-core";

/** Times are timestamptz in UTC, read as Dates. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
