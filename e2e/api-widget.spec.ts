import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { adasSalon, apiAs, bobsBikes, createBusinessVia, person } from "./support";

/** A visitor's browser inside the chat frame: same origin as the app, with its own client address. */
async function visitor(baseURL: string, ip: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": ip, origin: baseURL } });
}

async function startSession(api: APIRequestContext, key: string): Promise<string> {
  const res = await api.post("/api/widget/session", { data: { key } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const send = (api: APIRequestContext, token: string, data: unknown, headers: Record<string, string> = {}) =>
  api.post("/api/widget/messages", { headers: { authorization: `Bearer ${token}`, ...headers }, data: data as object });

test.describe("widget API", () => {
  let adaKey: string;
  let bobKey: string;
  let adaApi: APIRequestContext;
  let adaBusiness: string;

  test.beforeAll(async ({ baseURL }) => {
    adaApi = await apiAs(baseURL!, person("Ada Lovelace"));
    adaBusiness = await createBusinessVia(adaApi, adasSalon);
    adaKey = ((await (await adaApi.get(`/api/businesses/${adaBusiness}/widget-settings`)).json()) as { widgetKey: string }).widgetKey;
    const bobApi = await apiAs(baseURL!, person("Bob Marley"));
    const bobBusiness = await createBusinessVia(bobApi, bobsBikes);
    bobKey = ((await (await bobApi.get(`/api/businesses/${bobBusiness}/widget-settings`)).json()) as { widgetKey: string }).widgetKey;
  });

  test("streams a reply in the UI message protocol and stores the exchange once per client message id", async ({ baseURL }) => {
    const api = await visitor(baseURL!, "10.90.0.1");
    const token = await startSession(api, adaKey);
    const clientMessageId = randomUUID();
    const first = await send(api, token, { text: "Hello!", clientMessageId });
    expect(first.status()).toBe(200);
    expect(first.headers()["content-type"]).toContain("text/event-stream");
    const body = await first.text();
    expect(body).toContain('"type":"text-delta"');
    expect(body).toContain('"type":"data-reply"');
    expect(body.trim().endsWith("data: [DONE]")).toBe(true);

    await send(api, token, { text: "Hello!", clientMessageId });
    const history = (await (await api.get("/api/widget/messages", { headers: { authorization: `Bearer ${token}` } })).json()) as {
      messages: { role: string; content: string }[];
    };
    expect(history.messages.filter((m) => m.role === "customer")).toHaveLength(1);
    expect(history.messages.filter((m) => m.role === "ai").length).toBeGreaterThanOrEqual(1);
  });

  test("refuses bad input with a clear 4xx and stores nothing", async ({ baseURL }) => {
    const api = await visitor(baseURL!, "10.90.0.2");
    const token = await startSession(api, adaKey);
    const cases: [unknown, number, string][] = [
      [{ text: "", clientMessageId: randomUUID() }, 400, "validation_failed"],
      [{ text: "   \u200B  ", clientMessageId: randomUUID() }, 400, "validation_failed"],
      [{ text: "x".repeat(4001), clientMessageId: randomUUID() }, 400, "validation_failed"],
      [{ text: "Hi", clientMessageId: "not-a-uuid" }, 400, "validation_failed"],
    ];
    for (const [data, status, code] of cases) {
      const res = await send(api, token, data);
      expect(res.status(), JSON.stringify(data).slice(0, 80)).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const malformed = await api.post("/api/widget/messages", {
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      data: Buffer.from("{not json"),
    });
    expect(malformed.status()).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("invalid_json");

    const noToken = await api.post("/api/widget/messages", { data: { text: "Hi", clientMessageId: randomUUID() } });
    expect(noToken.status()).toBe(401);
    const forged = await send(api, `${token.slice(0, -4)}AAAA`, { text: "Hi", clientMessageId: randomUUID() });
    expect(forged.status()).toBe(401);

    const history = (await (await api.get("/api/widget/messages", { headers: { authorization: `Bearer ${token}` } })).json()) as { messages: unknown[] };
    expect(history.messages).toHaveLength(0);
  });

  test("a visitor of one business cannot reach another business's conversations", async ({ baseURL }) => {
    const api = await visitor(baseURL!, "10.90.0.3");
    const adaToken = await startSession(api, adaKey);
    await (await send(api, adaToken, { text: "Do you do colour?", clientMessageId: randomUUID() })).text();
    // Ada's visitor token presented with Bob's key yields a fresh, empty session for Bob: nothing of Ada's.
    const res = await api.post("/api/widget/session", { data: { key: bobKey, token: adaToken } });
    const session = (await res.json()) as { token: string; messages: unknown[]; conversation: unknown };
    expect(session.token).not.toBe(adaToken);
    expect(session.messages).toHaveLength(0);
    expect(session.conversation).toBeNull();
    expect((await api.post("/api/widget/session", { data: { key: "pk_00000000000000000000000000000000" } })).status()).toBe(404);
  });

  test("API calls from another website's page are refused", async ({ baseURL }) => {
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: "https://evil.example", "x-forwarded-for": "10.90.0.4" } });
    const res = await api.post("/api/widget/session", { data: { key: adaKey } });
    expect(res.status()).toBe(403);
  });

  test("the chat frame is refused to a page that names an origin the business does not allow", async ({ baseURL }) => {
    const saved = await adaApi.patch(`/api/businesses/${adaBusiness}/widget-settings`, { data: { allowedOrigins: ["https://shop.example"] } });
    expect(saved.status(), await saved.text()).toBe(200);
    try {
      const browser = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "10.90.0.7" } });
      const frame = (origin: string, referer: string) =>
        browser.get(`/widget/frame?key=${adaKey}&origin=${encodeURIComponent(origin)}`, { headers: { "sec-fetch-dest": "iframe", referer } });
      const evil = await frame("https://evil.example", "https://evil.example/");
      expect(evil.status()).toBe(403);
      expect(((await evil.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");
      const allowed = await frame("https://shop.example", "https://shop.example/");
      expect(allowed.status()).toBe(200);
      expect(await allowed.text()).toContain('"parentOrigin":"https://shop.example"');
      await browser.dispose();
    } finally {
      await adaApi.patch(`/api/businesses/${adaBusiness}/widget-settings`, { data: { allowedOrigins: [] } });
    }
  });

  test("a visitor replaying another visitor's message id is refused and learns nothing", async ({ baseURL }) => {
    const first = await visitor(baseURL!, "10.90.0.8");
    const second = await visitor(baseURL!, "10.90.0.9");
    const firstToken = await startSession(first, adaKey);
    const secondToken = await startSession(second, adaKey);
    const clientMessageId = randomUUID();
    const original = await send(first, firstToken, { text: "My booking code is 4411", clientMessageId });
    expect(original.status()).toBe(200);
    await original.text();
    const replay = await send(second, secondToken, { text: "anything", clientMessageId });
    expect(replay.status()).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe("message_id_taken");
    const theirs = (await (await second.get("/api/widget/messages", { headers: { authorization: `Bearer ${secondToken}` } })).json()) as { messages: unknown[] };
    expect(theirs.messages).toHaveLength(0);
  });

  // The per-visitor rate limit (20 messages a minute) is tested at route level on a fake clock, edges to the second:
  // lib/widget/server/visitor-rate-limit.test.ts. Here its window would be a real minute that a slow run can outlast.

  test("with a privacy notice, nothing is stored before the visitor accepts it", async ({ baseURL }) => {
    const saved = await adaApi.patch(`/api/businesses/${adaBusiness}/widget-settings`, { data: { privacyNotice: "We keep chats for 30 days." } });
    expect(saved.status(), await saved.text()).toBe(200);
    try {
      const api = await visitor(baseURL!, "10.90.0.6");
      const token = await startSession(api, adaKey);
      const refused = await send(api, token, { text: "Hi", clientMessageId: randomUUID() });
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("consent_required");
      const accepted = await send(api, token, { text: "Hi", clientMessageId: randomUUID(), consent: true });
      expect(accepted.status()).toBe(200);
      await accepted.text();
      const session = (await (await api.post("/api/widget/session", { data: { key: adaKey, token } })).json()) as { conversation: { consented: boolean } };
      expect(session.conversation.consented).toBe(true);
    } finally {
      await adaApi.patch(`/api/businesses/${adaBusiness}/widget-settings`, { data: { privacyNotice: "" } });
    }
  });
});
