import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET as googleGET } from "@/app/api/auth/google/route";
import { POST as magicLinkPOST } from "@/app/api/auth/magic-link/route";
import { GET as callbackGET } from "@/app/auth/callback/route";
import { APP_URL, auth, fake, MemoryJar, PASSWORD, setupFakeGoTrue, STORAGE_KEY, useHostedEnv } from "./test-support";

// Route handlers read cookies through next/headers; here they read and write this map.
const requestCookies = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => [...requestCookies].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      if (value === "" || options?.maxAge === 0) requestCookies.delete(name);
      else requestCookies.set(name, value);
    },
  }),
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7", "user-agent": "vitest" }),
}));

// Where the app sends people after a link, and the hosted-only route handlers (callback, magic link, Google).
setupFakeGoTrue();

/**
 * Return paths that lead off the site, as given in `?next=` (the route decodes the query once): plain, and the
 * encoded forms something that decodes the path once more (a router, a proxy's redirect) would read as another host.
 */
const OFF_SITE = [
  "//evil.test",
  "https://evil.test/x",
  "/\\evil.test",
  "/\t/evil.test",
  "javascript:alert(1)",
  "/%2F%2Fevil.test",
  "/%2f/evil.test",
  "/%5Cevil.test",
  "/%252F%252Fevil.test",
  "/%09/evil.test",
];

beforeEach(() => {
  requestCookies.clear();
});

describe("hosted-only routes", () => {
  const context = { params: Promise.resolve({}) };

  it("are 404 not_found in embedded mode", async () => {
    useHostedEnv({ FRONTDESK_MODE: "embedded" });
    const callback = await callbackGET(new Request(`${APP_URL}/auth/callback?code=x`), context);
    const magic = await magicLinkPOST(
      new Request(`${APP_URL}/api/auth/magic-link`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"a@b.test"}' }),
      context,
    );
    const google = await googleGET(new Request(`${APP_URL}/api/auth/google`), context);
    for (const response of [callback, magic, google]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("callback exchanges the code and redirects only to a same-site next, on APP_URL", async () => {
    fake.addUser("quinn@example.test", PASSWORD);
    for (const [next, expected] of [
      ["/b/42", `${APP_URL}/b/42`],
      ["/b/1/inbox?q=a%2Fb", `${APP_URL}/b/1/inbox?q=a%2Fb`],
      ...OFF_SITE.map((hostile) => [hostile, `${APP_URL}/`] as const),
    ] as const) {
      requestCookies.clear();
      const jar = new MemoryJar();
      await auth(jar).sendMagicLink("quinn@example.test");
      for (const [name, value] of jar.values) requestCookies.set(name, value);
      const code = new URL(fake.emails.at(-1)!.callbackUrl!).searchParams.get("code")!;
      const response = await callbackGET(new Request(`${APP_URL}/auth/callback?code=${code}&next=${encodeURIComponent(next)}`), context);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(expected);
      expect([...requestCookies.keys()]).toContain(STORAGE_KEY);
    }
  });

  it("callback resolves the return path against APP_URL, whatever Host the request names", async () => {
    fake.addUser("uma@example.test", PASSWORD);
    const jar = new MemoryJar();
    await auth(jar).sendMagicLink("uma@example.test");
    for (const [name, value] of jar.values) requestCookies.set(name, value);
    const code = new URL(fake.emails.at(-1)!.callbackUrl!).searchParams.get("code")!;
    const request = new Request(`${APP_URL}/auth/callback?code=${code}&next=%2Fb%2F42`, { headers: { host: "evil.test" } });
    const response = await callbackGET(request, context);
    expect(response.headers.get("location")).toBe(`${APP_URL}/b/42`);
  });

  it("callback sends a used or failed link to sign-in", async () => {
    for (const query of ["code=never-issued", "error=access_denied&error_code=otp_expired", ""]) {
      const response = await callbackGET(new Request(`${APP_URL}/auth/callback?${query}`), context);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`${APP_URL}/sign-in?error=invalid_link`);
      expect([...requestCookies.keys()]).not.toContain(STORAGE_KEY);
    }
  });

  it("magic-link answers 202 whether or not the account exists, and validates the body", async () => {
    fake.addUser("rae@example.test", PASSWORD);
    const post = (body: string) =>
      magicLinkPOST(new Request(`${APP_URL}/api/auth/magic-link`, { method: "POST", headers: { "content-type": "application/json" }, body }), context);
    const sent = fake.emails.length;
    expect((await post('{"email":"rae@example.test"}')).status).toBe(202);
    expect((await post('{"email":"ghost@example.test"}')).status).toBe(202);
    expect(fake.emails.length).toBe(sent + 1);
    const bad = await post('{"email":"not-an-email"}');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "validation_failed" } });
  });

  it("google redirects to the provider URL when enabled and is 404 otherwise", async () => {
    expect((await googleGET(new Request(`${APP_URL}/api/auth/google`), context)).status).toBe(404);
    useHostedEnv({ NEXT_PUBLIC_AUTH_GOOGLE: "true" });
    const response = await googleGET(new Request(`${APP_URL}/api/auth/google?next=%2Fb%2F7`), context);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${fake.url}/auth/v1/authorize`);
    expect(location.searchParams.get("redirect_to")).toBe(`${APP_URL}/auth/callback?next=%2Fb%2F7`);
    expect([...requestCookies.keys()].some((n) => n.endsWith("code-verifier"))).toBe(true);
  });

  it.each(OFF_SITE)("google drops a return path off the site (%j): the callback it names has no next", async (hostile) => {
    useHostedEnv({ NEXT_PUBLIC_AUTH_GOOGLE: "true" });
    const response = await googleGET(new Request(`${APP_URL}/api/auth/google?next=${encodeURIComponent(hostile)}`), context);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).searchParams.get("redirect_to")).toBe(`${APP_URL}/auth/callback`);
  });
});
