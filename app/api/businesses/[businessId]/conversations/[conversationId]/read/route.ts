import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { conversationParams } from "@/lib/businesses/params";
import { markConversationRead } from "@/lib/inbox/actions";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";

export const POST = route<{ businessId: string; conversationId: string }>("inbox.read", async (_request, { params }) => {
  const { businessId, conversationId } = parseParams(params, conversationParams);
  await asMember(businessId, undefined, ({ tx, claims }) => markConversationRead(tx, { businessId, conversationId, userId: claims.sub }));
  return new NextResponse(null, { status: 204 });
});
