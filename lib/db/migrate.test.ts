import { describe, expect, it } from "vitest";
import type { Database } from "./index";
import { migrate, migrationStatus, readMigrations, type MigrationFile } from "./migrate";
import { cloneDatabase, goldenDatabase, useTestDatabase } from "./testing";

describe("migrate", () => {
  const testDb = useTestDatabase();

  it("records every migration file in supabase_migrations.schema_migrations, as the Supabase CLI does", async () => {
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const rows = await testDb.database.runner.query<{ version: string; name: string }>(
      "select version, name from supabase_migrations.schema_migrations order by version",
    );
    expect(rows).toEqual(files.map((f) => ({ version: f.version, name: f.name })));
    expect(await migrationStatus(testDb.database.runner)).toEqual({ applied: files.length, pending: 0 });
  });

  it("is idempotent: a second run applies nothing and changes nothing", async () => {
    const before = await testDb.database.runner.query<{ n: number }>(
      "select count(*)::int as n from supabase_migrations.schema_migrations",
    );
    const second = await migrate(testDb.database.runner);
    expect(second.applied).toEqual([]);
    expect(second.total).toBe(readMigrations().length);
    const after = await testDb.database.runner.query<{ n: number }>(
      "select count(*)::int as n from supabase_migrations.schema_migrations",
    );
    expect(after).toEqual(before);
  });

  it("applies only what is pending, in version order", async () => {
    const extra: MigrationFile[] = [
      { version: "29990102000000", name: "second", sql: "alter table public.probe add column b int;" },
      { version: "29990101000000", name: "first", sql: "create table public.probe (a int);" },
    ].sort((x, y) => x.version.localeCompare(y.version));
    const result = await migrate(testDb.database.runner, [...readMigrations(), ...extra]);
    expect(result.applied).toEqual(["29990101000000_first", "29990102000000_second"]);
    const columns = await testDb.database.runner.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'probe' order by ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual(["a", "b"]);
  });

  it("rolls a failing migration back whole and does not record it", async () => {
    const broken: MigrationFile = {
      version: "29990101000000",
      name: "broken",
      sql: "create table public.half_done (a int);\nselect no_such_function();",
    };
    await expect(migrate(testDb.database.runner, [...readMigrations(), broken])).rejects.toThrow(/no_such_function/);
    const [table] = await testDb.database.runner.query<{ t: string | null }>("select to_regclass('public.half_done')::text as t");
    expect(table?.t).toBeNull();
    const recorded = await testDb.database.runner.query("select 1 from supabase_migrations.schema_migrations where version = $1", [
      broken.version,
    ]);
    expect(recorded).toEqual([]);
  });
});

describe("test database clones", () => {
  const testDb = useTestDatabase();

  it("share nothing with each other or with the golden instance", async () => {
    const other = await cloneDatabase();
    try {
      await testDb.database.runner.query("insert into auth.users (email) values ('only-here@clone.test')");
      const count = (db: Database) =>
        db.runner.query<{ n: number }>("select count(*)::int as n from auth.users where email = 'only-here@clone.test'");
      expect(await count(testDb.database)).toEqual([{ n: 1 }]);
      expect(await count(other)).toEqual([{ n: 0 }]);
      const golden = await goldenDatabase();
      const inGolden = await golden.query<{ n: number }>("select count(*)::int as n from auth.users where email = 'only-here@clone.test'");
      expect(inGolden.rows).toEqual([{ n: 0 }]);
    } finally {
      await other.close();
    }
  });

  it("starts every test from the migrated, unseeded state", async () => {
    const [users] = await testDb.database.runner.query<{ n: number }>("select count(*)::int as n from auth.users");
    expect(users?.n).toBe(0);
    const [businesses] = await testDb.database.runner.query<{ n: number }>("select count(*)::int as n from public.businesses");
    expect(businesses?.n).toBe(0);
  });
});
