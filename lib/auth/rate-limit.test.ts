import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

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
