import { after, NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { route } from "@/lib/http/handler";
import { parseParams } from "@/lib/http/request";
import { requestReindex } from "@/lib/knowledge/documents";
import { knowledgeDocumentParams } from "@/lib/knowledge/schemas";
import { kickKnowledgeWorker } from "@/lib/knowledge/worker";

type Params = { businessId: string; documentId: string };

export const POST = route<Params>("knowledge.reindex", async (_request, { params }) => {
  const { businessId, documentId } = parseParams(params, knowledgeDocumentParams);
  const document = await asMember(businessId, undefined, ({ tx }) => requestReindex(tx, { businessId, documentId }));
  after(kickKnowledgeWorker);
  return NextResponse.json({ document }, { status: 202 });
});
