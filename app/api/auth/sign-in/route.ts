import { NextResponse } from "next/server";
import { requestAuth, requestMeta } from "@/lib/auth";
import { limitSignIn, signedIn } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/auth/schemas";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

export const POST = route("auth.sign-in", async (request) => {
  const input = await parseJsonBody(request, signInSchema);
  const meta = await requestMeta();
  limitSignIn(meta.ip, input.email);
  const user = await (await requestAuth()).signIn(input, meta);
  signedIn(meta.ip, input.email);
  return NextResponse.json({ user });
});
