import { beforeEach, describe, expect, it } from "vitest";
import { UNKNOWN_CLIENT } from "@/lib/http/client-address";
import { limitResetRequest, limitSignIn, RateLimiter, resetAuthLimitsForTests } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows up to the limit in a window, then says how long to wait", () => {
    const limiter = new RateLimiter(3, 60_000);
    const t = 1_000_000;
    expect([limiter.hit("k", t), limiter.hit("k", t), limiter.hit("k", t)]).toEqual([0, 0, 0]);
    expect(limiter.hit("k", t + 15_000)).toBe(45);
  });
  it("starts a new window after the old one ends", () => {
    const limiter = new RateLimiter(1, 1_000);
    expect(limiter.hit("k", 0)).toBe(0);
    expect(limiter.hit("k", 500)).toBeGreaterThan(0);
    expect(limiter.hit("k", 1_000)).toBe(0);
  });
  it("keeps keys apart and forgets a key on reset", () => {
    const limiter = new RateLimiter(1, 60_000);
    limiter.hit("ada", 0);
    expect(limiter.hit("bob", 0)).toBe(0);
    expect(limiter.hit("ada", 0)).toBeGreaterThan(0);
    limiter.reset("ada");
    expect(limiter.hit("ada", 0)).toBe(0);
  });
});

describe("the auth limits", () => {
  beforeEach(() => resetAuthLimitsForTests());
  const limited = expect.objectContaining({ status: 429, code: "rate_limited" });

  it("count 100 sign-ins per known address across emails, and none for the unknown address every client would share", () => {
    for (let i = 0; i < 100; i += 1) limitSignIn("203.0.113.7", `guess-${i}@example.test`);
    expect(() => limitSignIn("203.0.113.7", "ada@salon.test")).toThrow(limited);
    expect(() => limitSignIn("203.0.113.8", "ada@salon.test")).not.toThrow();
    for (let i = 0; i < 150; i += 1) limitSignIn(UNKNOWN_CLIENT, `guess-${i}@example.test`);
    expect(() => limitSignIn(UNKNOWN_CLIENT, "bob@garage.test")).not.toThrow();
  });

  it("give reset and sign-in link requests one budget per email (5 an hour), from any address or none", () => {
    for (let i = 0; i < 5; i += 1) limitResetRequest(i % 2 ? UNKNOWN_CLIENT : `203.0.113.${i}`, "ada@salon.test");
    expect(() => limitResetRequest(UNKNOWN_CLIENT, "ada@salon.test")).toThrow(limited);
    expect(() => limitResetRequest("198.51.100.1", "ada@salon.test")).toThrow(limited);
    expect(() => limitResetRequest(UNKNOWN_CLIENT, "bob@garage.test")).not.toThrow();
  });
});
