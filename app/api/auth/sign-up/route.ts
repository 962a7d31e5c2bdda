import { NextResponse } from "next/server";
import { requestAuth, requestMeta } from "@/lib/auth";
import { limitSignUp } from "@/lib/auth/rate-limit";
import { assertStrongPassword, signUpSchema } from "@/lib/auth/schemas";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

export const POST = route("auth.sign-up", async (request) => {
  const input = await parseJsonBody(request, signUpSchema);
  assertStrongPassword(input.password, input.email);
  const meta = await requestMeta();
  limitSignUp(meta.ip, input.email);
  const { user, confirmEmail } = await (await requestAuth()).signUp(input, meta);
  return NextResponse.json({ user, confirmEmail }, { status: 201 });
});
