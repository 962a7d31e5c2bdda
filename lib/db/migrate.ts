import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The least a database connection must offer to be migrated: PGlite and postgres.js both fit behind it. */
export type SqlRunner = {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
};

export type MigrationFile = { version: string; name: string; sql: string };

export const migrationsDir = () => path.join(/*turbopackIgnore: true*/ process.cwd(), "supabase/migrations");

/** The files in supabase/migrations, ordered as the Supabase CLI orders them (by the timestamp prefix). */
export function readMigrations(dir = migrationsDir()): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const [version, ...rest] = file.replace(/\.sql$/, "").split("_");
      return { version: version!, name: rest.join("_"), sql: readFileSync(path.join(/*turbopackIgnore: true*/ dir, file), "utf8") };
    });
}

/** Applies pending migrations, each in its own transaction, recording them where the Supabase CLI does. */
export async function migrate(db: SqlRunner, files = readMigrations()): Promise<{ applied: string[]; total: number }> {
  await db.exec(`create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);`);
  const done = new Set(
    (await db.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).map((r) => r.version),
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(file.sql);
      await tx.query("insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)", [file.version, file.name]);
    });
    applied.push(`${file.version}_${file.name}`);
  }
  return { applied, total: files.length };
}

export async function migrationStatus(db: SqlRunner, files = readMigrations()): Promise<{ applied: number; pending: number }> {
  const rows = await db.query<{ version: string }>(
    "select version from supabase_migrations.schema_migrations",
  ).catch(() => [] as { version: string }[]);
  const done = new Set(rows.map((r) => r.version));
  const applied = files.filter((f) => done.has(f.version)).length;
  return { applied, pending: files.length - applied };
}
