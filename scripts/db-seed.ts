// `npm run db:seed`: loads supabase/seed.sql into the configured database (it is idempotent).
import { readFileSync } from "node:fs";
import { getDatabase } from "@/lib/db";

const database = await getDatabase();
await database.runner.exec(readFileSync("supabase/seed.sql", "utf8"));
console.log("Seeded demo data (sign in as demo@frontdesk.local / Frontdesk-Demo-2026)");
await database.close();
