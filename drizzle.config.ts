import { defineConfig } from "drizzle-kit";

/**
 * drizzle-kit against the embedded database served by `npm run db:serve` (or DATABASE_URL). The SQL migrations in
 * supabase/migrations are the source of truth; use `drizzle-kit pull`/`check` to compare, and write schema changes as
 * new migration files there.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./supabase/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54322/postgres" },
  schemaFilter: ["public"],
});
