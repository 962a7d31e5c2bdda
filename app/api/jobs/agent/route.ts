import { NextResponse } from "next/server";
import { sweepUnansweredMessages } from "@/lib/agent/sweeper";
import { getConfig } from "@/lib/config";
import { ApiError, unauthorized } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { bearerMatches } from "@/lib/http/bearer";

export const maxDuration = 60;

/** The sweeper for a hosted scheduler: answers customer messages whose turn never finished. */
export const POST = route("jobs.agent", async (request) => {
  const { cronSecret } = getConfig();
  if (!cronSecret) throw new ApiError(404, "not_found", "Scheduled jobs are not enabled: set CRON_SECRET");
  if (!bearerMatches(request, cronSecret)) throw unauthorized("A valid scheduler token is required");
  return NextResponse.json({ messages: await sweepUnansweredMessages({ budgetMs: 45_000 }) });
}, { crossOrigin: "bearer-secret" });
