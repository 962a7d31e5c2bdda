import { NextResponse } from "next/server";
import { requireApiClaims, userFromClaims } from "@/lib/auth/session";
import { route } from "@/lib/http/handler";

export const GET = route("auth.session", async () => {
  const claims = await requireApiClaims();
  return NextResponse.json({ user: userFromClaims(claims), expiresAt: claims.exp });
});
