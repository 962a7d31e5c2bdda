import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { conversationParams } from "@/lib/businesses/params";
import { conversationExists } from "@/lib/copilot/conversation";
import { suggestReplies } from "@/lib/copilot/suggest";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";

/** Two reply suggestions for a conversation, with its summary and what the customer's goal still needs. */
export const POST = route<{ businessId: string; conversationId: string }>("copilot.suggest", async (_request, { params }) => {
  const { businessId, conversationId } = parseParams(params, conversationParams);
  const userId = await asMember(businessId, undefined, async ({ tx, claims }) => {
    if (!(await conversationExists(tx, { businessId, conversationId }))) throw notFound("Conversation not found");
    return claims.sub;
  });
  // Outside the member's transaction: the model call must not hold one open. Not cut short when the page goes away:
  // the tokens are spent either way, and the set is recorded (and cached for when they come back).
  const result = await suggestReplies({ businessId, conversationId, userId });
  return NextResponse.json(result);
});
