import { NextResponse } from "next/server";
import { route } from "@/lib/http/handler";
import { ApiError } from "@/lib/http/errors";
import { isOwnOrigin } from "@/lib/http/origin";
import { businessByWidgetKey } from "@/lib/widget/server/business";
import { corsHeaders, embeddingAllowed } from "@/lib/widget/server/origin";

/** The loader's first request from the embedding page: what the launcher looks like, if this site may show it. */
export const GET = route("widget.config", async (request) => {
  const key = new URL(request.url).searchParams.get("key") ?? "";
  const origin = request.headers.get("origin");
  const { business, settings } = await businessByWidgetKey(key);
  const cors = origin ? corsHeaders(origin) : {};
  if (!embeddingAllowed(settings.allowedOrigins, origin) && !(origin && isOwnOrigin(origin, request))) {
    throw new ApiError(403, "origin_not_allowed", "This website is not allowed to show this chat widget", undefined, cors);
  }
  return NextResponse.json(
    {
      key,
      businessName: business.name,
      color: settings.color,
      position: settings.position,
      greeting: settings.greeting,
      launcherLabel: settings.launcherLabel,
      avatarUrl: settings.avatarUrl,
    },
    { headers: { ...cors, "Cache-Control": "no-store" } },
  );
});

export const OPTIONS = route("widget.config.preflight", async (request) => {
  const origin = request.headers.get("origin");
  return new Response(null, { status: 204, headers: origin ? corsHeaders(origin) : {} });
});
