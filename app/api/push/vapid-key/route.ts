import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { route } from "@/lib/http/handler";
import { getVapid } from "@/lib/notifications/vapid";

/** The public VAPID key a browser subscribes with, and whether this server sends pushes at all. */
export const GET = route("push.vapid-key", async () => {
  await requireApiClaims();
  const vapid = getVapid();
  return NextResponse.json({ publicKey: vapid?.publicKey ?? null, enabled: vapid !== null });
});
