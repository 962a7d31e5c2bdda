import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isInsufficientPrivilege } from "./errors";
import { rowsOf, schema, withServiceRole, withUser, type Database } from "./index";
import { addMember, claimsFor, createBusinessAs, createUser, useTestDatabase } from "./testing";

const whoAmI = sql`select current_user, auth.uid()::text as uid, current_setting('request.jwt.claims', true) as claims,
  current_setting('search_path') as search_path`;

/** The identity of the connection itself, outside any wrapper. */
async function identityOutsideWrapper(database: Database) {
  const [row] = rowsOf(await database.db.execute(whoAmI));
  if (!row) throw new Error("no row");
  return row;
}

describe("withUser", () => {
  const testDb = useTestDatabase();

  it("runs as the authenticated role with the user's claims, for that transaction only", async () => {
    const ada = await createUser(testDb.database, { email: "ada@salon.test", fullName: "Ada Lovelace" });

    const inside = await withUser(claimsFor(ada), async (tx) => rowsOf(await tx.execute(whoAmI))[0]);
    expect(inside).toMatchObject({ current_user: "authenticated", uid: ada });
    expect(inside?.search_path).toBe("public, extensions");
    expect(JSON.parse(String(inside?.claims))).toEqual({ sub: ada, role: "authenticated" });

    // The next transaction on the same connection is back to the connection's own identity.
    const after = await testDb.database.db.transaction(async (tx) => rowsOf(await tx.execute(whoAmI))[0]);
    expect(after?.current_user).toBe("postgres");
    expect(after?.uid).toBeNull();
    expect(after?.claims ?? "").toBe("");
    expect(after?.search_path).not.toBe("public, extensions");

    const outside = await identityOutsideWrapper(testDb.database);
    expect(outside.current_user).toBe("postgres");
    expect(outside.uid).toBeNull();
  });

  it("does not leak the role or claims when the callback throws", async () => {
    const ada = await createUser(testDb.database, { email: "ada@salon.test" });
    await expect(
      withUser(claimsFor(ada), async (tx) => {
        await tx.execute(sql`select 1`);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");

    const outside = await identityOutsideWrapper(testDb.database);
    expect(outside.current_user).toBe("postgres");
    expect(outside.uid).toBeNull();
  });

  it("keeps two users' transactions apart", async () => {
    const ada = await createUser(testDb.database, { email: "ada@salon.test" });
    const bob = await createUser(testDb.database, { email: "bob@bikes.test" });
    const first = await withUser(claimsFor(ada), async (tx) => rowsOf(await tx.execute(whoAmI))[0]?.uid);
    const second = await withUser(claimsFor(bob), async (tx) => rowsOf(await tx.execute(whoAmI))[0]?.uid);
    expect([first, second]).toEqual([ada, bob]);
  });

  it("passes claims as a parameter, so an apostrophe in a name is just data", async () => {
    const fullName = "Siobhán O'Brien'); drop table public.businesses; --";
    const email = "o'brien@example.test";
    const id = await createUser(testDb.database, { email, fullName });

    const seen = await withUser({ ...claimsFor(id), email, user_metadata: { full_name: fullName } }, async (tx) =>
      rowsOf(
        await tx.execute(sql`select auth.uid()::text as uid, auth.email() as email,
          auth.jwt() -> 'user_metadata' ->> 'full_name' as claimed_name,
          (select full_name from public.profiles where id = auth.uid()) as profile_name`),
      )[0],
    );
    expect(seen).toEqual({ uid: id, email, claimed_name: fullName, profile_name: fullName });

    const [tables] = await testDb.database.runner.query<{ n: number }>(
      "select count(*)::int as n from pg_tables where schemaname = 'public' and tablename = 'businesses'",
    );
    expect(tables?.n).toBe(1);
  });

  it("lets RLS, not the caller, decide what a user sees", async () => {
    const ada = await createUser(testDb.database, { email: "ada@salon.test" });
    const bob = await createUser(testDb.database, { email: "bob@bikes.test" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon", vertical: "salon" });
    const bikes = await createBusinessAs(bob, { name: "Bob's Bikes", vertical: "retail" });

    const adaSees = await withUser(claimsFor(ada), (tx) => tx.select({ id: schema.businesses.id }).from(schema.businesses));
    expect(adaSees.map((b) => b.id)).toEqual([salon]);

    // Even naming Bob's business explicitly finds nothing, and an update of it changes nothing.
    const renamed = await withUser(claimsFor(ada), (tx) =>
      tx.execute(sql`update public.businesses set name = 'Mine now' where id = ${bikes} returning id`),
    );
    expect(rowsOf(renamed)).toEqual([]);

    const [bikesRow] = await testDb.database.runner.query<{ name: string }>("select name from public.businesses where id = $1", [
      bikes,
    ]);
    expect(bikesRow?.name).toBe("Bob's Bikes");
  });

  it("refuses to create a business in someone else's name", async () => {
    const ada = await createUser(testDb.database, { email: "ada@salon.test" });
    const bob = await createUser(testDb.database, { email: "bob@bikes.test" });
    const attempt = withUser(claimsFor(ada), (tx) =>
      tx.insert(schema.businesses).values({ name: "Fake", vertical: "other", timeZone: "UTC", currency: "EUR", createdBy: bob }),
    );
    await expect(attempt).rejects.toSatisfy(isInsufficientPrivilege);
  });

  it("makes the creator of a business its owner", async () => {
    const ada = await createUser(testDb.database, { email: "ada@salon.test" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const members = await withUser(claimsFor(ada), (tx) =>
      tx.select({ userId: schema.memberships.userId, role: schema.memberships.role }).from(schema.memberships),
    );
    expect(members).toEqual([{ userId: ada, role: "owner" }]);
    const carol = await createUser(testDb.database, { email: "carol@salon.test" });
    await addMember(testDb.database, salon, carol, "agent");
    const carolSees = await withUser(claimsFor(carol), (tx) =>
      tx.select({ role: schema.memberships.role }).from(schema.memberships),
    );
    expect(carolSees.map((m) => m.role).sort()).toEqual(["agent", "owner"]);
  });
});

describe("withServiceRole", () => {
  const testDb = useTestDatabase();

  it("runs as service_role and sees every business", async () => {
    const ada = await createUser(testDb.database, { email: "ada@salon.test" });
    const bob = await createUser(testDb.database, { email: "bob@bikes.test" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const bikes = await createBusinessAs(bob, { name: "Bob's Bikes" });

    const seen = await withServiceRole(async (tx) => ({
      who: rowsOf(await tx.execute(sql`select current_user, auth.role() as role`))[0],
      ids: (await tx.select({ id: schema.businesses.id }).from(schema.businesses)).map((b) => b.id).sort(),
    }));
    expect(seen.who).toEqual({ current_user: "service_role", role: "service_role" });
    expect(seen.ids).toEqual([salon, bikes].sort());

    const outside = await identityOutsideWrapper(testDb.database);
    expect(outside.current_user).toBe("postgres");
  });
});
