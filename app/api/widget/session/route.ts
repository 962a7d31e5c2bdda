import { NextResponse } from "next/server";
import { route } from "@/lib/http/handler";
import { forbidden } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/request";
import { fromChatFrame } from "@/lib/widget/server/origin";
import { openWidgetSession, sessionRequest } from "@/lib/widget/server/visitor";

/** Starts or resumes a visitor's chat: a new signed visitor token, or their conversation so far. */
export const POST = route("widget.session", async (request) => {
  if (!fromChatFrame(request)) throw forbidden("Open the chat from the website's widget");
  const input = await parseJsonBody(request, sessionRequest, 8 * 1024);
  return NextResponse.json(await openWidgetSession(input), { headers: { "Cache-Control": "no-store" } });
}, { crossOrigin: "widget" });
