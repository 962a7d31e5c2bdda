import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { getConfig } from "@/lib/config";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { UPLOAD_ACCEPT } from "@/lib/knowledge/types";

type Params = { businessId: string };

export const GET = route<Params>("knowledge.limits", async (_request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  await asMember(businessId, undefined, async () => undefined);
  const { knowledge } = getConfig();
  return NextResponse.json({ maxUploadBytes: knowledge.maxUploadBytes, maxPdfPages: knowledge.maxPdfPages, accept: UPLOAD_ACCEPT });
});
