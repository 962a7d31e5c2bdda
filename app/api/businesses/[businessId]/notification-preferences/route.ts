import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { preferencesSchema } from "@/lib/notifications/api";
import { getPreferences, savePreferences } from "@/lib/notifications/queries";

/** The signed-in person's notification preferences in this business (the defaults until they save some). */
export const GET = route<{ businessId: string }>("notification-preferences.get", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const body = await asMember(businessId, undefined, async ({ tx, claims, business }) => ({
    preferences: await getPreferences(tx, { businessId, userId: claims.sub, businessTimeZone: business.timeZone }),
    businessTimeZone: business.timeZone,
  }));
  return NextResponse.json(body);
});

/** Replaces them: every type's channels, quiet hours (both ends or neither), time zone and on-duty. */
export const PUT = route<{ businessId: string }>("notification-preferences.put", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const preferences = await parseJsonBody(request, preferencesSchema, 16 * 1024);
  const body = await asMember(businessId, undefined, async ({ tx, claims, business }) => {
    await savePreferences(tx, { businessId, userId: claims.sub, preferences });
    return {
      preferences: await getPreferences(tx, { businessId, userId: claims.sub, businessTimeZone: business.timeZone }),
      businessTimeZone: business.timeZone,
    };
  });
  return NextResponse.json(body);
});

/** The same full replacement under the method the dashboard's apiRequest sends (it has no PUT). */
export const PATCH = PUT;
