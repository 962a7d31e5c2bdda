import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite, type Extensions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { vector } from "@electric-sql/pglite-pgvector";

export type EmbeddedOptions = {
  /** A folder on disk; omit for an in-memory database (tests). */
  dataDir?: string;
  /** pgTAP is only loaded where tests need it. */
  withPgTap?: boolean;
};

const bootstrapSql = () => readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/db/embedded/bootstrap.sql"), "utf8");

/** Opens a PGlite database with the extensions a Supabase project has, and recreates Supabase's auth schema and roles. */
export async function openEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<PGlite> {
  const extensions: Extensions = { vector, pg_trgm, pgcrypto };
  if (options.withPgTap) extensions.pgtap = (await import("@electric-sql/pglite-pgtap")).pgtap;
  const pg = await PGlite.create({ dataDir: options.dataDir, extensions, relaxedDurability: false });
  await pg.exec(bootstrapSql());
  return pg;
}
