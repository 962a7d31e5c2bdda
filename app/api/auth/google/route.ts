import { NextResponse } from "next/server";
import { requestCookieJar } from "@/lib/auth";
import { HostedAuth } from "@/lib/auth/hosted/backend";
import { safeNextPath } from "@/lib/auth/safe-next";
import { getConfig } from "@/lib/config";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";

/** Starts "Continue with Google": the PKCE verifier goes into a cookie, the browser goes to Supabase Auth. */
export const GET = route("auth.google", async (request) => {
  const config = getConfig();
  if (config.mode !== "hosted" || !config.supabase?.googleEnabled) throw notFound();
  const next = safeNextPath(new URL(request.url).searchParams.get("next")) ?? undefined;
  const url = await new HostedAuth(await requestCookieJar(), config.supabase).googleSignInUrl(next);
  return NextResponse.redirect(url, { status: 302, headers: { "Cache-Control": "private, no-store" } });
});
