import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { conversationParams } from "@/lib/businesses/params";
import { MAX_NOTE_CHARS, sendMessageInput } from "@/lib/inbox/api";
import { sendStaffMessage } from "@/lib/inbox/replies";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

/** A staff reply to the customer or an internal note (with @mentions). */
export const POST = route<{ businessId: string; conversationId: string }>("inbox.message.send", async (request, { params }) => {
  const { businessId, conversationId } = parseParams(params, conversationParams);
  // Room for the longest note in 4-byte characters plus the JSON around it; anything larger is refused unread.
  const input = await parseJsonBody(request, sendMessageInput, MAX_NOTE_CHARS * 4 + 4096);
  const sent = await asMember(businessId, undefined, ({ tx, claims }) =>
    sendStaffMessage(tx, { businessId, conversationId, userId: claims.sub }, input),
  );
  return NextResponse.json({ message: sent.message, conversation: sent.conversation }, { status: 201 });
});
