import { randomUUID } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach } from "vitest";
import { openEmbeddedDatabase } from "./embedded/pglite";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { embeddedDatabase, schema, useDatabaseForTests as installDatabaseForTests, withUser, type AuthClaims, type Database } from "./index";
import { migrate } from "./migrate";
import { pgliteRunner } from "./runners";

/**
 * Test support for everything that touches the database. Booting and migrating PGlite costs seconds, so each test
 * file builds one migrated in-memory "golden" instance (lazily, on first use; vitest gives every file its own module
 * state) and every test works on a clone of it, which costs well under a second and shares nothing.
 */

let golden: Promise<PGlite> | undefined;

/** The migrated, unseeded in-memory database of this test file. Never write to it: clone it. */
export function goldenDatabase(): Promise<PGlite> {
  if (!golden) {
    golden = (async () => {
      const pg = await openEmbeddedDatabase();
      await migrate(pgliteRunner(pg));
      return pg;
    })();
    golden.catch(() => {
      golden = undefined;
    });
  }
  return golden;
}

/** A private copy of the golden database, wrapped as the app's `Database`. The caller closes it. */
export async function cloneDatabase(): Promise<Database> {
  // clone() is typed as the interface, but returns a full PGlite instance.
  const pg = (await (await goldenDatabase()).clone()) as PGlite;
  return embeddedDatabase(pg);
}

export type TestDatabase = {
  /** The current test's database (throws outside a test). */
  readonly database: Database;
};

/**
 * Gives every test in the calling file (or describe block) a fresh clone, installed as the database the code under
 * test gets from `getDatabase()`, and closes it afterwards.
 */
export function useTestDatabase(): TestDatabase {
  let current: Database | undefined;
  beforeEach(async () => {
    current = await cloneDatabase();
    installDatabaseForTests(current);
  });
  afterEach(async () => {
    installDatabaseForTests(undefined);
    const closing = current;
    current = undefined;
    await closing?.close();
  });
  return {
    get database() {
      if (!current) throw new Error("useTestDatabase(): the database exists only while a test runs");
      return current;
    },
  };
}

/** The claims of a verified token for this user, as the app hands them to `withUser`. */
export function claimsFor(userId: string): AuthClaims {
  return { sub: userId, role: "authenticated" };
}

/** Inserts an auth user (as Supabase Auth would; the profile trigger mirrors it) and returns its id. */
export async function createUser(database: Database, user: { email: string; fullName?: string }): Promise<string> {
  const metadata = user.fullName === undefined ? {} : { full_name: user.fullName };
  const [row] = await database.runner.query<{ id: string }>(
    "insert into auth.users (email, raw_user_meta_data, email_confirmed_at) values ($1, $2::jsonb, now()) returning id",
    [user.email, JSON.stringify(metadata)],
  );
  if (!row) throw new Error("createUser: no row returned");
  return row.id;
}

/**
 * Creates a business as the signed-in user, through `withUser`, so RLS and the creator-becomes-owner trigger apply.
 * The id is chosen here because the new row is not yet visible to its creator when the insert itself runs (the
 * owner membership is added by an after-insert trigger), so `returning` would be refused.
 */
export async function createBusinessAs(
  userId: string,
  business: { name: string; vertical?: schema.Vertical; timeZone?: string; currency?: string },
): Promise<string> {
  const id = randomUUID();
  await withUser(claimsFor(userId), (tx) =>
    tx.insert(schema.businesses).values({
      id,
      name: business.name,
      vertical: business.vertical ?? "other",
      timeZone: business.timeZone ?? "Europe/London",
      currency: business.currency ?? "GBP",
      createdBy: userId,
    }),
  );
  return id;
}

/** Adds a member directly (as the service path would), bypassing the invitation flow. */
export async function addMember(
  database: Database,
  businessId: string,
  userId: string,
  role: schema.MemberRole,
): Promise<void> {
  await database.runner.query("insert into public.memberships (business_id, user_id, role) values ($1, $2, $3)", [
    businessId,
    userId,
    role,
  ]);
}
