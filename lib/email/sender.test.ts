import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withServiceRole } from "@/lib/db";
import { createUser, createBusinessAs, useTestDatabase } from "@/lib/db/testing";
import { queueEmail } from "./outbox";
import { deliverQueuedEmails } from "./sender";

type Recorded = { path: string; auth: string | undefined; body: { from: string; to: string[]; subject: string; text: string } };

/** A local stand-in for the email API that records what it receives and can be told to fail. */
function fakeEmailApi() {
  const received: Recorded[] = [];
  let failWith = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      if (failWith) {
        res.writeHead(failWith).end();
        return;
      }
      received.push({ path: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(data) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"id":"em_1"}');
    });
  });
  return {
    received,
    fail: (status: number) => (failWith = status),
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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
