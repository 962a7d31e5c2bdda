import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiClaims } from "@/lib/auth/session";
import { withUser } from "@/lib/db";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { acceptInvitation } from "@/lib/teams/queries";
import { inviteTokenSchema } from "@/lib/teams/schemas";

export const POST = route<{ token: string }>("invitations.accept", async (_request, { params }) => {
  const { token } = parseParams(params, z.object({ token: inviteTokenSchema }));
  const claims = await requireApiClaims();
  const businessId = await withUser(claims, (tx) => acceptInvitation(tx, { token }));
  return NextResponse.json({ businessId });
});
