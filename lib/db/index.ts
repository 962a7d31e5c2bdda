import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { withoutQueryDetails } from "./errors";
import { openEmbeddedDatabase } from "./embedded/pglite";
import { migrate, type SqlRunner } from "./migrate";
import { pgliteRunner, postgresRunner } from "./runners";
import * as schema from "./schema";

export { schema };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  mode: "embedded" | "hosted";
  db: Db;
  runner: SqlRunner;
  /** Present in embedded mode: the in-process Postgres. */
  pglite?: PGlite;
  dataDir?: string;
  seeded: boolean;
  close(): Promise<void>;
};

/** The claims of a verified access token, shaped like Supabase's. */
export type AuthClaims = {
  sub: string;
  role: "authenticated";
  email?: string;
  aud?: string | string[];
  session_id?: string;
  exp?: number;
  iat?: number;
  [key: string]: unknown;
};

// Roles come from this allow-list, never from a token.
const USER_ROLE = "authenticated";
const SERVICE_ROLE = "service_role";
const SEARCH_PATH = "public, extensions";

const globalForDb = globalThis as unknown as { __frontdeskDb?: Promise<Database> };

export function embeddedDatabase(pg: PGlite, extra: Partial<Database> = {}): Database {
  return {
    mode: "embedded",
    db: drizzlePglite(pg, { schema }) as unknown as Db,
    runner: pgliteRunner(pg),
    pglite: pg,
    seeded: false,
    close: () => pg.close(),
    ...extra,
  };
}

function lockPath(dataDir: string) {
  return path.join(dataDir, "pglite.lock");
}

function isProcessAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PGlite keeps its files in one process; a second process opening the same folder would corrupt it. */
export function claimDataDir(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockPath(dataDir);
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8").trim());
    if (pid && pid !== process.pid && isProcessAlive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is open in another process (pid ${pid}). Stop it first, or set DATA_DIR to another folder.`,
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  const release = () => {
    try {
      if (existsSync(lock) && readFileSync(lock, "utf8").trim() === String(process.pid)) rmSync(lock);
    } catch {
      // The process is exiting; a stale lock is detected by its dead pid next time.
    }
  };
  process.once("exit", release);
  return release;
}

export async function openEmbedded(dataDir: string): Promise<Database> {
  const release = claimDataDir(dataDir);
  const pgData = path.join(dataDir, "pgdata");
  const fresh = !existsSync(path.join(pgData, "PG_VERSION"));
  const started = Date.now();
  const pg = await openEmbeddedDatabase({ dataDir: pgData });
  const database = embeddedDatabase(pg, {
    dataDir,
    close: async () => {
      await pg.close();
      release();
    },
  });
  const { applied } = await migrate(database.runner);
  if (fresh) {
    await database.runner.exec(readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), "supabase/seed.sql"), "utf8"));
    database.seeded = true;
  }
  log.info("db.embedded.ready", { dataDir, fresh, migrationsApplied: applied.length, ms: Date.now() - started });
  return database;
}

export function openHosted(databaseUrl: string): Database {
  // The Supabase pooler runs in transaction mode, which cannot keep prepared statements.
  const client = postgres(databaseUrl, { prepare: false, max: 10, onnotice: () => {} });
  return {
    mode: "hosted",
    db: drizzlePostgres(client, { schema }) as unknown as Db,
    runner: postgresRunner(client),
    seeded: false,
    close: () => client.end(),
  };
}

export function getDatabase(): Promise<Database> {
  if (!globalForDb.__frontdeskDb) {
    const config = getConfig();
    const opening =
      config.mode === "hosted" ? Promise.resolve(openHosted(config.databaseUrl!)) : openEmbedded(config.dataDir);
    // A failed open must not be cached: the next request tries again.
    globalForDb.__frontdeskDb = opening.catch((error: unknown) => {
      globalForDb.__frontdeskDb = undefined;
      throw error;
    });
  }
  return globalForDb.__frontdeskDb;
}

/** Tests install their own (cloned, migrated) database for the code under test to use. */
export function useDatabaseForTests(database: Database | undefined) {
  globalForDb.__frontdeskDb = database ? Promise.resolve(database) : undefined;
}

/**
 * A failed query leaves the transaction as a DatabaseError (./errors): its code, hint and constraint, without the
 * query's parameters, so no log line or error page outside lib/db can print a customer's data from it.
 */
async function cleanErrors<T>(transaction: Promise<T>): Promise<T> {
  try {
    return await transaction;
  } catch (error) {
    throw withoutQueryDetails(error);
  }
}

/**
 * Runs `fn` as the signed-in user: one transaction whose first statement sets the verified claims, the
 * `authenticated` role and the search path, exactly as Supabase's Data API does. RLS is the wall between businesses.
 */
export async function withUser<T>(claims: AuthClaims, fn: (tx: Db) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return cleanErrors(db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('role', ${USER_ROLE}, true), set_config('search_path', ${SEARCH_PATH}, true)`,
    );
    return fn(tx as unknown as Db);
  }));
}

/**
 * The named service client, for work that must cross the wall: webhooks, widget visitors, scheduled jobs. It bypasses
 * RLS, so every query made with it must name the business id that came from a verified key or signature.
 */
export async function withServiceRole<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return cleanErrors(db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('request.jwt.claims', ${JSON.stringify({ role: SERVICE_ROLE })}, true), set_config('role', ${SERVICE_ROLE}, true), set_config('search_path', ${SEARCH_PATH}, true)`,
    );
    return fn(tx as unknown as Db);
  }));
}

/** Rows of a raw `execute` result, whichever driver ran it. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

/**
 * The embedded auth server's own access to the `auth` schema, as Supabase Auth has with its own database user.
 * Only lib/auth/embedded calls this.
 */
export async function withAuthAdmin<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return cleanErrors(db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('search_path', ${SEARCH_PATH}, true)`);
    return fn(tx as unknown as Db);
  }));
}
