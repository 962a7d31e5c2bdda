import { NextResponse } from "next/server";
import { requestAuth, requestMeta } from "@/lib/auth";
import { rateLimited } from "@/lib/auth/errors";
import { authLimiters } from "@/lib/auth/rate-limit";
import { assertStrongPassword, signUpSchema } from "@/lib/auth/schemas";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

export const POST = route("auth.sign-up", async (request) => {
  const input = await parseJsonBody(request, signUpSchema);
  assertStrongPassword(input.password, input.email);
  const meta = await requestMeta();
  const wait = authLimiters().signUpPerIp.hit(meta.ip);
  if (wait) throw rateLimited(wait);
  const { user, confirmEmail } = await (await requestAuth()).signUp(input, meta);
  return NextResponse.json({ user, confirmEmail }, { status: 201 });
});
