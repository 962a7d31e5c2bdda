import { after, NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams, parseQuery } from "@/lib/http/request";
import { insertKnowledgeDocument, listKnowledgeDocuments, typedDocument } from "@/lib/knowledge/documents";
import { knowledgeListQuerySchema, newKnowledgeSchema } from "@/lib/knowledge/schemas";
import { kickKnowledgeWorker } from "@/lib/knowledge/worker";

type Params = { businessId: string };

export const GET = route<Params>("knowledge.list", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const query = parseQuery(request, knowledgeListQuerySchema);
  const documents = await asMember(businessId, undefined, ({ tx }) => listKnowledgeDocuments(tx, { businessId, ...query }));
  return NextResponse.json({ documents });
});

export const POST = route<Params>("knowledge.create", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const input = await parseJsonBody(request, newKnowledgeSchema, 1024 * 1024);
  const document = await asMember(businessId, undefined, ({ tx }) =>
    insertKnowledgeDocument(tx, { businessId, document: typedDocument(input) }),
  );
  after(kickKnowledgeWorker);
  return NextResponse.json({ document }, { status: 201 });
});
