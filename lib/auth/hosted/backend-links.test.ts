import { describe, expect, it } from "vitest";
import {
  APP_URL,
  auth,
  fake,
  MemoryJar,
  META,
  PASSWORD,
  recoverySession,
  rejection,
  setupFakeGoTrue,
  signedIn,
  STORAGE_KEY,
  useHostedEnv,
} from "./test-support";

// Password reset, magic links and Google sign-in: the emailed or redirected link and its PKCE code exchange.
setupFakeGoTrue();

describe("HostedAuth over Supabase Auth", () => {
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
