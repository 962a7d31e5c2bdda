import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { aiSettingsPatch, getAiSettings, updateAiSettings } from "@/lib/agent/settings";
import { forbidden, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";

export const GET = route<{ businessId: string }>("ai-settings.get", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const settings = await asMember(businessId, undefined, ({ tx }) => getAiSettings(tx, { businessId }));
  if (!settings) throw notFound();
  return NextResponse.json(settings);
});

export const PATCH = route<{ businessId: string }>("ai-settings.update", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const patch = await parseJsonBody(request, aiSettingsPatch);
  const settings = await asMember(businessId, MANAGERS, ({ tx }) => updateAiSettings(tx, { businessId, patch }));
  if (!settings) throw forbidden();
  return NextResponse.json(settings);
});
