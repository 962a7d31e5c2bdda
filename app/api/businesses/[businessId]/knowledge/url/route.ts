import { after, NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { importFromUrl } from "@/lib/knowledge/imports";
import { urlImportSchema } from "@/lib/knowledge/schemas";
import { kickKnowledgeWorker } from "@/lib/knowledge/worker";

type Params = { businessId: string };

export const POST = route<Params>("knowledge.import_url", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const input = await parseJsonBody(request, urlImportSchema);
  const documents = await asMember(businessId, undefined, ({ tx }) => importFromUrl(tx, { businessId, ...input }));
  after(kickKnowledgeWorker);
  return NextResponse.json({ documents }, { status: 201 });
});
