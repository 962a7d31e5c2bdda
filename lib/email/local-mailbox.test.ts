import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as mailbox } from "@/app/api/dev/mailbox/route";
import { resetConfigForTests } from "@/lib/config";
import { withServiceRole, type AuthClaims } from "@/lib/db";
import { claimsFor, createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { isLoopbackHost, localMailboxServed, mailboxOperatorKey } from "./local-mailbox";
import { MAILBOX_KEY_HEADER } from "./mailbox-api";
import { queueEmail } from "./outbox";

// Route handlers verify the session through lib/auth/session; here it answers with the claims of whoever is signed in.
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));

const t = freshDatabasePerTest();
let dataDir = "";

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "frontdesk-mailbox-"));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
beforeEach(() => {
  session.claims = null;
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("HOST", "127.0.0.1");
  resetConfigForTests();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetConfigForTests();
});

type Listed = { viewer?: string; emails?: { toEmail: string; subject: string; bodyText: string; kind: string }[]; error?: { code: string } };

async function open(headers: Record<string, string> = {}) {
  const response = await mailbox(new Request("http://localhost:3000/api/dev/mailbox", { headers }), { params: Promise.resolve({}) });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Listed };
}
const subjects = (listed: Listed) => (listed.emails ?? []).map((e) => e.subject).sort();

/** Ada owns the salon, Bob the bike shop; each forgot a password; each business invited someone (Bob invited Ada too). */
async function world() {
  const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
  const bob = await createUser(t.database, { email: "bob@bobs-bikes.test", fullName: "Bob" });
  const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
  const bikes = await createBusinessAs(bob, { name: "Bob's Bikes" });
  await withServiceRole(async (tx) => {
    const reset = (to: string, token: string) =>
      queueEmail(tx, { businessId: null, kind: "password_reset", to, subject: `Reset for ${to}`, text: `http://localhost:3000/reset-password?token=${token}` });
    await reset("ada@adas-salon.test", "ada-reset-token");
    await reset("bob@bobs-bikes.test", "bob-reset-token");
    await queueEmail(tx, { businessId: salon, kind: "invitation", to: "carol@example.test", subject: "Salon invites Carol", text: "http://localhost:3000/invite/salon-carol" });
    await queueEmail(tx, { businessId: bikes, kind: "invitation", to: "dan@example.test", subject: "Bikes invites Dan", text: "http://localhost:3000/invite/bikes-dan" });
    // Addressed to Ada, but a business's mail: Bob's managers see it, Ada does not (see the sign-up test below).
    await queueEmail(tx, { businessId: bikes, kind: "invitation", to: "Ada@Adas-Salon.test", subject: "Bikes invites Ada", text: "http://localhost:3000/invite/bikes-ada" });
  });
  return {
    ada: { ...claimsFor(ada), email: "ada@adas-salon.test" },
    bob: { ...claimsFor(bob), email: "bob@bobs-bikes.test" },
  };
}

