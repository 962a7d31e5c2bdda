import { combineChunks, createChunks, stringFromBase64URL, stringToBase64URL } from "@supabase/ssr";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as googleGET } from "@/app/api/auth/google/route";
import { POST as magicLinkPOST } from "@/app/api/auth/magic-link/route";
import { GET as callbackGET } from "@/app/auth/callback/route";
import { getConfig, resetConfigForTests } from "@/lib/config";
import { ApiError } from "@/lib/http/errors";
import type { CookieJar, CookieToSet } from "../types";
import { DEFAULT_RETRY_AFTER_S, HostedAuth, safeNextPath } from "./backend";
import { FakeGoTrue, type FakeSession } from "./fake-gotrue";

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

const APP_URL = "https://app.example.test";
/** @supabase/ssr names the cookie after the first label of the project's host: 127.0.0.1 → sb-127-auth-token. */
const STORAGE_KEY = "sb-127-auth-token";
const META = { ip: "203.0.113.7", userAgent: "vitest" };
const PASSWORD = "Correct-Horse-Battery-9";

/** A browser's cookies for one request and response: what the backend wrote, with the options it wrote them with. */
class MemoryJar implements CookieJar {
  readonly values = new Map<string, string>();
  readonly writes: CookieToSet[] = [];
  getAll() {
    return [...this.values].map(([name, value]) => ({ name, value }));
  }
  setAll(list: CookieToSet[]) {
    for (const c of list) {
      this.writes.push(c);
      if (c.value === "" || c.options.maxAge === 0) this.values.delete(c.name);
      else this.values.set(c.name, c.value);
    }
  }
  sessionCookieNames() {
    return [...this.values.keys()].filter((n) => n === STORAGE_KEY || /^sb-127-auth-token\.\d+$/.test(n));
  }
  async session(): Promise<FakeSession | null> {
    const raw = await combineChunks(STORAGE_KEY, (name) => this.values.get(name) ?? null);
    if (!raw) return null;
    return JSON.parse(raw.startsWith("base64-") ? stringFromBase64URL(raw.slice(7)) : raw) as FakeSession;
  }
  /** Puts a session into the cookies exactly as @supabase/ssr encodes it. */
  putSession(session: Record<string, unknown>) {
    for (const n of this.sessionCookieNames()) this.values.delete(n);
    for (const chunk of createChunks(STORAGE_KEY, `base64-${stringToBase64URL(JSON.stringify(session))}`)) {
      this.values.set(chunk.name, chunk.value);
    }
  }
}

const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

let fake: FakeGoTrue;
const savedEnv = { ...process.env };
const auth = (jar: CookieJar) => new HostedAuth(jar, getConfig().supabase!);

function useHostedEnv(extra: Record<string, string> = {}) {
  Object.assign(process.env, {
    FRONTDESK_MODE: "hosted",
    DATABASE_URL: "postgres://x@127.0.0.1:1/x",
    NEXT_PUBLIC_SUPABASE_URL: fake.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "sb_publishable_test_key",
    NEXT_PUBLIC_AUTH_GOOGLE: "false",
    APP_URL,
    ...extra,
  });
  resetConfigForTests();
}

/** A browser that followed a password-reset link: the session Supabase grants for setting a new password. */
async function recoverySession(email: string) {
  if (fake.passwordOf(email) === undefined) fake.addUser(email, PASSWORD, { full_name: "Test Person" });
  const jar = new MemoryJar();
  await auth(jar).requestPasswordReset(email);
  const link = new URL(fake.emails.at(-1)!.callbackUrl!);
  await auth(jar).exchangeCode(link.searchParams.get("code")!);
  return jar;
}

async function signedIn(email: string) {
  if (fake.passwordOf(email) === undefined) fake.addUser(email, PASSWORD, { full_name: "Test Person" });
  const jar = new MemoryJar();
  await auth(jar).signIn({ email, password: PASSWORD }, META);
  return jar;
}

beforeAll(async () => {
  fake = await FakeGoTrue.start({ pwnedPasswords: ["Password123456"] });
});

afterAll(async () => {
  await fake.close();
  process.env = savedEnv;
  resetConfigForTests();
});

beforeEach(() => {
  useHostedEnv();
  fake.options.autoconfirm = true;
  fake.options.legacyErrors = false;
  requestCookies.clear();
});

