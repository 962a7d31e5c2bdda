import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as listOutbox } from "@/app/api/businesses/[businessId]/outbox/route";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { withServiceRole, withUser, type AuthClaims } from "@/lib/db";
import { pgErrorOf } from "@/lib/db/errors";
import { businesses, contactIdentities, contacts, emailOutbox } from "@/lib/db/schema";
import { addMember, claimsFor, createBusinessAs, createUser, useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";
import { sendMessageInput } from "@/lib/inbox/api";
import { sendStaffMessage } from "@/lib/inbox/replies";
import { requireVisitor, saveVisitorContact } from "@/lib/widget/server/visitor";
import { issueVisitorToken, verifyVisitorToken } from "@/lib/widget/server/visitor-token";
import { CHAT_LINK_NOTE, chatLinkPlaceholder, NO_CHAT_LINK } from "./chat-links";
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
    // The visitor leaves their email in the chat (the widget's own path, with their token), then leaves.
    const [{ widgetKey }] = (await withServiceRole((tx) => tx.select({ widgetKey: businesses.widgetKey }).from(businesses).where(eq(businesses.id, salon)))) as [{ widgetKey: string }];
    const { token } = await issueVisitorToken({ businessId: salon, widgetKey, visitorId });
    const asVisitor = await requireVisitor(new Request("http://localhost:3000/api/widget/contact", { headers: { authorization: `Bearer ${token}` } }));
    await saveVisitorContact(asVisitor, { email });
    await withServiceRole((tx) => tx.update(contacts).set({ lastSeenAt: new Date(Date.now() - 10 * 60_000) }).where(eq(contacts.id, stored.contactId)));
    return stored;
  };
  const grace = await visitor("visitor-grace", "grace@example.test");
  const henry = await visitor("visitor-henry", "henry@example.test");
  const replyAs = (userId: string) => (conversationId: string, text: string) =>
    withUser(claimsFor(userId), (tx) => sendStaffMessage(tx, { businessId: salon, conversationId, userId }, sendMessageInput.parse({ kind: "reply", text })));
  const reply = replyAs(ada);
  return { ada: { ...claimsFor(ada), email: "ada@adas-salon.test" }, salon, grace, henry, reply, replyAs };
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
    expect(toGrace).toContain(`Here you go ${NO_CHAT_LINK}`);
  });

  it("carries no token to an address a member wrote into the contact, only the reply (issue 19, 8c bypass)", async () => {
    const { salon, grace, replyAs } = await world();
    // Mallory, an agent, points Grace's contact at her own address (members may edit contacts), then replies.
    const mallory = await createUser(t.database, { email: "mallory@example.test", fullName: "Mallory" });
    await addMember(t.database, salon, mallory, "agent");
    await withUser(claimsFor(mallory), (tx) => tx.update(contacts).set({ email: "Mallory@Example.test" }).where(eq(contacts.id, grace.contactId)));
    const reply = replyAs(mallory);
    expect((await reply(grace.conversationId, "Your booking is confirmed")).emailed).toBe(true);
    const [row] = await storedBodies();
    expect(row!.to).toBe("Mallory@Example.test");
    expect(row!.body).not.toContain("[[chat-link:");
    expect(row!.body).toContain(`Continue the conversation: ${NO_CHAT_LINK}.`);
    // Nor does a placeholder she types in herself (naming her reply in Grace's chat) resolve on the way out.
    await reply(grace.conversationId, `Open ${chatLinkPlaceholder((await lastReplyId(grace.conversationId))!)}`);
    // The operator's view is the customer's inbox: no token there either.
    expect(JSON.stringify(await operatorMailbox())).not.toMatch(TOKEN_LIKE);

    expect(await deliverQueuedEmails({ url: apiUrl, from: "Frontdesk <no-reply@example.test>" })).toEqual({ sent: 2, failed: 0 });
    expect(fake.received.map((r) => r.body.to[0])).toEqual(["Mallory@Example.test", "Mallory@Example.test"]);
    for (const { body } of fake.received) {
      expect(body.text).not.toMatch(TOKEN_LIKE);
      expect(body.text).not.toContain("/widget/frame");
    }
    expect(fake.received.map((r) => r.body.text).join("\n")).toContain(`Open ${NO_CHAT_LINK}`);
  });

  it("keeps the address the visitor gave where members cannot write it", async () => {
    const { ada, salon, grace } = await world();
    const asAda = (statement: Parameters<typeof withUser>[1]) => withUser(ada, statement).then(() => "ok", (error: unknown) => pgErrorOf(error)?.code);
    expect(await asAda((tx) => tx.update(contactIdentities).set({ visitorEmail: "ada@adas-salon.test" }).where(eq(contactIdentities.contactId, grace.contactId)))).toBe("42501");
    const identity = { businessId: salon, contactId: grace.contactId, channel: "widget" as const };
    expect(await asAda((tx) => tx.insert(contactIdentities).values({ ...identity, externalId: "forged-visitor", visitorEmail: "ada@adas-salon.test" }))).toBe("42501");
    // Identities are the service path's alone (a member who attached their own visitor id could chat as the customer),
    // while a member still corrects a contact's email.
    expect(await asAda((tx) => tx.insert(contactIdentities).values({ ...identity, externalId: "added-by-ada" }))).toBe("42501");
    expect(await asAda((tx) => tx.update(contacts).set({ email: "grace.h@example.test" }).where(eq(contacts.id, grace.contactId)))).toBe("ok");
    const stored = await withServiceRole((tx) => tx.select({ externalId: contactIdentities.externalId, visitorEmail: contactIdentities.visitorEmail }).from(contactIdentities).where(eq(contactIdentities.contactId, grace.contactId)));
    expect(stored).toEqual([{ externalId: "visitor-grace", visitorEmail: "grace@example.test" }]);
  });
});

async function lastReplyId(conversationId: string): Promise<string | undefined> {
  const rows = await t.database.runner.query<{ id: string }>(
    "select id from public.messages where conversation_id = $1 and role = 'agent' order by created_at desc limit 1",
    [conversationId],
  );
  return rows[0]?.id;
}
