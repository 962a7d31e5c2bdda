import { requestAuth } from "@/lib/auth";
import { route } from "@/lib/http/handler";

export const POST = route("auth.sign-out", async () => {
  await (await requestAuth()).signOut();
  return new Response(null, { status: 204 });
});
