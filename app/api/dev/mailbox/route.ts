import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { withServiceRole } from "@/lib/db";
import { listLocalMailbox } from "@/lib/email/queries";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";

/** The embedded mode's local mailbox; it does not exist in hosted mode, where email is really sent. */
export const GET = route("dev.mailbox", async () => {
  if (getConfig().mode !== "embedded") throw notFound();
  const emails = await withServiceRole((tx) => listLocalMailbox(tx));
  return NextResponse.json({ emails });
});
