import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createBusiness } from "@/lib/businesses/queries";
import { businessInputSchema } from "@/lib/businesses/schemas";
import { handOffConversation } from "@/lib/conversations/handoff";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { withServiceRole, withUser } from "@/lib/db";
import { addMember, claimsFor, createUser, useTestDatabase as useDatabaseForThisFile } from "@/lib/db/testing";
import { contactIdentities, contacts, conversations, emailOutbox, notifications } from "@/lib/db/schema";
import { apiErrorFromDatabase } from "@/lib/http/handler";
import { ApiError } from "@/lib/http/errors";
import { handBackConversation, markConversationRead, reopenConversation, resolveConversation, takeOverConversation, updateConversation } from "./actions";
import { cannedReplyInput, listQuery, sendMessageInput, teamInput } from "./api";
import { createCannedReply, listCannedReplies } from "./canned-replies";
import { getConversationDetail } from "./detail";
import { inboxCounts, listConversations } from "./list";
import { sendStaffMessage } from "./replies";
import { createTeam } from "./teams";

const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[1]) => withUser(claimsFor(userId), fn);
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (error) {
    if (error instanceof ApiError) return `${error.status} ${error.message}`;
    return apiErrorFromDatabase(error)?.code ?? String(error);
  }
};

describe("the shared inbox", () => {
  const t = useDatabaseForThisFile();

  async function world() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const carol = await createUser(t.database, { email: "carol@adas-salon.test", fullName: "Carol" });
    const bob = await createUser(t.database, { email: "bob@bobs-bikes.test", fullName: "Bob" });
    const salon = await asUser(ada, (tx) =>
      createBusiness(tx, { userId: ada, input: businessInputSchema.parse({ name: "Ada's Salon", vertical: "salon", timeZone: "Europe/Lisbon", currency: "EUR" }) }),
    );
    const bikes = await asUser(bob, (tx) =>
      createBusiness(tx, { userId: bob, input: businessInputSchema.parse({ name: "Bob's Bikes", vertical: "retail", timeZone: "Europe/Dublin", currency: "EUR" }) }),
    );
    await addMember(t.database, salon.id, carol, "agent");
    return { ada, carol, bob, salon: salon.id, bikes: bikes.id };
  }

  let seq = 0;
  async function customerWrites(businessId: string, visitor: string, text: string, at?: Date) {
    seq += 1;
    const stored = await withServiceRole((tx) =>
      ingestCustomerMessage(tx, { businessId, channel: "widget", contactExternalId: visitor, externalMessageId: `m-${seq}`, text, afterHours: false }),
    );
    if (at) {
      await withServiceRole((tx) =>
        tx.update(conversations).set({ lastMessageAt: at, lastCustomerMessageAt: at }).where(eq(conversations.id, stored.conversationId)),
      );
    }
    return stored;
  }

  async function handOff(businessId: string, conversationId: string, at = new Date()) {
    await withServiceRole(async (tx) => {
      await handOffConversation(tx, { businessId, conversationId, reason: "customer_request", summary: "Wants a person" });
      await tx.update(conversations).set({ handedOffAt: at }).where(eq(conversations.id, conversationId));
    });
  }

  it("lists what needs a person first, longest waiting first, then by latest activity", async () => {
    const { ada, salon } = await world();
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const calm = await customerWrites(salon, "v-calm", "Do you do gift cards?", minutesAgo(1));
    const older = await customerWrites(salon, "v-older", "I need to move my booking", minutesAgo(30));
    const newer = await customerWrites(salon, "v-newer", "Can I talk to someone?", minutesAgo(5));
    await handOff(salon, newer.conversationId, minutesAgo(4));
    await handOff(salon, older.conversationId, minutesAgo(20));

    const page = await asUser(ada, (tx) => listConversations(tx, { businessId: salon, userId: ada, query: listQuery.parse({}) }));
    expect(page.items.map((i) => i.id)).toEqual([older.conversationId, newer.conversationId, calm.conversationId]);
    expect(page.items[0]).toMatchObject({ status: "needs_human", unread: true, lastMessage: { role: "customer", preview: "I need to move my booking" } });
    expect(page.items[0]!.waitingSince).not.toBeNull();
    expect(page.items[2]!.waitingSince).toBeNull();

    const waiting = await asUser(ada, (tx) => listConversations(tx, { businessId: salon, userId: ada, query: listQuery.parse({ view: "needs_human" }) }));
    expect(waiting.items).toHaveLength(2);
    expect(await asUser(ada, (tx) => inboxCounts(tx, { businessId: salon, userId: ada }))).toMatchObject({ needs_human: 2, unassigned: 2, mine: 0, unread: 3 });
  });

  it("pages through many conversations without repeating or skipping one", async () => {
    const { ada, salon } = await world();
    const ids = new Set<string>();
    for (let i = 0; i < 23; i += 1) ids.add((await customerWrites(salon, `v-${i}`, `Question ${i}`, new Date(Date.now() - (i % 5) * 1000))).conversationId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await asUser(ada, (tx) => listConversations(tx, { businessId: salon, userId: ada, query: listQuery.parse({ limit: 10, cursor }) }));
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(ids);
    expect(await failure(asUser(ada, (tx) => listConversations(tx, { businessId: salon, userId: ada, query: listQuery.parse({ cursor: "bogus" }) })))).toMatch(/^400 cursor/);
  });

  it("searches contact details and message text, with % and _ taken literally", async () => {
    const { ada, salon } = await world();
    const grace = await customerWrites(salon, "v-grace", "Is balayage 50% off?");
    await withServiceRole((tx) => tx.update(contacts).set({ name: "Grace Hopper", email: "grace@example.test" }).where(eq(contacts.businessId, salon)));
    await customerWrites(salon, "v-other", "Opening hours?");
    const search = (q: string) => asUser(ada, (tx) => listConversations(tx, { businessId: salon, userId: ada, query: listQuery.parse({ q }) }));
    expect((await search("balayage")).items.map((i) => i.id)).toEqual([grace.conversationId]);
    expect((await search("50%")).items.map((i) => i.id)).toEqual([grace.conversationId]);
    expect((await search("%")).items.map((i) => i.id)).toEqual([grace.conversationId]);
    expect((await search("nothing like this")).items).toEqual([]);
  });

  // PGlite runs one transaction at a time, so nothing here races: two take-overs at once are tested on a real Postgres
  // server in races.test.ts. Here, the take-over's condition: it writes only to a conversation nobody has taken.
  it("refuses a take-over of a conversation someone took, names them, and writes nothing", async () => {
    const { ada, carol, salon } = await world();
    const { conversationId } = await customerWrites(salon, "v-1", "A person please");
    await handOff(salon, conversationId);
    const scope = { businessId: salon, conversationId };
    const row = async () => (await t.database.runner.query("select status, assignee_id, taken_over_at, updated_at from conversations where id = $1", [conversationId]))[0];
    expect(await asUser(ada, (tx) => takeOverConversation(tx, { ...scope, userId: ada }))).toMatchObject({ status: "human", assignee: { name: "Ada" } });
    const taken = await row();
    expect(await failure(asUser(carol, (tx) => takeOverConversation(tx, { ...scope, userId: carol })))).toBe("409 Ada already took over this conversation");
    // The same person's second tab is refused too: one take-over, one owner.
    expect(await failure(asUser(ada, (tx) => takeOverConversation(tx, { ...scope, userId: ada })))).toBe("409 You already took over this conversation");
    expect(await row()).toEqual(taken);
  });

  it("hands back to the AI, resolves, reopens, and refuses what the state no longer allows", async () => {
    const { ada, carol, salon } = await world();
    const { conversationId } = await customerWrites(salon, "v-1", "Hello");
    const scope = { businessId: salon, conversationId, userId: ada };
    expect(await failure(asUser(ada, (tx) => handBackConversation(tx, scope)))).toMatch(/^409 Cannot hand back/);
    expect((await asUser(ada, (tx) => takeOverConversation(tx, scope))).status).toBe("human");
    const back = await asUser(ada, (tx) => handBackConversation(tx, scope));
    expect(back).toMatchObject({ status: "ai", assignee: null });
    expect((await asUser(ada, (tx) => resolveConversation(tx, scope))).status).toBe("resolved");
    expect(await failure(asUser(ada, (tx) => resolveConversation(tx, scope)))).toBe("409 Cannot resolve: this conversation is already resolved");
    const reopened = await asUser(carol, (tx) => reopenConversation(tx, { ...scope, userId: carol }));
    expect(reopened).toMatchObject({ status: "human", assignee: { name: "Carol" }, resolvedAt: null });
    // A reply to a resolved conversation reopens it to whoever replied, not to its previous owner.
    await asUser(carol, (tx) => resolveConversation(tx, { ...scope, userId: carol }));
    const replied = await asUser(ada, (tx) => sendStaffMessage(tx, scope, sendMessageInput.parse({ kind: "reply", text: "Anything else?" })));
    expect(replied.conversation).toMatchObject({ status: "human", assignee: { name: "Ada" }, resolvedAt: null });
  });

  it("a reply takes over for its sender, records the first response and is visible in the detail", async () => {
    const { ada, salon } = await world();
    const { conversationId } = await customerWrites(salon, "v-1", "Can I book for Friday?");
    await handOff(salon, conversationId);
    const sent = await asUser(ada, (tx) =>
      sendStaffMessage(tx, { businessId: salon, conversationId, userId: ada }, sendMessageInput.parse({ kind: "reply", text: "Yes! What time suits you?" })),
    );
    expect(sent.message).toMatchObject({ role: "agent", author: { name: "Ada" }, deliveryStatus: "sent" });
    expect(sent.conversation).toMatchObject({ status: "human", assignee: { name: "Ada" } });
    expect(sent.conversation.firstResponseAt).not.toBeNull();
    const detail = await asUser(ada, (tx) => getConversationDetail(tx, { businessId: salon, conversationId }));
    expect(detail.messages.map((m) => m.role)).toEqual(["customer", "agent"]);
    expect(detail.contact.identities).toEqual([{ channel: "widget", externalId: "v-1" }]);
    expect(detail.conversation.slaDueAt).toBeNull();
  });

  it("emails a reply to a visitor who left and gave an email, never to one still in the chat", async () => {
    const { ada, salon } = await world();
    const { conversationId, contactId } = await customerWrites(salon, "v-1", "Tell me when you know");
    await withServiceRole(async (tx) => {
      await tx.update(contacts).set({ email: "grace@example.test", lastSeenAt: new Date(Date.now() - 10 * 60_000) }).where(eq(contacts.id, contactId));
      // As the widget records it when she gives her address in the chat: her link goes there (lib/email/chat-links).
      await tx.update(contactIdentities).set({ visitorEmail: "grace@example.test" }).where(eq(contactIdentities.contactId, contactId));
    });
    const reply = (text: string) =>
      asUser(ada, (tx) => sendStaffMessage(tx, { businessId: salon, conversationId, userId: ada }, sendMessageInput.parse({ kind: "reply", text })));
    expect((await reply("We have a slot at 3pm")).emailed).toBe(true);
    const [email] = await withServiceRole((tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.businessId, salon)));
    expect(email).toMatchObject({ kind: "staff_reply", toEmail: "grace@example.test", subject: "Ada's Salon replied to your message" });
    expect(email!.bodyText).toContain("We have a slot at 3pm");
    // The row owners can read holds no visitor token, only where the link goes (minted at delivery: lib/email/chat-links).
    expect(email!.bodyText).toMatch(/Continue the conversation: \[\[chat-link:[0-9a-f-]{36}\]\]/);
    expect(email!.bodyText).not.toMatch(/#t=|eyJ/);

    await withServiceRole((tx) => tx.update(contacts).set({ lastSeenAt: new Date() }).where(eq(contacts.id, contactId)));
    expect((await reply("Still there?")).emailed).toBe(false);
  });

  it("a note with @mentions notifies the mentioned members and no one else, and never reaches the customer", async () => {
    const { ada, carol, bob, salon } = await world();
    const { conversationId } = await customerWrites(salon, "v-1", "Is the colour safe in pregnancy?");
    const scope = { businessId: salon, conversationId, userId: ada };
    await asUser(ada, (tx) => sendStaffMessage(tx, scope, sendMessageInput.parse({ kind: "note", text: "@Carol can you check?", mentions: [carol] })));
    const rows = await withServiceRole((tx) => tx.select().from(notifications).where(eq(notifications.businessId, salon)));
    expect(rows.map((r) => [r.userId, r.type, r.title])).toEqual([[carol, "mention", "Ada mentioned you in a note"]]);
    // Bob is not a member of the salon: mentioning him is refused and nothing is written.
    expect(await failure(asUser(ada, (tx) => sendStaffMessage(tx, scope, sendMessageInput.parse({ kind: "note", text: "@Bob", mentions: [bob] }))))).toBe(
      "400 only members of this business can be mentioned",
    );
    const detail = await asUser(ada, (tx) => getConversationDetail(tx, { businessId: salon, conversationId }));
    expect(detail.messages.map((m) => m.role)).toEqual(["customer", "note"]);
    expect(detail.conversation.status).toBe("ai");
  });

  it("refuses replies to another business's conversation as not found", async () => {
    const { bob, bikes, salon } = await world();
    const { conversationId } = await customerWrites(salon, "v-1", "Hello");
    expect(
      await failure(asUser(bob, (tx) => sendStaffMessage(tx, { businessId: bikes, conversationId, userId: bob }, sendMessageInput.parse({ kind: "reply", text: "Hi" })))),
    ).toBe("404 Conversation not found");
    expect(await failure(asUser(bob, (tx) => takeOverConversation(tx, { businessId: salon, conversationId, userId: bob })))).toMatch(/^404/);
    expect(await failure(asUser(bob, (tx) => getConversationDetail(tx, { businessId: salon, conversationId })))).toMatch(/^404/);
  });

  it("validates message sizes and kinds before anything is written", () => {
    expect(sendMessageInput.safeParse({ kind: "note", text: "x".repeat(1024 * 1024) }).success).toBe(false);
    expect(sendMessageInput.safeParse({ kind: "reply", text: "   " }).success).toBe(false);
    expect(sendMessageInput.safeParse({ kind: "reply", text: "hi", mentions: ["00000000-0000-4000-a000-000000000001"] }).success).toBe(false);
  });

  it("marks read, which clears unread and starts the opened clock once", async () => {
    const { ada, carol, salon } = await world();
    const { conversationId } = await customerWrites(salon, "v-1", "Hello?");
    await handOff(salon, conversationId);
    await asUser(carol, (tx) => markConversationRead(tx, { businessId: salon, conversationId, userId: carol }));
    const [row] = await withServiceRole((tx) => tx.select().from(conversations).where(eq(conversations.id, conversationId)));
    expect(row!.firstOpenedAt).not.toBeNull();
    const unreadFor = async (userId: string) =>
      (await asUser(userId, (tx) => listConversations(tx, { businessId: salon, userId, query: listQuery.parse({}) }))).items[0]!.unread;
    expect(await unreadFor(carol)).toBe(false);
    expect(await unreadFor(ada)).toBe(true);
  });

  it("assigns to a member and a team of the business, telling the assignee", async () => {
    const { ada, carol, bob, salon } = await world();
    const { conversationId } = await customerWrites(salon, "v-1", "Hello");
    await handOff(salon, conversationId);
    const team = await asUser(ada, (tx) => createTeam(tx, { businessId: salon, input: teamInput.parse({ name: "Stylists", memberIds: [carol] }) }));
    const scope = { businessId: salon, conversationId, userId: ada };
    const state = await asUser(ada, (tx) => updateConversation(tx, scope, { assigneeId: carol, teamId: team.id, priority: "high" }));
    // Assigned, it still waits (and its reminder clock runs) until Carol opens or answers it.
    expect(state).toMatchObject({ status: "needs_human", assignee: { name: "Carol" }, team: { name: "Stylists" }, priority: "high" });
    const told = await withServiceRole((tx) => tx.select().from(notifications).where(and(eq(notifications.userId, carol), eq(notifications.type, "assignment"))));
    expect(told).toHaveLength(1);
    expect(await failure(asUser(ada, (tx) => updateConversation(tx, scope, { assigneeId: bob })))).toBe("400 a conversation can only be assigned to a member of this business");
    // Unassigning a conversation a person owned puts it back in the queue with a fresh clock, never "nobody's".
    await asUser(carol, (tx) => takeOverConversation(tx, { ...scope, userId: carol }));
    const unassigned = await asUser(ada, (tx) => updateConversation(tx, scope, { assigneeId: null }));
    expect(unassigned).toMatchObject({ status: "needs_human", assignee: null });
    expect(unassigned.slaDueAt).not.toBeNull();
    expect(await failure(asUser(ada, (tx) => createTeam(tx, { businessId: salon, input: teamInput.parse({ name: "stylists" }) })))).toBe("409 There is already a team called stylists");
  });

  it("lets owners manage canned replies, agents only read them, and keeps shortcuts unique", async () => {
    const { ada, carol, salon } = await world();
    const input = cannedReplyInput.parse({ shortcut: "Prices", title: "Prices", content: "A cut is 35 euros." });
    expect(input.shortcut).toBe("prices");
    await asUser(ada, (tx) => createCannedReply(tx, { businessId: salon, input }));
    expect(await failure(asUser(ada, (tx) => createCannedReply(tx, { businessId: salon, input })))).toBe("409 There is already a reply with the shortcut /prices");
    expect(await failure(asUser(carol, (tx) => createCannedReply(tx, { businessId: salon, input: { ...input, shortcut: "hours" } })))).toBe("forbidden");
    expect((await asUser(carol, (tx) => listCannedReplies(tx, { businessId: salon }))).map((r) => r.shortcut)).toEqual(["prices"]);
    expect(cannedReplyInput.safeParse({ shortcut: "no spaces", title: "x", content: "y" }).success).toBe(false);
  });
});
