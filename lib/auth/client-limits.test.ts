import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as forgotPassword } from "@/app/api/auth/password/forgot/route";
import { POST as signIn } from "@/app/api/auth/sign-in/route";
import { POST as signUp } from "@/app/api/auth/sign-up/route";
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

const behindProxies = (hops: number) => {
  process.env.TRUSTED_PROXY_HOPS = String(hops);
  resetConfigForTests();
};

/** POSTs `body` to an auth route as a request arriving with this X-Forwarded-For; returns the status and error code. */
async function call(
  handler: typeof signIn,
  path: string,
  forwardedFor: string,
  body: Record<string, string>,
): Promise<{ status: number; code: string | undefined }> {
  request.headers = new Headers({ "x-forwarded-for": forwardedFor, "user-agent": "vitest" });
  const res = await handler(
    new Request(`http://localhost:3000${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({}) },
  );
  const json = res.status === 204 ? {} : await res.json();
  return { status: res.status, code: json.error?.code };
}

/** One wrong-password sign-in for this email (Ada's unless named), arriving with this X-Forwarded-For. */
const attempt = async (forwardedFor: string, email = "ada@salon.test") =>
  (await call(signIn, "/api/auth/sign-in", forwardedFor, { email, password: "not-her-password-1" })).code;
const forgot = async (forwardedFor: string, email: string) => (await call(forgotPassword, "/api/auth/password/forgot", forwardedFor, { email })).status;
const register = async (forwardedFor: string, email: string) =>
  (await call(signUp, "/api/auth/sign-up", forwardedFor, { email, password: "Quiet-Harbour-Lantern-82", fullName: "Test Person" })).status;

describe("with no trusted proxy (the default): no per-address bucket at all, per-email limits hold", () => {
  it("a spoofed X-Forwarded-For buys no fresh bucket for an email: 20 wrong passwords, then 429 from any address", async () => {
    for (let i = 0; i < 20; i += 1) expect(await attempt(`203.0.113.${i + 1}`), `attempt ${i + 1}`).toBe("invalid_credentials");
    expect(await attempt("198.51.100.9")).toBe("rate_limited");
    expect(await attempt("198.51.100.10, 203.0.113.1")).toBe("rate_limited");
    // Another account is not caught in that email's limit: there is no bucket every client shares.
    expect(await attempt("198.51.100.9", "bob@garage.test")).toBe("invalid_credentials");
  });

  it("one client's password-reset requests for many addresses do not use up everyone's (the old shared bucket: 10 an hour)", async () => {
    for (let i = 0; i < 12; i += 1) expect(await forgot("198.51.100.9", `nobody-${i}@example.test`), `request ${i + 1}`).toBe(202);
    expect(await forgot("203.0.113.50", "ada@salon.test")).toBe(202);
  });

  it("but one address gets 5 reset emails an hour, whatever X-Forwarded-For says", async () => {
    for (let i = 0; i < 5; i += 1) expect(await forgot(`203.0.113.${i + 1}`, "ada@salon.test")).toBe(202);
    expect(await forgot("198.51.100.9", "ada@salon.test")).toBe(429);
    expect(await forgot("198.51.100.9", "ADA@salon.test")).toBe(429);
  });

  it("one client's sign-ups do not use up everyone's (the old shared bucket: 20 an hour), and an email gets 5 tries", async () => {
    for (let i = 0; i < 21; i += 1) expect(await register("198.51.100.9", `new-${i}@example.test`), `sign-up ${i + 1}`).toBe(201);
    expect(await register("203.0.113.50", "someone-else@example.test")).toBe(201);
    // The same address again and again: taken four times, then limited.
    for (let i = 0; i < 4; i += 1) expect(await register(`203.0.113.${i + 1}`, "new-0@example.test")).toBe(409);
    expect(await register("198.51.100.77", "new-0@example.test")).toBe(429);
  });
});

describe("behind trusted proxies, per-address limits count the address the outermost one appended", () => {
  it("never the client's own first entry; another real client has its own bucket", async () => {
    behindProxies(1);
    for (let i = 0; i < 5; i += 1) expect(await attempt("203.0.113.1")).toBe("invalid_credentials");
    // The same client claiming another address in front of what the proxy saw: still limited.
    expect(await attempt("198.51.100.9, 203.0.113.1")).toBe("rate_limited");
    // Another real client (another address appended by the proxy) has its own bucket.
    expect(await attempt("203.0.113.1, 203.0.113.2")).toBe("invalid_credentials");
  });

  it("an address gets 10 reset requests an hour across emails; another address is not held up", async () => {
    behindProxies(1);
    for (let i = 0; i < 10; i += 1) expect(await forgot(`6.6.6.${i}, 203.0.113.1`, `nobody-${i}@example.test`)).toBe(202);
    expect(await forgot("203.0.113.1", "nobody-else@example.test")).toBe(429);
    expect(await forgot("203.0.113.2", "nobody-else@example.test")).toBe(202);
  });
});
