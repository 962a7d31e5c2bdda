import { generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_AFTER_S } from "./backend";
import { APP_URL, auth, fake, MemoryJar, META, PASSWORD, payloadOf, rejection, setupFakeGoTrue, signedIn, STORAGE_KEY } from "./test-support";

// Sign-up, sign-in, session cookies and their verification, refresh and sign-out, and how Supabase's errors map.
setupFakeGoTrue();

describe("HostedAuth over Supabase Auth", () => {
  it("signs up Ada, sends her name and the callback, and writes the session cookie", async () => {
    const jar = new MemoryJar();
    const { user, confirmEmail } = await auth(jar).signUp({ email: "ada@adas-salon.test", password: PASSWORD, fullName: "Ada Lovelace" }, META);

    expect(user).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: "ada@adas-salon.test", fullName: "Ada Lovelace" });
    expect(confirmEmail).toBe(false);
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
    const { user, confirmEmail } = await auth(jar).signUp({ email: "carol@confirm.test", password: PASSWORD, fullName: "Carol" }, META);
    expect(user.email).toBe("carol@confirm.test");
    expect(confirmEmail).toBe(true);
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

  it("reports an Auth outage as unavailable", async () => {
    fake.failNext("POST /token?grant_type=password", { status: 503, code: "unexpected_failure", message: "down" });
    const error = await rejection(auth(new MemoryJar()).signIn({ email: "x@example.test", password: PASSWORD }, META));
    expect([error.status, error.code]).toEqual([503, "unavailable"]);
  });
});
