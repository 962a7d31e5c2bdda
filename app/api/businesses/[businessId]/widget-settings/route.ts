import { NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { forbidden, notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { getWidgetSettings, updateWidgetSettings, widgetSettingsPatch } from "@/lib/widget/settings";

export const GET = route<{ businessId: string }>("widget-settings.get", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const settings = await asMember(businessId, undefined, ({ tx }) => getWidgetSettings(tx, { businessId }));
  if (!settings) throw notFound();
  return NextResponse.json(settings);
});

export const PATCH = route<{ businessId: string }>("widget-settings.update", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const patch = await parseJsonBody(request, widgetSettingsPatch);
  const settings = await asMember(businessId, MANAGERS, ({ tx }) => updateWidgetSettings(tx, { businessId, patch }));
  if (!settings) throw forbidden();
  return NextResponse.json(settings);
});
