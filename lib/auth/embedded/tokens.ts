import { createHash, randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import type { AuthClaims } from "@/lib/db";
import { jwtSecret } from "./secret";

export const ACCESS_TOKEN_TTL_S = 60 * 60;
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 60 * 60;
/** Renew the access token when less than this is left, so an open dashboard never meets an expired one. */
export const REFRESH_MARGIN_S = 10 * 60;

export const issuer = () => `${getConfig().appUrl}/auth/v1`;

export const opaqueToken = () => randomBytes(32).toString("base64url");
export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** An access token with the claim shape Supabase Auth issues, so RLS policies read it the same way. */
export async function signAccessToken(user: { id: string; email: string; fullName: string }, sessionId: string) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    email: user.email,
    phone: "",
    role: "authenticated",
    aal: "aal1",
    amr: [{ method: "password", timestamp: now }],
    session_id: sessionId,
    is_anonymous: false,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: { full_name: user.fullName },
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setAudience("authenticated")
    .setIssuer(issuer())
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TOKEN_TTL_S)
    .sign(jwtSecret());
}

const claimsSchema = z.looseObject({
  sub: z.uuid(),
  role: z.literal("authenticated"),
  email: z.string().optional(),
  session_id: z.uuid(),
  exp: z.number(),
  iat: z.number(),
});

/** Verifies signature, issuer, audience and expiry; anything else (forged, expired, malformed) is null. */
export async function verifyAccessToken(token: string): Promise<AuthClaims | null> {
  try {
    const { payload } = await jwtVerify(token, jwtSecret(), {
      algorithms: ["HS256"],
      issuer: issuer(),
      audience: "authenticated",
    });
    const parsed = claimsSchema.safeParse(payload);
    return parsed.success ? (parsed.data as AuthClaims) : null;
  } catch {
    return null;
  }
}
