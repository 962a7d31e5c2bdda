import { NextResponse } from "next/server";
import { route } from "@/lib/http/handler";
import { forbidden } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/request";
import { fromChatFrame } from "@/lib/widget/server/origin";
import { handoffRequest, requestPerson, requireVisitor } from "@/lib/widget/server/visitor";

/** The "talk to a person" button: available at any moment, before or after the first message. */
export const POST = route("widget.handoff", async (request) => {
  if (!fromChatFrame(request)) throw forbidden("Open the chat from the website's widget");
  const visitor = await requireVisitor(request);
  const input = await parseJsonBody(request, handoffRequest, 1024);
  return NextResponse.json(await requestPerson(visitor, { consent: input.consent === true }));
}, { crossOrigin: "widget" });
