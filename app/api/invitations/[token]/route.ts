import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { withUser } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { previewInvitation } from "@/lib/teams/queries";
import { inviteTokenSchema } from "@/lib/teams/schemas";
import { z } from "zod";

export const GET = route<{ token: string }>("invitations.preview", async (_request, { params }) => {
  const { token } = parseParams(params, z.object({ token: inviteTokenSchema }));
  const claims = await requireApiClaims();
  const preview = await withUser(claims, (tx) => previewInvitation(tx, { token }));
  if (!preview) throw new ApiError(404, "invitation_not_found", "This invitation link is not valid");
  return NextResponse.json(preview);
});
