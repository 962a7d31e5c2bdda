import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { getConfig } from "@/lib/config";
import { route } from "@/lib/http/handler";
import { formFile, parseMultipart, parseParams } from "@/lib/http/request";
import { previewFaqCsv } from "@/lib/knowledge/imports";

type Params = { businessId: string };

/** What a question/answer CSV would import, row by row, before anything is written. */
export const POST = route<Params>("knowledge.csv_preview", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const form = await parseMultipart(request, getConfig().knowledge.maxUploadBytes);
  const file = await formFile(form, "file");
  const preview = await asMember(businessId, undefined, async () => previewFaqCsv(file));
  return NextResponse.json({ preview });
});
