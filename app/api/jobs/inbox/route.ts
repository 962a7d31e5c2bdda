import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { bearerMatches } from "@/lib/http/bearer";
import { ApiError, unauthorized } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { runInboxJobs } from "@/lib/notifications/jobs";

export const maxDuration = 60;

/** The inbox jobs for a hosted scheduler: handoff reminders and escalations, and pushes/emails not yet dispatched. */
export const POST = route("jobs.inbox", async (request) => {
  const { cronSecret } = getConfig();
  if (!cronSecret) throw new ApiError(404, "not_found", "Scheduled jobs are not enabled: set CRON_SECRET");
  if (!bearerMatches(request, cronSecret)) throw unauthorized("A valid scheduler token is required");
  const { sla, dispatched } = await runInboxJobs();
  return NextResponse.json({
    reminders: sla.filter((s) => s.stage === 1).length,
    escalations: sla.filter((s) => s.stage === 2).length,
    dispatched: dispatched.length,
  });
}, { crossOrigin: "bearer-secret" });
