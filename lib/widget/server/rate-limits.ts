import { RateLimiter } from "@/lib/auth/rate-limit";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/http/errors";

export const RATE_LIMITED_LINE = "You're sending messages faster than we can read them — please wait a few seconds and try again.";

type Limiters = { perKey: RateLimiter; perVisitor: RateLimiter };
const globalForLimits = globalThis as unknown as { __frontdeskWidgetLimits?: Limiters };

function limiters(): Limiters {
  // Messages per minute a widget key (the whole site) and one visitor may send: 100 and 20 unless configured.
  const { keyRateLimit, visitorRateLimit } = getConfig().widget;
  globalForLimits.__frontdeskWidgetLimits ??= {
    perKey: new RateLimiter(keyRateLimit, 60_000),
    perVisitor: new RateLimiter(visitorRateLimit, 60_000),
  };
  return globalForLimits.__frontdeskWidgetLimits;
}

/** Forgets every count (tests start each case with fresh windows). */
export function resetWidgetLimitsForTests(): void {
  globalForLimits.__frontdeskWidgetLimits = undefined;
}

/** Counts one message; returns the seconds to wait when the visitor or the whole key is over its limit, else 0. */
export function hitWidgetLimits(widgetKey: string, visitorId: string): number {
  const { perKey, perVisitor } = limiters();
  const visitorWait = perVisitor.hit(`${widgetKey}:${visitorId}`);
  if (visitorWait > 0) return visitorWait;
  return perKey.hit(widgetKey);
}

/** 429 with the polite line and Retry-After when the visitor or the site sends too fast; nothing is stored. */
export function enforceWidgetLimits(widgetKey: string, visitorId: string): void {
  const wait = hitWidgetLimits(widgetKey, visitorId);
  if (wait > 0) throw new ApiError(429, "rate_limited", RATE_LIMITED_LINE, undefined, { "Retry-After": String(wait) });
}
