import { NextResponse } from "next/server";
import { route } from "@/lib/http/handler";
import { forbidden } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/request";
import { fromChatFrame } from "@/lib/widget/server/origin";
import { replyStreamResponse } from "@/lib/widget/server/reply-stream";
import { messageRequest, requireVisitor, storeVisitorMessage, visitorMessages } from "@/lib/widget/server/visitor";
import { enforceWidgetLimits } from "@/lib/widget/server/rate-limits";
import { z } from "zod";

const afterParam = z.uuid().optional();

/** The visitor's conversation, or what came after a message they have: how the chat shows staff replies. */
export const GET = route("widget.messages.list", async (request) => {
  if (!fromChatFrame(request)) throw forbidden("Open the chat from the website's widget");
  const visitor = await requireVisitor(request);
  const after = afterParam.safeParse(new URL(request.url).searchParams.get("after") ?? undefined);
  return NextResponse.json(await visitorMessages(visitor, after.success ? after.data : undefined), { headers: { "Cache-Control": "no-store" } });
});

/**
 * A visitor's message: validated, rate limited, stored (before any model runs, so it is never lost), then answered
 * as a stream of the AI SDK's UI message protocol.
 */
export const POST = route("widget.messages.send", async (request) => {
  if (!fromChatFrame(request)) throw forbidden("Open the chat from the website's widget");
  const visitor = await requireVisitor(request);
  const input = await parseJsonBody(request, messageRequest, 32 * 1024);
  enforceWidgetLimits(visitor.business.widgetKey, visitor.visitorId);
  const stored = await storeVisitorMessage(visitor, input);
  return replyStreamResponse(visitor.business.id, stored);
}, { crossOrigin: "widget" });
