// `npm run db:serve`: exposes the embedded database on 127.0.0.1:54322 (the Supabase CLI's port) for psql and drizzle-kit.
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db";

const config = getConfig();
if (config.mode !== "embedded") {
  console.error("db:serve exposes the embedded database; in hosted mode connect to DATABASE_URL directly.");
  process.exit(1);
}
const database = await getDatabase();
const port = Number(process.env.DB_PORT ?? 54322);
const server = new PGLiteSocketServer({ db: database.pglite!, host: "127.0.0.1", port, maxConnections: 8 });
await server.start();
console.log(`Embedded database on postgresql://postgres:postgres@127.0.0.1:${port}/postgres (Ctrl+C to stop)`);
console.log(`  psql "postgresql://postgres:postgres@127.0.0.1:${port}/postgres"`);
const stop = async () => {
  await server.stop();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
