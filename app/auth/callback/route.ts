import { NextResponse } from "next/server";
import { requestCookieJar } from "@/lib/auth";
import { HostedAuth } from "@/lib/auth/hosted/backend";
import { safeNextPath } from "@/lib/auth/safe-next";
import { getConfig } from "@/lib/config";
import { ApiError, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";

const NO_STORE = { "Cache-Control": "private, no-store" };

/**
 * Where Supabase Auth sends the browser back to: an emailed link (magic link, password recovery, sign-up
 * confirmation) or the Google redirect, carrying a PKCE code to trade for a session.
 */
export const GET = route("auth.callback", async (request) => {
  const config = getConfig();
  if (config.mode !== "hosted" || !config.supabase) throw notFound();
  const params = new URL(request.url).searchParams;
  const code = params.get("code");
  // Supabase reports a used or expired link as ?error=...&error_code=otp_expired instead of a code.
  const invalid = () =>
    NextResponse.redirect(new URL("/sign-in?error=invalid_link", config.appUrl), { status: 303, headers: NO_STORE });
  if (!code || params.has("error")) return invalid();
  let recovery: boolean;
  try {
    ({ recovery } = await new HostedAuth(await requestCookieJar(), config.supabase).exchangeCode(
      code,
      params.get("sb_flow_id") ?? undefined,
    ));
  } catch (error) {
    if (error instanceof ApiError && error.code === "invalid_token") return invalid();
    throw error;
  }
  // The one return-path check (lib/auth/safe-next), resolved against APP_URL, never the Host the request names.
  const next = safeNextPath(params.get("next")) ?? (recovery ? "/reset-password" : "/");
  return NextResponse.redirect(new URL(next, config.appUrl), { status: 303, headers: NO_STORE });
});
