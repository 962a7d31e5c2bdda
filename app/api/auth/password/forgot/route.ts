import { NextResponse } from "next/server";
import { requestAuth, requestMeta } from "@/lib/auth";
import { limitResetRequest } from "@/lib/auth/rate-limit";
import { forgotPasswordSchema } from "@/lib/auth/schemas";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

export const POST = route("auth.password.forgot", async (request) => {
  const { email } = await parseJsonBody(request, forgotPasswordSchema);
  limitResetRequest((await requestMeta()).ip, email);
  await (await requestAuth()).requestPasswordReset(email);
  // The same answer whether or not the account exists.
  return NextResponse.json({ ok: true }, { status: 202 });
});
