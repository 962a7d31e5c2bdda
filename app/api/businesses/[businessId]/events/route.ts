import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { memberEventStream } from "@/lib/realtime/member-stream";

/**
 * The live inbox: a server-sent event stream of this business's changes for a signed-in member (401 without a session,
 * 404 for a business they do not belong to). Events carry ids only; the client reads the rows again through the API.
 */
export const GET = route<{ businessId: string }>("businesses.events", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  // The membership is checked in its own short transaction; the stream itself holds none.
  const claims = await asMember(businessId, undefined, async ({ claims }) => claims);
  return memberEventStream(request, { claims, businessId });
});
