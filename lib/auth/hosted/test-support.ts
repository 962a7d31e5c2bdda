/**
 * Shared setup for the hosted-auth tests: a fake Supabase Auth per test file, the hosted environment pointing at it,
 * an in-memory cookie jar, and helpers for a signed-in or password-recovery browser.
 */
import { combineChunks, createChunks, stringFromBase64URL, stringToBase64URL } from "@supabase/ssr";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { getConfig, resetConfigForTests } from "@/lib/config";
import { ApiError } from "@/lib/http/errors";
import type { CookieJar, CookieToSet } from "../types";
import { HostedAuth } from "./backend";
import { FakeGoTrue, type FakeSession } from "./fake-gotrue";

export const APP_URL = "https://app.example.test";
/** @supabase/ssr names the cookie after the first label of the project's host: 127.0.0.1 → sb-127-auth-token. */
export const STORAGE_KEY = "sb-127-auth-token";
export const META = { ip: "203.0.113.7", userAgent: "vitest" };
export const PASSWORD = "Correct-Horse-Battery-9";

/** A browser's cookies for one request and response: what the backend wrote, with the options it wrote them with. */
export class MemoryJar implements CookieJar {
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

export const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** The fake this test file runs against, started by `setupFakeGoTrue()` before the first test. */
export let fake: FakeGoTrue;
export const auth = (jar: CookieJar) => new HostedAuth(jar, getConfig().supabase!);

export function useHostedEnv(extra: Record<string, string> = {}) {
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
export async function recoverySession(email: string) {
  if (fake.passwordOf(email) === undefined) fake.addUser(email, PASSWORD, { full_name: "Test Person" });
  const jar = new MemoryJar();
  await auth(jar).requestPasswordReset(email);
  const link = new URL(fake.emails.at(-1)!.callbackUrl!);
  await auth(jar).exchangeCode(link.searchParams.get("code")!);
  return jar;
}

export async function signedIn(email: string) {
  if (fake.passwordOf(email) === undefined) fake.addUser(email, PASSWORD, { full_name: "Test Person" });
  const jar = new MemoryJar();
  await auth(jar).signIn({ email, password: PASSWORD }, META);
  return jar;
}

/**
 * Starts a fake Supabase Auth for the calling test file and stops it after, restoring the environment; before each
 * test, points the hosted config at it and resets the options tests change.
 */
export function setupFakeGoTrue() {
  const savedEnv = { ...process.env };

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
  });
}
