import { NextResponse } from "next/server";
import { route } from "@/lib/http/handler";
import { forbidden } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/request";
import { fromChatFrame } from "@/lib/widget/server/origin";
import { contactRequest, requireVisitor, saveVisitorContact } from "@/lib/widget/server/visitor";

/** The visitor leaves an email so a staff reply reaches them after they close the page. */
export const POST = route("widget.contact", async (request) => {
  if (!fromChatFrame(request)) throw forbidden("Open the chat from the website's widget");
  const visitor = await requireVisitor(request);
  const input = await parseJsonBody(request, contactRequest, 4 * 1024);
  return NextResponse.json(await saveVisitorContact(visitor, input));
}, { crossOrigin: "widget" });
