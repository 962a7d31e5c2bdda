// `npm run db:reset`: throws the local database away and recreates it (migrations + seed). Refuses anything not local.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { claimDataDir, getDatabase } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";

const config = getConfig();
if (config.mode === "embedded") {
  // Refuses (and wipes nothing) while the app or db:serve has the database open.
  claimDataDir(config.dataDir);
  rmSync(path.join(config.dataDir, "pgdata"), { recursive: true, force: true });
  const database = await getDatabase();
  console.log(`Recreated the embedded database in ${config.dataDir}${database.seeded ? " with demo data" : ""}`);
  await database.close();
} else {
  const host = new URL(config.databaseUrl!).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    console.error(`db:reset refuses to wipe a non-local database (${host}). Use the Supabase dashboard or CLI for that.`);
    process.exit(1);
  }
  const database = await getDatabase();
  await database.runner.exec(
    "drop schema if exists public cascade; create schema public; grant usage on schema public to anon, authenticated, service_role; drop schema if exists private cascade; truncate supabase_migrations.schema_migrations;",
  );
  await migrate(database.runner);
  await database.runner.exec(readFileSync("supabase/seed.sql", "utf8"));
  console.log("Reset the local database");
  await database.close();
}
