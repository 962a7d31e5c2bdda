import { after, NextResponse } from "next/server";
import { MANAGERS } from "@/lib/businesses/access";
import { asMember } from "@/lib/businesses/member-route";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { deleteKnowledgeDocument, getKnowledgeDocument, updateKnowledgeDocument } from "@/lib/knowledge/documents";
import { knowledgeDocumentParams, knowledgePatchSchema } from "@/lib/knowledge/schemas";
import { kickKnowledgeWorker } from "@/lib/knowledge/worker";

type Params = { businessId: string; documentId: string };

export const GET = route<Params>("knowledge.get", async (_request, { params }) => {
  const { businessId, documentId } = parseParams(params, knowledgeDocumentParams);
  const document = await asMember(businessId, undefined, ({ tx }) => getKnowledgeDocument(tx, { businessId, documentId }));
  return NextResponse.json({ document });
});

export const PATCH = route<Params>("knowledge.update", async (request, { params }) => {
  const { businessId, documentId } = parseParams(params, knowledgeDocumentParams);
  const patch = await parseJsonBody(request, knowledgePatchSchema, 1024 * 1024);
  const document = await asMember(businessId, undefined, ({ tx }) =>
    updateKnowledgeDocument(tx, { businessId, documentId, patch }),
  );
  if (document.status === "pending") after(kickKnowledgeWorker);
  return NextResponse.json({ document });
});

export const DELETE = route<Params>("knowledge.delete", async (_request, { params }) => {
  const { businessId, documentId } = parseParams(params, knowledgeDocumentParams);
  await asMember(businessId, MANAGERS, ({ tx }) => deleteKnowledgeDocument(tx, { businessId, documentId }));
  return new NextResponse(null, { status: 204 });
});