describe("the local mailbox", () => {
  it("shows nothing to someone who is not signed in and has no key", async () => {
    await world();
    const { status, text, body } = await open();
    expect(status).toBe(401);
    expect(body.error?.code).toBe("unauthorized");
    expect(text).not.toMatch(/reset-password|invite\//);
  });

  it("shows a signed-in owner their businesses' mail and their own account mail, never another's", async () => {
    const { ada, bob } = await world();
    session.claims = ada;
    const asAda = await open();
    expect(asAda.status).toBe(200);
    expect(asAda.body.viewer).toBe("member");
    expect(subjects(asAda.body)).toEqual(["Reset for ada@adas-salon.test", "Salon invites Carol"]);
    expect(asAda.text).not.toMatch(/bob-reset-token|bikes-dan|bikes-ada/);

    session.claims = bob;
    const asBob = await open();
    expect(subjects(asBob.body)).toEqual(["Bikes invites Ada", "Bikes invites Dan", "Reset for bob@bobs-bikes.test"]);
    expect(asBob.text).not.toMatch(/ada-reset-token|salon-carol/);
  });

  it("shows someone who signs up with an address none of what was sent there before, nor any invitation or reply to a customer", async () => {
    // Before anyone has an account with this address, a business invites it (as admin) and replies to it as a customer,
    // and someone asks for a reset for it.
    const owner = await createUser(t.database, { email: "owner@shop.test", fullName: "Owner" });
    const shop = await createBusinessAs(owner, { name: "Shop" });
    await withServiceRole(async (tx) => {
      await queueEmail(tx, { businessId: shop, kind: "invitation", to: "newcomer@example.test", subject: "Shop invites you as admin", text: "http://localhost:3000/invite/shop-admin-token" });
      await queueEmail(tx, { businessId: shop, kind: "staff_reply", to: "newcomer@example.test", subject: "Shop replied", text: "Your booking number 98 is confirmed" });
      await queueEmail(tx, { businessId: null, kind: "password_reset", to: "newcomer@example.test", subject: "Old reset", text: "http://localhost:3000/reset-password?token=old-reset-token" });
      // Sent a minute before the account exists: two quick transactions can share a clock reading.
      await tx.execute(sql`update public.email_outbox set created_at = now() - interval '1 minute' where to_email = 'newcomer@example.test'`);
    });
    // Embedded sign-up confirms the address at once: the newcomer is signed in as that address.
    const newcomer = await createUser(t.database, { email: "newcomer@example.test" });
    await withServiceRole(async (tx) => {
      // Account mail sent after the account exists is theirs; a business's mail to them still is not.
      await queueEmail(tx, { businessId: null, kind: "password_reset", to: "Newcomer@Example.test", subject: "New reset", text: "http://localhost:3000/reset-password?token=new-reset-token" });
      await queueEmail(tx, { businessId: shop, kind: "invitation", to: "newcomer@example.test", subject: "Shop invites you again", text: "http://localhost:3000/invite/shop-again-token" });
    });
    session.claims = { ...claimsFor(newcomer), email: "newcomer@example.test" };
    const own = await open();
    expect(own.status).toBe(200);
    expect(subjects(own.body)).toEqual(["New reset"]);
    expect(own.text).not.toMatch(/shop-admin-token|shop-again-token|booking number 98|old-reset-token/);

    // The shop's owner sees the business's mail (the invitation links included), as Settings → Email outbox does.
    session.claims = { ...claimsFor(owner), email: "owner@shop.test" };
    expect(subjects((await open()).body)).toEqual(["Shop invites you again", "Shop invites you as admin", "Shop replied"]);
  });

  it("shows the operator everything with the key from the data folder, and nothing with a wrong key", async () => {
    const { bob } = await world();
    const key = mailboxOperatorKey();
    const file = path.join(dataDir, "mailbox-key");
    expect(readFileSync(file, "utf8")).toBe(key);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // An emptied key file is not an empty key (which an empty header would match): a new one is generated.
    writeFileSync(file, "");
    expect(mailboxOperatorKey()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(file, "utf8")).toBe(mailboxOperatorKey());
    const fresh = mailboxOperatorKey();
    expect(fresh).not.toBe(key);

    const operator = await open({ [MAILBOX_KEY_HEADER]: fresh });
    expect(operator.status).toBe(200);
    expect(operator.body.viewer).toBe("operator");
    expect(operator.body.emails).toHaveLength(5);

    for (const wrong of [key, `${fresh.slice(0, -1)}x`, "", fresh.slice(0, 10)]) {
      // A wrong key is refused even for a signed-in member: the link is wrong, not the person.
      session.claims = wrong === "" ? bob : null;
      const refused = await open({ [MAILBOX_KEY_HEADER]: wrong });
      expect(refused.status).toBe(401);
      expect(refused.body.error?.code).toBe("invalid_token");
      expect(refused.text).not.toMatch(/reset-password|invite\//);
    }
  });

  it("is not served at all on an address other machines can reach, or when the address is unknown", async () => {
    await world();
    const key = mailboxOperatorKey();
    for (const host of ["0.0.0.0", "::", "192.168.1.20", "frontdesk.example.com", undefined]) {
      if (host === undefined) vi.stubEnv("HOST", "");
      else vi.stubEnv("HOST", host);
      resetConfigForTests();
      expect(localMailboxServed()).toBe(false);
      const { status, text } = await open({ [MAILBOX_KEY_HEADER]: key });
      expect(status, String(host)).toBe(404);
      expect(text).not.toMatch(/reset-password|invite\//);
    }
  });

  it("does not exist in hosted mode", async () => {
    await world();
    const key = mailboxOperatorKey();
    vi.stubEnv("FRONTDESK_MODE", "hosted");
    vi.stubEnv("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:1/postgres");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "http://127.0.0.1:1");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "sb_publishable_test");
    vi.stubEnv("APP_URL", "https://frontdesk.example.com");
    resetConfigForTests();
    const { status, text } = await open({ [MAILBOX_KEY_HEADER]: key });
    expect(status).toBe(404);
    expect(text).not.toMatch(/reset-password|invite\//);
  });

  it("knows which addresses are this machine's only", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "LOCALHOST"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "", undefined, "10.0.0.1", "127.0.0.1.example.com", "localhost.example.com"]) expect(isLoopbackHost(host), String(host)).toBe(false);
  });
});
