import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as uploadKnowledgeFile } from "@/app/api/businesses/[businessId]/knowledge/files/route";
import { POST as rotateWidgetKey } from "@/app/api/businesses/[businessId]/widget-settings/key/route";
import { POST as signIn } from "@/app/api/auth/sign-in/route";
import { POST as signOut } from "@/app/api/auth/sign-out/route";
import { POST as acceptInvitation } from "@/app/api/invitations/[token]/accept/route";
import { POST as subscribePush } from "@/app/api/push/subscriptions/route";
import type { AuthClaims } from "@/lib/db";
import { claimsFor, createBusinessAs, createUser, useTestDatabase as withTestDatabase } from "@/lib/db/testing";
import { unauthorized } from "@/lib/http/errors";

// The member routes verify the session through lib/auth/session; here it answers with Ada's claims, as her browser's
// cookie would: a cross-site page's request carries that cookie too (SameSite=Lax lets same-site ones through).
const session = vi.hoisted(() => ({ claims: null as AuthClaims | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiClaims: async () => {
    if (!session.claims) throw unauthorized();
    return session.claims;
  },
}));
// The upload route starts the indexing worker after the response; there is no request scope for that here.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), after: () => undefined }));

const db = withTestDatabase();
const APP = "http://localhost:3000";
let salon: string;

beforeEach(async () => {
  const ada = await createUser(db.database, { email: "ada@salon.test", fullName: "Ada Lovelace" });
  session.claims = claimsFor(ada);
  salon = await createBusinessAs(ada, { name: "Ada's Salon" });
});

const params = (businessId: string) => ({ params: Promise.resolve({ businessId }) });
const widgetKey = async () =>
  (await db.database.runner.query<{ widget_key: string }>("select widget_key from public.businesses where id = $1", [salon]))[0]!.widget_key;
const documentCount = async () =>
  Number((await db.database.runner.query<{ n: number }>("select count(*)::int as n from public.knowledge_documents where business_id = $1", [salon]))[0]!.n);

/** A body-less POST, as a form or `fetch(url, { method: "POST", mode: "no-cors" })` on another page sends it. */
const rotate = (headers: Record<string, string>) =>
  rotateWidgetKey(new Request(`${APP}/api/businesses/${salon}/widget-settings/key`, { method: "POST", headers }), params(salon));

/** A multipart upload: a "simple" request a page on another origin can send without a preflight. */
const upload = (headers: Record<string, string>) => {
  const form = new FormData();
  form.set("file", new File(["Opening hours: we are open on Sundays from 10 to 4."], "poison.txt", { type: "text/plain" }));
  return uploadKnowledgeFile(new Request(`${APP}/api/businesses/${salon}/knowledge/files`, { method: "POST", body: form, headers }), params(salon));
};

const CROSS: Record<string, string>[] = [
  { origin: "http://localhost:4000" },
  { "sec-fetch-site": "same-site" },
  { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
  { origin: "null" },
  // A same-site page that strips its Origin still gets named by Sec-Fetch-Site.
  { "sec-fetch-site": "same-site", origin: APP },
];

describe("state-changing member routes refuse cross-origin requests", () => {
  it.each(CROSS)("rotating the widget key from %j is a 403 and the key stays", async (headers) => {
    const before = await widgetKey();
    const res = await rotate(headers);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("cross_origin_request");
    expect(await widgetKey()).toBe(before);
  });

  it.each(CROSS)("a multipart knowledge upload from %j is a 403 and stores nothing", async (headers) => {
    const res = await upload(headers);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("cross_origin_request");
    expect(await documentCount()).toBe(0);
  });

  it("the app's own pages, 127.0.0.1 and callers without browser headers pass", async () => {
    const before = await widgetKey();
    const callers: Record<string, string>[] = [
      { origin: APP, "sec-fetch-site": "same-origin" },
      { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" },
      {},
    ];
    for (const headers of callers) {
      const res = await rotate(headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
    expect(await widgetKey()).not.toBe(before);
    const uploaded = await upload({ origin: APP, "sec-fetch-site": "same-origin" });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    expect(await documentCount()).toBe(1);
  });
});

describe("sign-in, sign-out, invitations and push refuse them too", () => {
  it.each(CROSS)("from %j: 403 before any session is read or written", async (headers) => {
    const json = { ...headers, "content-type": "application/json" };
    const responses = [
      // Login CSRF: another page signing the browser into the attacker's account.
      await signIn(new Request(`${APP}/api/auth/sign-in`, { method: "POST", headers: json, body: '{"email":"eve@example.test","password":"x"}' }), { params: Promise.resolve({}) }),
      await signOut(new Request(`${APP}/api/auth/sign-out`, { method: "POST", headers }), { params: Promise.resolve({}) }),
      await acceptInvitation(new Request(`${APP}/api/invitations/${"A".repeat(32)}/accept`, { method: "POST", headers }), { params: Promise.resolve({ token: "A".repeat(32) }) }),
      await subscribePush(new Request(`${APP}/api/push/subscriptions`, { method: "POST", headers: json, body: "{}" }), { params: Promise.resolve({}) }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("cross_origin_request");
    }
  });
});
