import { NextResponse } from "next/server";
import { requireApiClaims } from "@/lib/auth/session";
import { isMailboxOperatorKey, localMailboxServed, MAILBOX_KEY_HEADER, memberMailbox, operatorMailbox } from "@/lib/email/local-mailbox";
import { ApiError, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";

/**
 * The embedded mode's local mailbox (lib/email/local-mailbox): not there at all in hosted mode or on a non-loopback
 * address; everything with the operator key; otherwise a signed-in person's own mail, and nothing for anyone else.
 */
export const GET = route("dev.mailbox", async (request) => {
  if (!localMailboxServed()) throw notFound();
  const key = request.headers.get(MAILBOX_KEY_HEADER);
  if (key !== null) {
    if (!isMailboxOperatorKey(key)) {
      throw new ApiError(401, "invalid_token", "This mailbox link is not valid: use the one printed in the terminal where Frontdesk runs");
    }
    return NextResponse.json(await operatorMailbox(), { headers: { "cache-control": "no-store" } });
  }
  const claims = await requireApiClaims();
  return NextResponse.json(await memberMailbox(claims), { headers: { "cache-control": "no-store" } });
});
