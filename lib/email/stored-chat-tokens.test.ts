import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useDatabaseForTests } from "@/lib/db";
import { cloneDatabase, createBusinessAs, createUser } from "@/lib/db/testing";

/**
 * Staff-reply emails written before chat links became placeholders hold a live visitor token (`#t=…`) that owners could
 * read in the outbox. The migration strips those tokens from rows already stored and leaves every other email alone.
 */
const migration = readFileSync(
  path.join(process.cwd(), "supabase/migrations/20261204000400_staff_reply_emails_without_tokens.sql"),
  "utf8",
);

describe("the stored-token migration", () => {
  it("removes the visitor token from old staff-reply links and nothing else", async () => {
    const database = await cloneDatabase();
    try {
      const pg = database.pglite!;
      const owner = await createUser(database, { email: "ada@salon.test" });
      useDatabaseForTests(database);
      const businessId = await createBusinessAs(owner, { name: "Ada's Salon" });
      useDatabaseForTests(undefined);
      const link = "http://localhost:3000/widget/frame?key=pk_abc";
      const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2aXNpdG9yIn0.c2lnbmF0dXJl";
      const insert = (kind: string, body: string) =>
        pg.query<{ id: string }>(
          `insert into public.email_outbox (business_id, kind, to_email, subject, body_text) values ($1, $2, 'grace@example.test', 's', $3) returning id`,
          [businessId, kind, body],
        );
      const old = await insert("staff_reply", `We can do 3pm.\n\nContinue the conversation: ${link}#t=${token}\n`);
      const other = await insert("notification", `See ${link}#t=${token}`);
      await pg.exec(migration);
      const body = async (id: string) =>
        (await pg.query<{ body_text: string }>(`select body_text from public.email_outbox where id = $1`, [id])).rows[0]!.body_text;
      expect(await body(old.rows[0]!.id)).toBe(`We can do 3pm.\n\nContinue the conversation: ${link}\n`);
      expect(await body(other.rows[0]!.id)).toContain(token);
    } finally {
      await database.close();
    }
  });
});
