import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as listOutbox } from "@/app/api/businesses/[businessId]/outbox/route";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { withServiceRole, withUser, type AuthClaims } from "@/lib/db";
import { contacts, emailOutbox } from "@/lib/db/schema";
import { claimsFor, createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { sendMessageInput } from "@/lib/inbox/api";
import { sendStaffMessage } from "@/lib/inbox/replies";
import { verifyVisitorToken } from "@/lib/widget/server/visitor-token";
import { CHAT_LINK_NOTE, chatLinkPlaceholder } from "./chat-links";
import { memberMailbox, operatorMailbox } from "./local-mailbox";
import { deliverQueuedEmails } from "./sender";
import { fakeEmailApi } from "./test-support";

const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));

/**
 * Finding 8c of the security review: a reply emailed to a visitor who left carried a live visitor token, and the
 * business's owners read it in the outbox, so they could open the chat as the customer. The row stores a placeholder;
 * the token is minted on the way out.
 */
const t = freshDatabasePerTest();
const fake = fakeEmailApi();
let apiUrl = "";
beforeEach(async () => {
  apiUrl = await fake.start();
  fake.received.length = 0;
});
afterEach(() => fake.stop());

const TOKEN_LIKE = /#t=|eyJ/;

/** Ada of Ada's Salon answers Grace, who left the chat after giving her email; Henry is another visitor. */
async function world() {
  const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
  const salon = await createBusinessAs(ada, { name: "Ada's Salon" });
  const visitor = async (visitorId: string, email: string) => {
    const stored = await withServiceRole((tx) =>
      ingestCustomerMessage(tx, { businessId: salon, channel: "widget", contactExternalId: visitorId, externalMessageId: crypto.randomUUID(), text: "Any slot on Friday?", afterHours: false }),
    );
    await withServiceRole((tx) => tx.update(contacts).set({ email, lastSeenAt: new Date(Date.now() - 10 * 60_000) }).where(eq(contacts.id, stored.contactId)));
    return stored;
  };
  const grace = await visitor("visitor-grace", "grace@example.test");
  const henry = await visitor("visitor-henry", "henry@example.test");
  const reply = (conversationId: string, text: string) =>
    withUser(claimsFor(ada), (tx) => sendStaffMessage(tx, { businessId: salon, conversationId, userId: ada }, sendMessageInput.parse({ kind: "reply", text })));
  return { ada: { ...claimsFor(ada), email: "ada@adas-salon.test" }, salon, grace, henry, reply };
}

const storedBodies = () => withServiceRole((tx) => tx.select({ to: emailOutbox.toEmail, body: emailOutbox.bodyText }).from(emailOutbox));
const linkIn = (text: string) => text.match(/(https?:\/\/\S+\/widget\/frame\?key=(pk_[0-9a-f]+))#t=(\S+)/);

describe("a staff reply emailed to a visitor", () => {
  it("is stored and shown to the team without a visitor token, and delivered with a link that works for that visitor only", async () => {
    const { ada, salon, grace, reply } = await world();
    expect((await reply(grace.conversationId, "We have a slot at 3pm")).emailed).toBe(true);

    const [row] = await storedBodies();
    expect(row!.body).toContain(chatLinkPlaceholder((await lastReplyId(grace.conversationId))!));
    expect(row!.body).not.toMatch(TOKEN_LIKE);

    session.claims = ada;
    const outbox = await listOutbox(new Request(`http://localhost:3000/api/businesses/${salon}/outbox`), { params: Promise.resolve({ businessId: salon }) });
    expect(outbox.status).toBe(200);
    const outboxText = await outbox.text();
    expect(outboxText).toContain("We have a slot at 3pm");
    expect(outboxText).toContain(CHAT_LINK_NOTE);
    expect(outboxText).not.toMatch(TOKEN_LIKE);
    expect(outboxText).not.toContain("[[chat-link:");
    // Ada's own view of the local mailbox is the team's view too.
    expect(JSON.stringify(await memberMailbox(ada))).not.toMatch(TOKEN_LIKE);

    expect(await deliverQueuedEmails({ url: apiUrl, from: "Frontdesk <no-reply@example.test>" })).toEqual({ sent: 1, failed: 0 });
    expect(fake.received).toHaveLength(1);
    const sent = fake.received[0]!.body;
    expect(sent.to).toEqual(["grace@example.test"]);
    const link = linkIn(sent.text);
    expect(link, sent.text).not.toBeNull();
    const claims = await verifyVisitorToken(link![3]!);
    expect(claims).toMatchObject({ visitorId: "visitor-grace", businessId: salon, widgetKey: link![2] });
    // Sending did not write the token back.
    expect((await storedBodies())[0]!.body).not.toMatch(TOKEN_LIKE);
  });

  it("gets its working link in the operator's view of the local mailbox", async () => {
    const { salon, grace, reply } = await world();
    await reply(grace.conversationId, "We have a slot at 3pm");
    const { emails } = await operatorMailbox();
    const link = linkIn(emails[0]!.bodyText);
    expect(await verifyVisitorToken(link![3]!)).toMatchObject({ visitorId: "visitor-grace", businessId: salon });
  });

  it("never carries another visitor's chat, whatever a member writes into the reply", async () => {
    const { grace, henry, reply } = await world();
    await reply(henry.conversationId, "Hello Henry");
    const henrysReply = (await lastReplyId(henry.conversationId))!;
    // A placeholder typed into Grace's reply names Henry's conversation: Grace must not get Henry's chat.
    await reply(grace.conversationId, `Here you go ${chatLinkPlaceholder(henrysReply)}`);
    await deliverQueuedEmails({ url: apiUrl, from: "Frontdesk <no-reply@example.test>" });
    const toGrace = fake.received.find((r) => r.body.to[0] === "grace@example.test")!.body.text;
    const tokens = [...toGrace.matchAll(/#t=(\S+)/g)].map((m) => m[1]!);
    expect(tokens).toHaveLength(1);
    expect(await verifyVisitorToken(tokens[0]!)).toMatchObject({ visitorId: "visitor-grace" });
    expect(toGrace).toContain(`Here you go ${CHAT_LINK_NOTE}`);
  });
});

async function lastReplyId(conversationId: string): Promise<string | undefined> {
  const rows = await t.database.runner.query<{ id: string }>(
    "select id from public.messages where conversation_id = $1 and role = 'agent' order by created_at desc limit 1",
    [conversationId],
  );
  return rows[0]?.id;
}
