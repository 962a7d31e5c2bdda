// `npm run db:seed`: loads supabase/seed.sql into the configured database (it is idempotent).
import { readFileSync } from "node:fs";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db";

// The seed creates a demo owner whose password is public: never put it into a deployed database.
const config = getConfig();
if (config.mode === "hosted" && !["localhost", "127.0.0.1", "::1", "[::1]"].includes(new URL(config.databaseUrl!).hostname)) {
  console.error("db:seed refuses a non-local database: the demo login it creates has a published password.");
  process.exit(1);
}

const database = await getDatabase();
await database.runner.exec(readFileSync("supabase/seed.sql", "utf8"));
console.log("Seeded demo data (sign in as demo@frontdesk.local / Frontdesk-Demo-2026)");
await database.close();
