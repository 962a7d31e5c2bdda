import { NextResponse } from "next/server";
import { requestAuth, requestMeta } from "@/lib/auth";
import { limitReset } from "@/lib/auth/rate-limit";
import { assertStrongPassword, resetPasswordSchema } from "@/lib/auth/schemas";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

export const POST = route("auth.password.reset", async (request) => {
  const input = await parseJsonBody(request, resetPasswordSchema);
  assertStrongPassword(input.password);
  const meta = await requestMeta();
  limitReset(meta.ip);
  await (await requestAuth()).resetPassword(input, meta);
  return NextResponse.json({ ok: true });
});
