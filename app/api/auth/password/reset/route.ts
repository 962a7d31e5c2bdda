import { NextResponse } from "next/server";
import { requestAuth, requestMeta } from "@/lib/auth";
import { assertStrongPassword, resetPasswordSchema } from "@/lib/auth/schemas";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

export const POST = route("auth.password.reset", async (request) => {
  const input = await parseJsonBody(request, resetPasswordSchema);
  assertStrongPassword(input.password);
  await (await requestAuth()).resetPassword(input, await requestMeta());
  return NextResponse.json({ ok: true });
});
