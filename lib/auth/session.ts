import { cache } from "react";
import type { AuthClaims } from "@/lib/db";
import { unauthorized } from "@/lib/http/errors";
import { currentClaims } from "./index";
import type { AuthUser } from "./types";

/** Claims verified once per request, however many server components ask. */
export const requestClaims = cache(currentClaims);

export function userFromClaims(claims: AuthClaims): AuthUser {
  const meta = (claims.user_metadata ?? {}) as { full_name?: unknown };
  return { id: claims.sub, email: claims.email ?? "", fullName: typeof meta.full_name === "string" ? meta.full_name : "" };
}

/** For API routes: the verified claims, or a 401. */
export async function requireApiClaims(): Promise<AuthClaims> {
  const claims = await requestClaims();
  if (!claims) throw unauthorized();
  return claims;
}
