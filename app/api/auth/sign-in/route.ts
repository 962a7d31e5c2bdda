import { NextResponse } from "next/server";
import { requestAuth, requestMeta } from "@/lib/auth";
import { rateLimited } from "@/lib/auth/errors";
import { authLimiters } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/auth/schemas";
import { route } from "@/lib/http/handler";
import { parseJsonBody } from "@/lib/http/request";

export const POST = route("auth.sign-in", async (request) => {
  const input = await parseJsonBody(request, signInSchema);
  const meta = await requestMeta();
  const limits = authLimiters();
  const accountKey = `${meta.ip}:${input.email}`;
  const wait = Math.max(
    limits.signInPerAccount.hit(accountKey),
    limits.signInPerEmail.hit(input.email),
    limits.signInPerIp.hit(meta.ip),
  );
  if (wait) throw rateLimited(wait);
  const user = await (await requestAuth()).signIn(input, meta);
  limits.signInPerAccount.reset(accountKey);
  return NextResponse.json({ user });
});
