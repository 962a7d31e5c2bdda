import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { ApiError } from "@/lib/http/errors";
import type { CookieJar, CookieToSet } from "../types";
import { ACCESS_COOKIE, EmbeddedAuth, REFRESH_COOKIE } from "./backend";

/** A browser's cookie store: what responses set, later requests send. */
function browserJar(): CookieJar & { value(name: string): string | undefined; written: CookieToSet[] } {
  const store = new Map<string, string>();
  const written: CookieToSet[] = [];
  return {
    written,
    getAll: () => [...store].map(([name, value]) => ({ name, value })),
    setAll: (list) => {
      for (const c of list) {
        written.push(c);
        if (c.options.maxAge === 0) store.delete(c.name);
        else store.set(c.name, c.value);
      }
    },
    value: (name) => store.get(name),
  };
}

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const ada = { email: "ada@adas-salon.test", password: "Salon-Booking-42", fullName: "Ada O'Neill" };

describe("EmbeddedAuth", () => {
  const t = useTestDatabase();

  it("signs up, stores only a bcrypt hash and starts a session with httpOnly cookies", async () => {
    const jar = browserJar();
    const { user, confirmEmail } = await new EmbeddedAuth(jar).signUp(ada, meta);
    expect(user.email).toBe(ada.email);
    expect(confirmEmail).toBe(false);
    const [row] = await t.database.runner.query<{ encrypted_password: string }>(
      "select encrypted_password from auth.users where id = $1",
      [user.id],
    );
    expect(row!.encrypted_password).toMatch(/^\$2[aby]\$10\$/);
    expect(row!.encrypted_password).not.toContain(ada.password);
    const access = jar.written.find((c) => c.name === ACCESS_COOKIE)!;
    expect(access.options.httpOnly).toBe(true);
    expect(await new EmbeddedAuth(jar).getClaims()).toMatchObject({ sub: user.id, email: ada.email });
    const [profile] = await t.database.runner.query<{ full_name: string }>("select full_name from profiles where id = $1", [user.id]);
    expect(profile!.full_name).toBe("Ada O'Neill");
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    await new EmbeddedAuth(browserJar()).signUp(ada, meta);
    await expect(new EmbeddedAuth(browserJar()).signUp({ ...ada, email: "ADA@adas-salon.test" }, meta)).rejects.toMatchObject({
      code: "email_taken",
      status: 409,
    });
  });

  it("signs in with the right password only, with the same error for a wrong email", async () => {
    await new EmbeddedAuth(browserJar()).signUp(ada, meta);
    const wrongPassword = new EmbeddedAuth(browserJar()).signIn({ email: ada.email, password: "Wrong-Password-1" }, meta);
    await expect(wrongPassword).rejects.toMatchObject({ code: "invalid_credentials", status: 401 });
    const unknown = new EmbeddedAuth(browserJar()).signIn({ email: "nobody@example.test", password: ada.password }, meta);
    await expect(unknown).rejects.toMatchObject({ code: "invalid_credentials" });
    const jar = browserJar();
    await new EmbeddedAuth(jar).signIn({ email: ada.email, password: ada.password }, meta);
    expect(await new EmbeddedAuth(jar).getClaims()).not.toBeNull();
  });

  it("rejects a forged access cookie", async () => {
    const jar = browserJar();
    await new EmbeddedAuth(jar).signUp(ada, meta);
    const token = jar.value(ACCESS_COOKIE)!;
    const [header, payload] = token.split(".");
    const tampered = JSON.parse(Buffer.from(payload!, "base64url").toString());
    tampered.sub = "00000000-0000-4000-8000-000000000000";
    const forged = `${header}.${Buffer.from(JSON.stringify(tampered)).toString("base64url")}.${token.split(".")[2]}`;
    const forgedJar = browserJar();
    forgedJar.setAll([{ name: ACCESS_COOKIE, value: forged, options: {} }]);
    expect(await new EmbeddedAuth(forgedJar).getClaims()).toBeNull();
  });

  it("renews an expired session from the refresh token and rotates it; a stolen old token stops working", async () => {
    const jar = browserJar();
    await new EmbeddedAuth(jar).signUp(ada, meta);
    const firstRefresh = jar.value(REFRESH_COOKIE)!;
    // The browser comes back after the access token expired: only the refresh cookie is left.
    const later = browserJar();
    later.setAll([{ name: REFRESH_COOKIE, value: firstRefresh, options: {} }]);
    const claims = await new EmbeddedAuth(later).refreshIfNeeded();
    expect(claims?.email).toBe(ada.email);
    expect(later.value(REFRESH_COOKIE)).not.toBe(firstRefresh);
    // Outside the short reuse interval, the rotated-out token is dead.
    await t.database.runner.query("update auth.refresh_tokens set updated_at = now() - interval '1 minute' where revoked");
    const thief = browserJar();
    thief.setAll([{ name: REFRESH_COOKIE, value: firstRefresh, options: {} }]);
    expect(await new EmbeddedAuth(thief).refreshIfNeeded()).toBeNull();
    // Replaying a stolen token ends the session it came from: the legitimate browser must sign in again.
    const owner = browserJar();
    owner.setAll([{ name: REFRESH_COOKIE, value: later.value(REFRESH_COOKIE)!, options: {} }]);
    expect(await new EmbeddedAuth(owner).refreshIfNeeded()).toBeNull();
  });

  it("does not let a replayed token stretch the reuse window", async () => {
    const jar = browserJar();
    await new EmbeddedAuth(jar).signUp(ada, meta);
    const first = jar.value(REFRESH_COOKIE)!;
    const replay = () => {
      const j = browserJar();
      j.setAll([{ name: REFRESH_COOKIE, value: first, options: {} }]);
      return new EmbeddedAuth(j).refreshIfNeeded();
    };
    expect(await replay()).not.toBeNull();
    await t.database.runner.query("update auth.refresh_tokens set updated_at = now() - interval '8 seconds' where revoked");
    expect(await replay()).not.toBeNull();
    const [row] = await t.database.runner.query<{ age: number }>(
      "select extract(epoch from now() - updated_at)::int as age from auth.refresh_tokens where revoked and parent is null",
    );
    expect(row!.age).toBeGreaterThanOrEqual(8);
  });

  it("signs out: the session and its refresh token end, cookies are cleared", async () => {
    const jar = browserJar();
    await new EmbeddedAuth(jar).signUp(ada, meta);
    const refresh = jar.value(REFRESH_COOKIE)!;
    await new EmbeddedAuth(jar).signOut();
    expect(jar.value(ACCESS_COOKIE)).toBeUndefined();
    const again = browserJar();
    again.setAll([{ name: REFRESH_COOKIE, value: refresh, options: {} }]);
    expect(await new EmbeddedAuth(again).refreshIfNeeded()).toBeNull();
  });

  it("resets a password through the emailed link, once, and ends other sessions", async () => {
    const oldBrowser = browserJar();
    await new EmbeddedAuth(oldBrowser).signUp(ada, meta);
    await new EmbeddedAuth(browserJar()).requestPasswordReset(ada.email);
    // Unknown emails get the same silent treatment and no email.
    await new EmbeddedAuth(browserJar()).requestPasswordReset("nobody@example.test");
    const mails = await t.database.runner.query<{ to_email: string; body_text: string; business_id: string | null }>(
      "select to_email, body_text, business_id from email_outbox where kind = 'password_reset'",
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.business_id).toBeNull();
    const token = decodeURIComponent(/reset-password\?token=([^\s]+)/.exec(mails[0]!.body_text)![1]!);

    const jar = browserJar();
    await new EmbeddedAuth(jar).resetPassword({ token, password: "A-Brand-New-Pass-7" }, meta);
    expect(await new EmbeddedAuth(jar).getClaims()).not.toBeNull();
    await expect(new EmbeddedAuth(browserJar()).resetPassword({ token, password: "Another-New-Pass-8" }, meta)).rejects.toBeInstanceOf(ApiError);
    await expect(new EmbeddedAuth(browserJar()).signIn({ email: ada.email, password: ada.password }, meta)).rejects.toMatchObject({
      code: "invalid_credentials",
    });
    await new EmbeddedAuth(browserJar()).signIn({ email: ada.email, password: "A-Brand-New-Pass-7" }, meta);
    const oldRefresh = browserJar();
    oldRefresh.setAll([{ name: REFRESH_COOKIE, value: oldBrowser.value(REFRESH_COOKIE)!, options: {} }]);
    expect(await new EmbeddedAuth(oldRefresh).refreshIfNeeded()).toBeNull();
  });

  it("rejects an expired reset token", async () => {
    await new EmbeddedAuth(browserJar()).signUp(ada, meta);
    await new EmbeddedAuth(browserJar()).requestPasswordReset(ada.email);
    const [mail] = await t.database.runner.query<{ body_text: string }>("select body_text from email_outbox");
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail!.body_text)![1]!);
    await t.database.runner.query("update auth.one_time_tokens set created_at = now() - interval '2 hours'");
    await expect(new EmbeddedAuth(browserJar()).resetPassword({ token, password: "A-Brand-New-Pass-7" }, meta)).rejects.toMatchObject({
      code: "invalid_token",
    });
  });
});
