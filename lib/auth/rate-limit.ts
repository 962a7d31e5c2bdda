/**
 * A fixed-window counter in memory. The embedded app is one process, so this is exact there; hosted Supabase Auth
 * applies its own limits as well, which the hosted backend reports the same way.
 */
type Window = { count: number; resetAt: number };

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const current = this.windows.get(key);
    if (!current || current.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      if (this.windows.size > 10_000) this.sweep(now);
      return 0;
    }
    current.count += 1;
    return current.count > this.limit ? Math.max(1, Math.ceil((current.resetAt - now) / 1000)) : 0;
  }

  reset(key: string) {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}

type AuthLimiters = {
  signInPerAccount: RateLimiter;
  signInPerEmail: RateLimiter;
  signInPerIp: RateLimiter;
  signUpPerIp: RateLimiter;
  resetPerIp: RateLimiter;
};
const globalForLimits = globalThis as unknown as { __frontdeskAuthLimits?: AuthLimiters };

/**
 * Sign-in: 5 tries per email from one address and 20 per email from anywhere per 15 minutes, 100 per address.
 * Sign-up: 20 per hour per address; password reset requests and resets: 10. An address is what a trusted proxy says
 * (lib/http/client-address); without TRUSTED_PROXY_HOPS every client shares one, and the per-email limit is what
 * stops guessing either way.
 */
export function authLimiters(): AuthLimiters {
  globalForLimits.__frontdeskAuthLimits ??= {
    signInPerAccount: new RateLimiter(5, 15 * 60_000),
    signInPerEmail: new RateLimiter(20, 15 * 60_000),
    signInPerIp: new RateLimiter(100, 15 * 60_000),
    signUpPerIp: new RateLimiter(20, 60 * 60_000),
    resetPerIp: new RateLimiter(10, 60 * 60_000),
  };
  return globalForLimits.__frontdeskAuthLimits;
}

/** Forgets every count (tests start each case with fresh windows). */
export function resetAuthLimitsForTests(): void {
  globalForLimits.__frontdeskAuthLimits = undefined;
}
