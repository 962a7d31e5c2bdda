import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as signIn } from "@/app/api/auth/sign-in/route";
import { resetConfigForTests } from "@/lib/config";
import { useTestDatabase as withTestDatabase } from "@/lib/db/testing";
import { resetAuthLimitsForTests } from "./rate-limit";

// Route handlers read the request's headers and cookies through next/headers; here the test sets them per request.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => [], set: () => undefined }),
  headers: async () => request.headers,
}));

withTestDatabase();
const savedHops = process.env.TRUSTED_PROXY_HOPS;

beforeEach(() => {
  resetAuthLimitsForTests();
  delete process.env.TRUSTED_PROXY_HOPS;
  resetConfigForTests();
});
afterAll(() => {
  if (savedHops === undefined) delete process.env.TRUSTED_PROXY_HOPS;
  else process.env.TRUSTED_PROXY_HOPS = savedHops;
  resetConfigForTests();
});

/** One wrong-password sign-in for Ada's account, arriving with this X-Forwarded-For. */
async function attempt(forwardedFor: string): Promise<string> {
  request.headers = new Headers({ "x-forwarded-for": forwardedFor, "user-agent": "vitest" });
  const res = await signIn(
    new Request("http://localhost:3000/api/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "ada@salon.test", password: "not-her-password-1" }),
    }),
    { params: Promise.resolve({}) },
  );
  return (await res.json()).error.code;
}

describe("per-address sign-in limits and X-Forwarded-For", () => {
  it("with no trusted proxy (the default), a spoofed X-Forwarded-For does not buy a fresh bucket", async () => {
    for (let i = 0; i < 5; i += 1) expect(await attempt("203.0.113.1")).toBe("invalid_credentials");
    expect(await attempt("198.51.100.9")).toBe("rate_limited");
    expect(await attempt("198.51.100.10, 203.0.113.1")).toBe("rate_limited");
  });

  it("behind one trusted proxy, the entry it appended counts, never the client's own first entry", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetConfigForTests();
    for (let i = 0; i < 5; i += 1) expect(await attempt("203.0.113.1")).toBe("invalid_credentials");
    // The same client claiming another address in front of what the proxy saw: still limited.
    expect(await attempt("198.51.100.9, 203.0.113.1")).toBe("rate_limited");
    // Another real client (another address appended by the proxy) has its own bucket.
    expect(await attempt("203.0.113.1, 203.0.113.2")).toBe("invalid_credentials");
  });
});
