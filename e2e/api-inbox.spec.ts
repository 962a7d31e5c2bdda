import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { adasSalon, apiAs, bobsBikes, createBusinessVia, joinAs, person, widgetKeyOf } from "./support";

/** A website visitor asks for a person; returns the conversation id their staff see. */
async function visitorAsksForPerson(baseURL: string, key: string, ip: string): Promise<{ conversationId: string; token: string; api: APIRequestContext }> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": ip, origin: baseURL } });
  const { token } = (await (await api.post("/api/widget/session", { data: { key } })).json()) as { token: string };
  const handoff = await api.post("/api/widget/handoff", { headers: { authorization: `Bearer ${token}` }, data: {} });
  expect(handoff.status(), await handoff.text()).toBe(200);
  const session = (await (await api.post("/api/widget/session", { data: { key, token } })).json()) as { conversation: { id: string } };
  return { conversationId: session.conversation.id, token, api };
}

test.describe("HTTP API: the shared inbox", () => {
  let ada: APIRequestContext;
  let carol: APIRequestContext;
  let bob: APIRequestContext;
  let salon: string;
  let bikes: string;
  let key: string;

  test.beforeAll(async ({ baseURL }) => {
    ada = await apiAs(baseURL!, person("Ada Lovelace"));
    salon = await createBusinessVia(ada, adasSalon);
    carol = await joinAs(baseURL!, ada, salon, person("Carol Agent"), "agent");
    bob = await apiAs(baseURL!, person("Bob Marley"));
    bikes = await createBusinessVia(bob, bobsBikes);
    key = await widgetKeyOf(ada, salon);
  });

  // The embedded server's PGlite runs one transaction at a time, so the two take-overs below queue rather than race:
  // this checks what the API answers each of them. The race itself (row locks, two connections) runs against a real
  // Postgres server in lib/inbox/races.test.ts.
  test("a handoff appears first in the list, with its context, and of two take-overs one wins and the other is told who", async ({ baseURL }) => {
    const { conversationId } = await visitorAsksForPerson(baseURL!, key, "10.91.0.1");
    const list = await (await ada.get(`/api/businesses/${salon}/conversations?view=needs_human`)).json();
    expect(list.items[0]).toMatchObject({ id: conversationId, status: "needs_human", handoffReason: "customer_request", unread: true });

    const detail = await (await carol.get(`/api/businesses/${salon}/conversations/${conversationId}`)).json();
    expect(detail.conversation.handoffContext).toMatchObject({ reason: "customer_request" });
    expect(detail.conversation.slaDueAt).not.toBeNull();

    const [first, second] = await Promise.all([
      ada.post(`/api/businesses/${salon}/conversations/${conversationId}/take-over`),
      carol.post(`/api/businesses/${salon}/conversations/${conversationId}/take-over`),
    ]);
    expect([first.status(), second.status()].sort()).toEqual([200, 409]);
    const [winner, loser] = first.status() === 200 ? [first, second] : [second, first];
    const owner = ((await winner.json()) as { conversation: { assignee: { name: string } } }).conversation.assignee.name;
    expect(["Ada Lovelace", "Carol Agent"]).toContain(owner);
    expect((await loser.json()).error).toMatchObject({ code: "conflict", message: `${owner} already took over this conversation` });
    const after = await (await ada.get(`/api/businesses/${salon}/conversations/${conversationId}`)).json();
    expect(after.conversation).toMatchObject({ status: "human", assignee: { name: owner } });
  });

  test("a staff reply reaches the visitor's chat; a note never does", async ({ baseURL }) => {
    const { conversationId, token, api } = await visitorAsksForPerson(baseURL!, key, "10.91.0.2");
    const note = await carol.post(`/api/businesses/${salon}/conversations/${conversationId}/messages`, { data: { kind: "note", text: "Ada, this one is yours" } });
    expect(note.status(), await note.text()).toBe(201);
    const reply = await ada.post(`/api/businesses/${salon}/conversations/${conversationId}/messages`, { data: { kind: "reply", text: "Hi, Ada here. How can I help?" } });
    expect(reply.status(), await reply.text()).toBe(201);
    expect((await reply.json()).conversation).toMatchObject({ status: "human", assignee: { name: "Ada Lovelace" } });

    const seen = (await (await api.get("/api/widget/messages", { headers: { authorization: `Bearer ${token}` } })).json()) as { messages: { role: string; content: string }[] };
    expect(seen.messages.map((m) => m.content)).toContain("Hi, Ada here. How can I help?");
    expect(seen.messages.map((m) => m.content)).not.toContain("Ada, this one is yours");
  });

  test("refuses bad input clearly and keeps the state consistent", async ({ baseURL }) => {
    const { conversationId } = await visitorAsksForPerson(baseURL!, key, "10.91.0.3");
    const messages = `/api/businesses/${salon}/conversations/${conversationId}/messages`;

    const huge = await ada.post(messages, { headers: { "content-type": "application/json" }, data: Buffer.from(JSON.stringify({ kind: "note", text: "x".repeat(1024 * 1024) })) });
    expect(huge.status()).toBe(413);
    expect((await huge.json()).error.code).toBe("payload_too_large");
    const empty = await ada.post(messages, { data: { kind: "reply", text: "  " } });
    expect(empty.status()).toBe(400);
    expect((await empty.json()).error.fields[0].field).toBe("text");
    const badKind = await ada.post(messages, { data: { kind: "shout", text: "hi" } });
    expect(badKind.status()).toBe(400);
    const badView = await ada.get(`/api/businesses/${salon}/conversations?view=everything`);
    expect(badView.status()).toBe(400);

    // Resolved, then taken over from two tabs: one wins, the other is told; the conversation has one owner.
    expect((await ada.post(`/api/businesses/${salon}/conversations/${conversationId}/resolve`)).status()).toBe(200);
    const [tabOne, tabTwo] = await Promise.all([
      ada.post(`/api/businesses/${salon}/conversations/${conversationId}/take-over`),
      ada.post(`/api/businesses/${salon}/conversations/${conversationId}/take-over`),
    ]);
    expect([tabOne.status(), tabTwo.status()].sort()).toEqual([200, 409]);
    const detail = await (await ada.get(`/api/businesses/${salon}/conversations/${conversationId}`)).json();
    expect(detail.conversation).toMatchObject({ status: "human", assignee: { name: "Ada Lovelace" }, resolvedAt: null });
  });

  test("Bob cannot see, reply to, take over or assign Ada's conversations", async ({ baseURL }) => {
    const { conversationId } = await visitorAsksForPerson(baseURL!, key, "10.91.0.4");
    const attempts: [string, string, object | undefined][] = [
      ["get", `/api/businesses/${salon}/conversations`, undefined],
      ["get", `/api/businesses/${salon}/conversations/${conversationId}`, undefined],
      ["post", `/api/businesses/${salon}/conversations/${conversationId}/messages`, { kind: "reply", text: "Hi from Bob" }],
      ["post", `/api/businesses/${salon}/conversations/${conversationId}/take-over`, undefined],
      ["patch", `/api/businesses/${salon}/conversations/${conversationId}`, { priority: "urgent" }],
      ["get", `/api/businesses/${salon}/canned-replies`, undefined],
    ];
    for (const [method, url, data] of attempts) {
      const res = await (method === "get" ? bob.get(url) : method === "post" ? bob.post(url, { data }) : bob.patch(url, { data }));
      expect(res.status(), `${method} ${url}`).toBe(404);
    }
    // Through his own business's URL, Ada's conversation does not exist either.
    const sideways = await bob.post(`/api/businesses/${bikes}/conversations/${conversationId}/messages`, { data: { kind: "reply", text: "Hi" } });
    expect(sideways.status()).toBe(404);
    const detail = await (await ada.get(`/api/businesses/${salon}/conversations/${conversationId}`)).json();
    expect(detail.messages.map((m: { content: string }) => m.content)).not.toContain("Hi from Bob");
    expect(detail.conversation.priority).toBe("normal");
  });

  test("owners manage canned replies; an agent reads them but cannot change them", async () => {
    const shortcut = `hours${randomUUID().slice(0, 6)}`;
    const created = await ada.post(`/api/businesses/${salon}/canned-replies`, { data: { shortcut, title: "Opening hours", content: "We open at 9." } });
    expect(created.status(), await created.text()).toBe(201);
    const duplicate = await ada.post(`/api/businesses/${salon}/canned-replies`, { data: { shortcut, title: "Again", content: "Again" } });
    expect(duplicate.status()).toBe(409);
    expect((await carol.post(`/api/businesses/${salon}/canned-replies`, { data: { shortcut: "mine", title: "Mine", content: "Mine" } })).status()).toBe(403);
    const listed = await (await carol.get(`/api/businesses/${salon}/canned-replies`)).json();
    expect(listed.items.map((r: { shortcut: string }) => r.shortcut)).toContain(shortcut);
  });
});
