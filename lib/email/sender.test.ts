import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withServiceRole } from "@/lib/db";
import { createUser, createBusinessAs, useTestDatabase } from "@/lib/db/testing";
import { queueEmail } from "./outbox";
import { deliverQueuedEmails } from "./sender";
import { fakeEmailApi } from "./test-support";

describe("deliverQueuedEmails", () => {
  const t = useTestDatabase();
  const fake = fakeEmailApi();
  let url = "";
  beforeEach(async () => {
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  async function queue(to: string) {
    const ada = await createUser(t.database, { email: `owner-${to}` });
    const businessId = await createBusinessAs(ada, { name: "Ada's Salon" });
    await withServiceRole((tx) => queueEmail(tx, { businessId, kind: "invitation", to, subject: "Join Ada's Salon", text: "Accept: http://x/invite/abc" }));
  }

  it("sends each queued email once, with the key, and marks it sent", async () => {
    await queue("carol@example.test");
    const api = { url, key: "re_test_key", from: "Frontdesk <no-reply@example.test>" };
    expect(await deliverQueuedEmails(api)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverQueuedEmails(api)).toEqual({ sent: 0, failed: 0 });
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]).toMatchObject({
      path: "/emails",
      auth: "Bearer re_test_key",
      body: { to: ["carol@example.test"], subject: "Join Ada's Salon", from: "Frontdesk <no-reply@example.test>" },
    });
    const [row] = await t.database.runner.query<{ status: string; sent_at: Date | null }>("select status, sent_at from email_outbox");
    expect(row!.status).toBe("sent");
    expect(row!.sent_at).not.toBeNull();
  });

  it("keeps a failed email queued with the error, retries after the lease, and gives up after five attempts", async () => {
    await queue("dan@example.test");
    fake.fail(503);
    const api = { url, from: "Frontdesk <no-reply@example.test>" };
    expect(await deliverQueuedEmails(api)).toEqual({ sent: 0, failed: 1 });
    // Before its backoff is over it is not retried.
    expect(await deliverQueuedEmails(api)).toEqual({ sent: 0, failed: 0 });
    let [row] = await t.database.runner.query<{ status: string; attempts: number; last_error: string }>("select status, attempts, last_error from email_outbox");
    expect(row).toMatchObject({ status: "queued", attempts: 1, last_error: "email API answered 503" });
    for (let i = 0; i < 4; i++) {
      await t.database.runner.query("update email_outbox set next_attempt_at = now() - interval '1 second'");
      await deliverQueuedEmails(api);
    }
    [row] = await t.database.runner.query("select status, attempts, last_error from email_outbox");
    expect(row).toMatchObject({ status: "failed", attempts: 5 });
  });
});
