import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withServiceRole } from "@/lib/db";
import { createBusinessAs, createUser } from "@/lib/db/testing";
import { gate, lockWaiters, useMigratedPostgres } from "@/lib/db/testing-postgres";
import { ApiError } from "@/lib/http/errors";
import { ingestCustomerMessage, type InboundMessage } from "./ingest";

/**
 * Issue 19, finding 3, when the two senders race (on a real Postgres server: PGlite runs one transaction at a time).
 * Ingest's lock is per sender, so two visitors sending the same message id are not serialised by it: the second
 * reads no such message (the first has not committed), writes its contact and conversation, and waits on the unique
 * index for the first. When the first commits, the second must end as a 409 `message_id_taken` with all of its writes
 * rolled back, not as a generic conflict and never with a contact or conversation left behind.
 */
describe("ingest: two senders racing with one message id", () => {
  const pg = useMigratedPostgres();

  it("the second sender gets message_id_taken and leaves nothing behind", async () => {
    const ada = await createUser(pg.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
    const externalMessageId = randomUUID();
    const message = (visitor: string): InboundMessage => ({
      businessId: salon,
      channel: "widget",
      contactExternalId: visitor,
      externalMessageId,
      text: `Hello from ${visitor}`,
      afterHours: false,
    });

    const held = gate();
    let stored!: () => void;
    const hasStored = new Promise<void>((resolve) => (stored = resolve));
    const first = withServiceRole(async (tx) => {
      const result = await ingestCustomerMessage(tx, message("visitor-1"));
      stored();
      await held.passed;
      return result;
    });
    await Promise.race([hasStored, first]);
    const second = withServiceRole((tx) => ingestCustomerMessage(tx, message("visitor-2"))).then(
      () => null,
      (error: unknown) => error,
    );
    // The second sender is waiting on the unique index for the first's uncommitted message.
    await lockWaiters(pg, 1);
    held.open();

    expect(await first).toMatchObject({ duplicate: false, needsAnswer: true });
    const error = await second;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "message_id_taken" });

    const rows = async (sql: string) => (await pg.database.runner.query<{ n: number }>(sql, [salon]))[0]!.n;
    expect(await rows("select count(*)::int as n from contact_identities where business_id = $1")).toBe(1);
    expect(await rows("select count(*)::int as n from contacts where business_id = $1")).toBe(1);
    expect(await rows("select count(*)::int as n from conversations where business_id = $1")).toBe(1);
    expect(await rows("select count(*)::int as n from messages where business_id = $1")).toBe(1);
  });
});
