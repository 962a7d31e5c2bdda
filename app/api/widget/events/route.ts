import { route } from "@/lib/http/handler";
import { forbidden } from "@/lib/http/errors";
import { fromChatFrame } from "@/lib/widget/server/origin";
import { requireVisitor } from "@/lib/widget/server/visitor";
import { visitorEventStream } from "@/lib/widget/server/visitor-stream";

/**
 * The chat's live line: a server-sent event stream, for the visitor's own conversation only, of new messages they may
 * see and status changes. The chat reads it with fetch, as EventSource cannot send the visitor's bearer token.
 */
export const GET = route("widget.events", async (request) => {
  if (!fromChatFrame(request)) throw forbidden("Open the chat from the website's widget");
  const visitor = await requireVisitor(request);
  return visitorEventStream(request, visitor);
});
