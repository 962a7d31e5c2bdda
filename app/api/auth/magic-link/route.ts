import { NextResponse } from "next/server";
import { requestCookieJar, requestMeta } from "@/lib/auth";
import { HostedAuth } from "@/lib/auth/hosted/backend";
import { limitResetRequest } from "@/lib/auth/rate-limit";
import { forgotPasswordSchema } from "@/lib/auth/schemas";
import { getConfig } from "@/lib/config";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

/** Emails a one-click sign-in link (hosted mode). The body is `{ email }`, as for a password reset. */
export const POST = route("auth.magic-link", async (request) => {
  const config = getConfig();
  if (config.mode !== "hosted" || !config.supabase) throw notFound();
  const { email } = await parseJsonBody(request, forgotPasswordSchema);
  // Both send email to an address a stranger typed, so they share one budget.
  limitResetRequest((await requestMeta()).ip, email);
  await new HostedAuth(await requestCookieJar(), config.supabase).sendMagicLink(email);
  // The same answer whether or not the account exists.
  return NextResponse.json({ ok: true }, { status: 202 });
});
