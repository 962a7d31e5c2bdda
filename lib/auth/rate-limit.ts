import { UNKNOWN_CLIENT } from "@/lib/http/client-address";
import { rateLimited } from "./errors";

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
  signUpPerEmail: RateLimiter;
  signUpPerIp: RateLimiter;
  resetPerEmail: RateLimiter;
  resetPerIp: RateLimiter;
};
const globalForLimits = globalThis as unknown as { __frontdeskAuthLimits?: AuthLimiters };

/**
 * Sign-in: 5 tries per email from one address and 20 per email from anywhere per 15 minutes, 100 per address.
 * Sign-up: 5 per email and 20 per address per hour; password reset and sign-in link requests (both email an address
 * a stranger typed): 5 per email and 10 per address per hour; resets with an emailed token: 10 per address per hour.
 * An address is what a trusted proxy says (lib/http/client-address). Without TRUSTED_PROXY_HOPS nothing names the
 * client, and one shared "unknown" bucket would let one anonymous client use up sign-in, sign-up and resets for
 * everyone; so the per-address limits are skipped then and the per-email ones, which no client can spend for
 * another address, are what holds.
 */
export function authLimiters(): AuthLimiters {
  globalForLimits.__frontdeskAuthLimits ??= {
    signInPerAccount: new RateLimiter(5, 15 * 60_000),
    signInPerEmail: new RateLimiter(20, 15 * 60_000),
    signInPerIp: new RateLimiter(100, 15 * 60_000),
    signUpPerEmail: new RateLimiter(5, 60 * 60_000),
    signUpPerIp: new RateLimiter(20, 60 * 60_000),
    resetPerEmail: new RateLimiter(5, 60 * 60_000),
    resetPerIp: new RateLimiter(10, 60 * 60_000),
  };
  return globalForLimits.__frontdeskAuthLimits;
}

/** Counts an attempt against a limit keyed by the client's address, unless the address is unknown (see above). */
function hitPerAddress(limiter: RateLimiter, address: string, key: string = address): number {
  return address === UNKNOWN_CLIENT ? 0 : limiter.hit(key);
}

/** Throws 429 `rate_limited` with the longest wait of the limits this attempt went over. */
function enforce(...waits: number[]): void {
  const wait = Math.max(0, ...waits);
  if (wait) throw rateLimited(wait);
}

/** A sign-in attempt for `email` from `address`; `signedIn` forgets that pair's failures once one succeeds. */
export function limitSignIn(address: string, email: string): void {
  const limits = authLimiters();
  enforce(
    hitPerAddress(limits.signInPerAccount, address, `${address}:${email}`),
    limits.signInPerEmail.hit(email),
    hitPerAddress(limits.signInPerIp, address),
  );
}

export function signedIn(address: string, email: string): void {
  authLimiters().signInPerAccount.reset(`${address}:${email}`);
}

export function limitSignUp(address: string, email: string): void {
  const limits = authLimiters();
  enforce(limits.signUpPerEmail.hit(email), hitPerAddress(limits.signUpPerIp, address));
}

/** A password reset or sign-in link emailed to `email`: the two share one budget. */
export function limitResetRequest(address: string, email: string): void {
  const limits = authLimiters();
  enforce(limits.resetPerEmail.hit(email), hitPerAddress(limits.resetPerIp, address));
}

/** Setting a new password with an emailed token (the token, long and random, is what cannot be guessed). */
export function limitReset(address: string): void {
  enforce(hitPerAddress(authLimiters().resetPerIp, address, `reset:${address}`));
}

/** Forgets every count (tests start each case with fresh windows). */
export function resetAuthLimitsForTests(): void {
  globalForLimits.__frontdeskAuthLimits = undefined;
}
