import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { ApiError, unauthorized } from "@/lib/http/errors";
import { bearerMatches } from "@/lib/http/bearer";
import { route } from "@/lib/http/handler";
import { queueReembedding, runKnowledgeJobs } from "@/lib/knowledge/indexing";

export const maxDuration = 60;

/**
 * The knowledge queue for a hosted scheduler (pg_cron + pg_net, Vercel Cron): the same job code the embedded
 * worker loop runs, behind the CRON_SECRET bearer token.
 */
export const POST = route("jobs.knowledge", async (request) => {
  const { cronSecret } = getConfig();
  if (!cronSecret) throw new ApiError(404, "not_found", "Scheduled jobs are not enabled: set CRON_SECRET");
  if (!bearerMatches(request, cronSecret)) throw unauthorized("A valid scheduler token is required");
  const reembedding = await queueReembedding();
  const outcomes = await runKnowledgeJobs({ budgetMs: 45_000 });
  return NextResponse.json({ reembeddingQueued: reembedding, jobs: outcomes });
}, { crossOrigin: "bearer-secret" });
