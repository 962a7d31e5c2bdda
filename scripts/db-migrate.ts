// `npm run db:migrate`: applies pending migrations to the configured database (embedded, or DATABASE_URL when hosted).
import { getDatabase } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";

const database = await getDatabase();
const { applied, total } = await migrate(database.runner);
console.log(applied.length ? `Applied ${applied.length} of ${total}: ${applied.join(", ")}` : `Up to date (${total} migrations)`);
await database.close();