describe("HostedAuth over Supabase Auth", () => {
  it("signs up Ada, sends her name and the callback, and writes the session cookie", async () => {
    const jar = new MemoryJar();
    const user = await auth(jar).signUp({ email: "ada@adas-salon.test", password: PASSWORD, fullName: "Ada Lovelace" }, META);

    expect(user).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: "ada@adas-salon.test", fullName: "Ada Lovelace" });
    const [request] = fake.requestsTo("POST /signup");
    expect(request?.body).toMatchObject({ email: "ada@adas-salon.test", data: { full_name: "Ada Lovelace" } });
    expect(request?.query.redirect_to).toBe(`${APP_URL}/auth/callback`);
    expect(request?.headers.apikey).toBe("sb_publishable_test_key");

    expect(jar.sessionCookieNames()).toEqual([STORAGE_KEY]);
    const written = jar.writes.find((c) => c.name === STORAGE_KEY)!;
    expect(written.options).toMatchObject({ path: "/", sameSite: "lax", secure: true, httpOnly: false });
    expect(written.options.maxAge).toBeGreaterThan(30 * 24 * 3600);
    const session = await jar.session();
    expect(payloadOf(session!.access_token).sub).toBe(user.id);

    const claims = await auth(jar).getClaims();
    expect(claims).toMatchObject({ sub: user.id, role: "authenticated", email: "ada@adas-salon.test", aud: "authenticated" });
  });

  it("answers email_taken for an address already registered, with and without email confirmation", async () => {
    fake.addUser("bob@bobs-bikes.test", PASSWORD);
    const taken = await rejection(auth(new MemoryJar()).signUp({ email: "bob@bobs-bikes.test", password: PASSWORD, fullName: "Bob" }, META));
    expect([taken.status, taken.code]).toEqual([409, "email_taken"]);

    // With confirmation on, Supabase hides the account behind a user without identities.
    fake.options.autoconfirm = false;
    const hidden = await rejection(auth(new MemoryJar()).signUp({ email: "bob@bobs-bikes.test", password: PASSWORD, fullName: "Bob" }, META));
    expect(hidden.code).toBe("email_taken");
  });

  it("signs up without a session when the project asks people to confirm their email", async () => {
    fake.options.autoconfirm = false;
    const jar = new MemoryJar();
    const user = await auth(jar).signUp({ email: "carol@confirm.test", password: PASSWORD, fullName: "Carol" }, META);
    expect(user.email).toBe("carol@confirm.test");
    expect(jar.sessionCookieNames()).toEqual([]);
    expect(await auth(jar).getClaims()).toBeNull();
  });

  it("rejects a wrong password with invalid_credentials and writes no session", async () => {
    fake.addUser("dora@example.test", PASSWORD);
    const jar = new MemoryJar();
    const error = await rejection(auth(jar).signIn({ email: "dora@example.test", password: "wrong-password-1" }, META));
    expect([error.status, error.code]).toEqual([401, "invalid_credentials"]);
    const unknown = await rejection(auth(jar).signIn({ email: "nobody@example.test", password: PASSWORD }, META));
    expect(unknown.code).toBe("invalid_credentials");
    expect(jar.sessionCookieNames()).toEqual([]);
  });

  it("reads the same codes from GoTrue's pre-2024 error shape", async () => {
    fake.options.legacyErrors = true;
    fake.addUser("erin@example.test", PASSWORD);
    const error = await rejection(auth(new MemoryJar()).signIn({ email: "erin@example.test", password: "nope-nope-1" }, META));
    expect(error.code).toBe("invalid_credentials");
    fake.failNext("POST /recover", { status: 429, code: "over_email_send_rate_limit", message: "email rate limit exceeded" });
    expect((await rejection(auth(new MemoryJar()).requestPasswordReset("erin@example.test"))).code).toBe("rate_limited");
  });

  it("verifies a valid session cookie locally against the JWKS, without asking the server per request", async () => {
    const jar = await signedIn("fay@example.test");
    const jwksBefore = fake.requestsTo("GET /.well-known/jwks.json").length;
    const userBefore = fake.requestsTo("GET /user").length;
    for (let i = 0; i < 3; i++) {
      const claims = await auth(jar).getClaims();
      expect(claims).toMatchObject({ role: "authenticated", email: "fay@example.test", session_id: expect.any(String) });
    }
    expect(fake.requestsTo("GET /.well-known/jwks.json").length - jwksBefore).toBeLessThanOrEqual(1);
    expect(fake.requestsTo("GET /user").length).toBe(userBefore);
  });

  it("returns null for a forged, tampered or malformed cookie", async () => {
    const jar = await signedIn("gus@example.test");
    const real = (await jar.session())!;
    const claims = payloadOf(real.access_token);

    // Same claims and the fake's key id, signed with another key.
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: fake.kid, typ: "JWT" }).sign(privateKey);
    jar.putSession({ ...real, access_token: forged });
    expect(await auth(jar).getClaims()).toBeNull();

    // A symmetric token makes auth-js ask the server, which refuses it.
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode("x".repeat(32)));
    const userCalls = fake.requestsTo("GET /user").length;
    jar.putSession({ ...real, access_token: hs });
    expect(await auth(jar).getClaims()).toBeNull();
    expect(fake.requestsTo("GET /user").length).toBe(userCalls + 1);

    // A payload edited after signing.
    const [h, , s] = real.access_token.split(".");
    const edited = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: crypto.randomUUID() })).toString("base64url")}.${s}`;
    jar.putSession({ ...real, access_token: edited });
    expect(await auth(jar).getClaims()).toBeNull();

    jar.values.set(STORAGE_KEY, "base64-not-json-at-all");
    expect(await auth(jar).getClaims()).toBeNull();
    jar.putSession({ ...real, access_token: "a.b" });
    expect(await auth(jar).getClaims()).toBeNull();
  });

  it("returns null for genuine tokens whose claims are not a member's session", async () => {
    const jar = await signedIn("hal@example.test");
    const real = (await jar.session())!;
    const base = payloadOf(real.access_token);
    for (const patch of [{ role: "service_role" }, { sub: "not-a-uuid" }, { is_anonymous: true }, { aud: "other" }]) {
      jar.putSession({ ...real, access_token: await fake.signClaims({ ...base, ...patch, exp: undefined, iat: undefined }) });
      expect(await auth(jar).getClaims(), JSON.stringify(patch)).toBeNull();
    }
    // The control: the same construction with nothing changed passes, so the nulls above come from the claims.
    jar.putSession({ ...real, access_token: await fake.signClaims({ ...base, exp: undefined, iat: undefined }) });
    expect(await auth(jar).getClaims()).toMatchObject({ sub: base.sub });
  });

  it("returns null and clears the cookies when the access token expired and the refresh token is dead", async () => {
    fake.addUser("ivy@example.test", PASSWORD);
    const expired = await fake.issueSession("ivy@example.test", -60);
    const jar = new MemoryJar();
    jar.putSession({ ...expired, refresh_token: "revoked-or-invented" });
    expect(await auth(jar).refreshIfNeeded()).toBeNull();
    expect(fake.requestsTo("POST /token?grant_type=refresh_token").at(-1)?.body).toMatchObject({ refresh_token: "revoked-or-invented" });
    expect(jar.sessionCookieNames()).toEqual([]);
  });

  it("renews an expired access token with a valid refresh token and writes the new cookies", async () => {
    fake.addUser("jay@example.test", PASSWORD);
    const expired = await fake.issueSession("jay@example.test", -60);
    const jar = new MemoryJar();
    jar.putSession(expired);
    const claims = await auth(jar).refreshIfNeeded();
    expect(claims).toMatchObject({ email: "jay@example.test" });
    expect(claims!.exp!).toBeGreaterThan(Date.now() / 1000 + 3000);

    const renewed = (await jar.session())!;
    expect(renewed.access_token).not.toBe(expired.access_token);
    expect(renewed.refresh_token).not.toBe(expired.refresh_token);
    expect(fake.requestsTo("POST /token?grant_type=refresh_token").at(-1)?.body).toMatchObject({ refresh_token: expired.refresh_token });
    expect(jar.writes.some((c) => c.name === STORAGE_KEY && c.options.maxAge !== 0)).toBe(true);

    // The next request, with the renewed cookie, needs no refresh; the old refresh token is spent.
    const refreshes = fake.requestsTo("POST /token?grant_type=refresh_token").length;
    expect(await auth(jar).refreshIfNeeded()).toMatchObject({ email: "jay@example.test" });
    expect(fake.requestsTo("POST /token?grant_type=refresh_token").length).toBe(refreshes);
    const stale = new MemoryJar();
    stale.putSession(expired);
    expect(await auth(stale).refreshIfNeeded()).toBeNull();
  });

  it("signs out: revokes this session at /logout and clears the cookies", async () => {
    const jar = await signedIn("kim@example.test");
    const session = (await jar.session())!;
    const sessionId = String(payloadOf(session.access_token).session_id);
    expect(fake.hasSession(sessionId)).toBe(true);

    await auth(jar).signOut();

    const [logout] = fake.requestsTo("POST /logout").slice(-1);
    expect(logout?.query.scope).toBe("local");
    expect(logout?.headers.authorization).toBe(`Bearer ${session.access_token}`);
    expect(fake.hasSession(sessionId)).toBe(false);
    expect(jar.sessionCookieNames()).toEqual([]);
    expect(jar.writes.filter((c) => c.name === STORAGE_KEY).at(-1)?.options.maxAge).toBe(0);
    expect(await auth(jar).getClaims()).toBeNull();
    // The cookie a thief copied before sign-out no longer refreshes.
    const copy = new MemoryJar();
    copy.putSession({ ...session, expires_at: Math.floor(Date.now() / 1000) - 10 });
    expect(await auth(copy).refreshIfNeeded()).toBeNull();
  });

  it("requests a reset at /recover with the callback redirect, then the link signs in and sets a new password", async () => {
    fake.addUser("lea@example.test", PASSWORD);
    const jar = new MemoryJar();
    await auth(jar).requestPasswordReset("lea@example.test");

    const [recover] = fake.requestsTo("POST /recover").slice(-1);
    expect(recover?.query.redirect_to).toBe(`${APP_URL}/auth/callback?next=%2Freset-password`);
    expect(recover?.body).toMatchObject({ email: "lea@example.test", code_challenge: expect.any(String), code_challenge_method: "s256" });
    // The PKCE verifier stays in this browser's cookies until the link comes back.
    expect([...jar.values.keys()].some((n) => n.startsWith(`${STORAGE_KEY}-`) && n.endsWith("code-verifier"))).toBe(true);

    const link = new URL(fake.emails.at(-1)!.callbackUrl!);
    expect(link.searchParams.get("next")).toBe("/reset-password");
    const { user, recovery } = await auth(jar).exchangeCode(link.searchParams.get("code")!);
    expect([user.email, recovery]).toEqual(["lea@example.test", true]);

    await auth(jar).resetPassword({ password: "A-Brand-New-Passw0rd" }, META);
    expect(fake.requestsTo("PUT /user").at(-1)?.body).toMatchObject({ password: "A-Brand-New-Passw0rd" });
    await auth(new MemoryJar()).signIn({ email: "lea@example.test", password: "A-Brand-New-Passw0rd" }, META);
    expect((await rejection(auth(new MemoryJar()).signIn({ email: "lea@example.test", password: PASSWORD }, META))).code).toBe(
      "invalid_credentials",
    );
  });

  it("says nothing about unknown addresses when asked for a reset", async () => {
    const sent = fake.emails.length;
    await auth(new MemoryJar()).requestPasswordReset("stranger@example.test");
    expect(fake.requestsTo("POST /recover").at(-1)?.body).toMatchObject({ email: "stranger@example.test" });
    expect(fake.emails.length).toBe(sent);
  });

  it("refuses a password reset without a signed-in recovery session", async () => {
    const error = await rejection(auth(new MemoryJar()).resetPassword({ password: "A-Brand-New-Passw0rd" }, META));
    expect([error.status, error.code]).toEqual([400, "invalid_token"]);
  });

  it("refuses a password change from an ordinary password session (a stolen session cannot lock the owner out)", async () => {
    const jar = await signedIn("otto@example.test");
    const error = await rejection(auth(jar).resetPassword({ password: "Thief-Chosen-Passw0rd" }, META));
    expect([error.status, error.code]).toEqual([400, "invalid_token"]);
    expect(fake.requestsTo("PUT /user").some((r) => (r.body as { password?: string }).password === "Thief-Chosen-Passw0rd")).toBe(false);
  });

  it("turns Supabase's 429 into rate_limited with a Retry-After, its own when it sends one", async () => {
    fake.failNext("POST /token?grant_type=password", { status: 429, code: "over_request_rate_limit", message: "Request rate limit reached" });
    const limited = await rejection(auth(new MemoryJar()).signIn({ email: "x@example.test", password: PASSWORD }, META));
    expect([limited.status, limited.code]).toEqual([429, "rate_limited"]);
    expect(limited.headers).toEqual({ "Retry-After": String(DEFAULT_RETRY_AFTER_S) });

    fake.failNext("POST /recover", {
      status: 429,
      code: "over_email_send_rate_limit",
      message: "email rate limit exceeded",
      headers: { "Retry-After": "900" },
    });
    const emailLimited = await rejection(auth(new MemoryJar()).requestPasswordReset("x@example.test"));
    expect([emailLimited.code, emailLimited.headers]).toEqual(["rate_limited", { "Retry-After": "900" }]);
  });

  it("turns weak_password into weak_password with the reasons, on sign-up and on reset", async () => {
    const short = await rejection(auth(new MemoryJar()).signUp({ email: "mo@example.test", password: "abc", fullName: "Mo" }, META));
    expect([short.status, short.code]).toEqual([400, "weak_password"]);
    expect(short.fields).toEqual([{ field: "password", message: "use a longer password" }]);

    const pwned = await rejection(auth(new MemoryJar()).signUp({ email: "mo@example.test", password: "Password123456", fullName: "Mo" }, META));
    expect(pwned.message).toContain("known data breaches");

    const jar = await recoverySession("nia@example.test");
    const again = await rejection(auth(jar).resetPassword({ password: "Password123456" }, META));
    expect(again.code).toBe("weak_password");
    const same = await rejection(auth(jar).resetPassword({ password: PASSWORD }, META));
    expect([same.code, same.message]).toEqual(["weak_password", "Choose a password different from your current one"]);
  });

  it("reports an Auth outage as unavailable", async () => {
    fake.failNext("POST /token?grant_type=password", { status: 503, code: "unexpected_failure", message: "down" });
    const error = await rejection(auth(new MemoryJar()).signIn({ email: "x@example.test", password: PASSWORD }, META));
    expect([error.status, error.code]).toEqual([503, "unavailable"]);
  });

  it("sends a magic link only to existing accounts, silently, and the link signs in", async () => {
    fake.addUser("oli@example.test", PASSWORD);
    const jar = new MemoryJar();
    await auth(jar).sendMagicLink("oli@example.test");
    const [otp] = fake.requestsTo("POST /otp").slice(-1);
    expect(otp?.body).toMatchObject({ email: "oli@example.test", create_user: false });
    expect(otp?.query.redirect_to).toBe(`${APP_URL}/auth/callback`);

    const sent = fake.emails.length;
    await auth(new MemoryJar()).sendMagicLink("nobody-here@example.test");
    expect(fake.emails.length).toBe(sent);

    const code = new URL(fake.emails.at(-1)!.callbackUrl!).searchParams.get("code")!;
    expect(await auth(jar).exchangeCode(code)).toMatchObject({ user: { email: "oli@example.test" }, recovery: false });
    expect(await auth(jar).getClaims()).toMatchObject({ email: "oli@example.test" });
    // A link works once, and only in the browser that holds the verifier.
    expect((await rejection(auth(jar).exchangeCode(code))).code).toBe("invalid_token");
  });

  it("refuses a code from another browser (no PKCE verifier) as invalid_token", async () => {
    fake.addUser("pia@example.test", PASSWORD);
    await auth(new MemoryJar()).sendMagicLink("pia@example.test");
    const code = new URL(fake.emails.at(-1)!.callbackUrl!).searchParams.get("code")!;
    const error = await rejection(auth(new MemoryJar()).exchangeCode(code));
    expect([error.status, error.code]).toEqual([400, "invalid_token"]);
  });

  it("builds the Google sign-in URL only when Google is enabled, and its round trip signs in", async () => {
    expect((await rejection(auth(new MemoryJar()).googleSignInUrl("/b/1"))).code).toBe("not_found");

    useHostedEnv({ NEXT_PUBLIC_AUTH_GOOGLE: "true" });
    const jar = new MemoryJar();
    const url = new URL(await auth(jar).googleSignInUrl("/b/123/inbox"));
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/auth/v1/authorize`);
    expect(url.searchParams.get("provider")).toBe("google");
    expect(url.searchParams.get("redirect_to")).toBe(`${APP_URL}/auth/callback?next=%2Fb%2F123%2Finbox`);
    expect(url.searchParams.get("code_challenge")).toBeTruthy();
    expect(new URL(await auth(new MemoryJar()).googleSignInUrl("https://evil.test/")).searchParams.get("redirect_to")).toBe(
      `${APP_URL}/auth/callback`,
    );

    const back = await fetch(url, { redirect: "manual" });
    const callback = new URL(back.headers.get("location")!);
    expect(callback.searchParams.get("next")).toBe("/b/123/inbox");
    const { user } = await auth(jar).exchangeCode(callback.searchParams.get("code")!);
    expect(user).toMatchObject({ email: "google.user@example.com", fullName: "Grace Google" });
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/b/1/inbox?tab=open", "/b/1/inbox?tab=open"],
    ["/reset-password", "/reset-password"],
    [null, "/"],
    ["", "/"],
    ["https://evil.test/", "/"],
    ["//evil.test/path", "/"],
    ["/\\evil.test", "/"],
    ["/\t/evil.test", "/"],
    ["javascript:alert(1)", "/"],
    ["b/relative", "/"],
  ])("%s → %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
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

  it("callback exchanges the code and redirects only to a same-site next", async () => {
    fake.addUser("quinn@example.test", PASSWORD);
    for (const [next, expected] of [
      ["/b/42", `${APP_URL}/b/42`],
      ["//evil.test", `${APP_URL}/`],
      ["https://evil.test/x", `${APP_URL}/`],
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
});
