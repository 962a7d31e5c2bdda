import { asMember } from "@/lib/businesses/member-route";
import { conversationParams } from "@/lib/businesses/params";
import { copilotOutcomeInput } from "@/lib/copilot/api";
import { conversationExists } from "@/lib/copilot/conversation";
import { recordSuggestionOutcome, suggestionOutcomeRecorded } from "@/lib/copilot/outcomes";
import { withServiceRole } from "@/lib/db";
import { ApiError, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

/** What staff did with a suggestion set: sent as written, edited, or dismissed. One outcome per set. */
export const POST = route<{ businessId: string; conversationId: string }>("copilot.outcome", async (request, { params }) => {
  const { businessId, conversationId } = parseParams(params, conversationParams);
  const { usageId, outcome } = await parseJsonBody(request, copilotOutcomeInput, 1024);
  const recorded = await asMember(businessId, undefined, async ({ tx }) => {
    if (!(await conversationExists(tx, { businessId, conversationId }))) throw notFound("Conversation not found");
    return recordSuggestionOutcome(tx, { businessId, usageId, outcome });
  });
  if (!recorded) {
    // Agents cannot read the usage log: whether the set exists is asked on the service path, once the member's
    // transaction is closed, and only for their own business.
    if (await withServiceRole((tx) => suggestionOutcomeRecorded(tx, { businessId, usageId }))) {
      throw new ApiError(409, "conflict", "What was done with these suggestions is already recorded");
    }
    throw notFound("Suggestions not found");
  }
  return new Response(null, { status: 204 });
});
