import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { getDatabase } from "./index";
import { migrationStatus } from "./migrate";

export type Health = {
  status: "ok" | "degraded" | "down";
  mode: "embedded" | "hosted";
  db: "ok" | "unreachable";
  migrations: { applied: number; pending: number } | null;
};

/** Whether the database answers and every migration in the repo has been applied to it. */
export async function databaseHealth(): Promise<Health> {
  const mode = getConfig().mode;
  try {
    const database = await getDatabase();
    await database.runner.query("select 1");
    const migrations = await migrationStatus(database.runner);
    return { status: migrations.pending === 0 ? "ok" : "degraded", mode, db: "ok", migrations };
  } catch (error) {
    log.error("health.db_unreachable", { error });
    return { status: "down", mode, db: "unreachable", migrations: null };
  }
}
