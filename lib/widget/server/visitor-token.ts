import { createHmac, randomUUID } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { jwtSecret } from "@/lib/auth/embedded/secret";
import { getConfig } from "@/lib/config";

/** A returning visitor is recognised for this long on the same site (the token lives in the iframe's storage). */
const TOKEN_LIFETIME_DAYS = 180;
const AUDIENCE = "frontdesk-widget";

export type VisitorClaims = {
  visitorId: string;
  businessId: string;
  widgetKey: string;
  /** When the token stops being valid (epoch ms): a stream opened with it ends then. */
  expiresAt: number;
};

let cachedKey: Uint8Array | undefined;

/**
 * The visitor tokens' own signing key: WIDGET_TOKEN_SECRET when set (required when hosted), otherwise derived from the
 * embedded auth secret under a label, so a visitor token can never pass for a staff session token or the reverse.
 */
function signingKey(): Uint8Array {
  if (cachedKey) return cachedKey;
  const config = getConfig();
  if (config.widget.tokenSecret) cachedKey = new TextEncoder().encode(config.widget.tokenSecret);
  else if (config.mode === "embedded") cachedKey = createHmac("sha256", jwtSecret()).update("frontdesk widget visitor token").digest();
  else throw new Error("WIDGET_TOKEN_SECRET must be set in hosted mode");
  return cachedKey;
}

/** Forgets the key (tests change the environment). */
export function resetVisitorTokenKeyForTests() {
  cachedKey = undefined;
}

export async function issueVisitorToken({
  businessId,
  widgetKey,
  visitorId = randomUUID(),
  lifetimeSeconds = TOKEN_LIFETIME_DAYS * 86_400,
}: {
  businessId: string;
  widgetKey: string;
  visitorId?: string;
  /** Tests issue short-lived tokens; the product always uses the default. */
  lifetimeSeconds?: number;
}) {
  const token = await new SignJWT({ bid: businessId, key: widgetKey })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(visitorId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
    .sign(signingKey());
  return { token, visitorId };
}

/** The visitor a token names, or null when it is malformed, forged, expired or not a widget token. */
export async function verifyVisitorToken(token: string): Promise<VisitorClaims | null> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), { audience: AUDIENCE, algorithms: ["HS256"] });
    const { sub, bid, key, exp } = payload as { sub?: unknown; bid?: unknown; key?: unknown; exp?: unknown };
    if (typeof sub !== "string" || typeof bid !== "string" || typeof key !== "string" || typeof exp !== "number") return null;
    return { visitorId: sub, businessId: bid, widgetKey: key, expiresAt: exp * 1000 };
  } catch {
    return null;
  }
}
