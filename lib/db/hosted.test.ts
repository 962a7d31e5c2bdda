import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHosted, rowsOf, useDatabaseForTests, withServiceRole, withUser, type Database } from "./index";
import { migrate, migrationStatus } from "./migrate";
import { goldenDatabase } from "./testing";

/**
 * The hosted path (postgres.js with prepare: false, as the Supabase pooler needs) against a real Postgres wire
 * protocol: the migrated test database served over TCP by pglite-socket, standing in for Supabase's pooler.
 */
describe("hosted database path over the Postgres wire protocol", () => {
  let pg: PGlite;
  let server: PGLiteSocketServer;
  let hosted: Database;

  beforeAll(async () => {
    pg = (await (await goldenDatabase()).clone()) as PGlite;
    server = new PGLiteSocketServer({ db: pg, host: "127.0.0.1", port: 0, maxConnections: 4 });
    await server.start();
    const port = server.getServerConn().split(":").pop();
    hosted = openHosted(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
    useDatabaseForTests(hosted);
  });

  afterAll(async () => {
    useDatabaseForTests(undefined);
    await hosted.close();
    await server.stop();
    await pg.close();
  });

  it("reads the migration journal and applies nothing twice", async () => {
    expect(await migrationStatus(hosted.runner)).toMatchObject({ pending: 0 });
    expect((await migrate(hosted.runner)).applied).toEqual([]);
  });

  it("runs a user's transaction as `authenticated` with their claims, and RLS holds", async () => {
    const [ada] = await hosted.runner.query<{ id: string }>(
      "insert into auth.users (email, raw_user_meta_data) values ('ada@adas-salon.test', '{\"full_name\":\"Ada O''Neill\"}') returning id",
    );
    const [bob] = await hosted.runner.query<{ id: string }>("insert into auth.users (email) values ('bob@bobs-bikes.test') returning id");
    await hosted.runner.query(
      "insert into businesses (id, name, vertical, time_zone, currency, created_by) values ('00000000-0000-4000-b000-00000000000a', 'Ada''s Salon', 'salon', 'Europe/Lisbon', 'EUR', $1), ('00000000-0000-4000-b000-00000000000b', 'Bob''s Bikes', 'retail', 'America/Chicago', 'USD', $2)",
      [ada!.id, bob!.id],
    );
    const seen = await withUser({ sub: ada!.id, role: "authenticated", user_metadata: { full_name: "Ada O'Neill" } }, async (tx) =>
      rowsOf(await tx.execute(sql`select current_user as who, auth.uid()::text as uid, (select array_agg(name) from businesses) as names`)),
    );
    expect(seen[0]).toMatchObject({ who: "authenticated", uid: ada!.id, names: ["Ada's Salon"] });
    // The role and claims were local to that transaction: the connection is back to its own role.
    const [after] = await hosted.runner.query<{ who: string; claims: string | null }>(
      "select current_user as who, nullif(current_setting('request.jwt.claims', true), '') as claims",
    );
    expect(after).toEqual({ who: "postgres", claims: null });
    const all = await withServiceRole(async (tx) => rowsOf(await tx.execute(sql`select count(*)::int as n from businesses`)));
    expect(all[0]!.n).toBe(2);
  });
});
