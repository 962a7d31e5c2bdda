import { NextResponse } from "next/server";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { knowledgeSearchSchema } from "@/lib/knowledge/schemas";
import { searchKnowledge } from "@/lib/knowledge/search";

type Params = { businessId: string };

/** The playground: the passages the assistant would read for a question. */
export const POST = route<Params>("knowledge.search", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const { query, limit } = await parseJsonBody(request, knowledgeSearchSchema);
  const search = await asMember(businessId, undefined, ({ tx }) => searchKnowledge(tx, { businessId, query, limit }));
  return NextResponse.json(search);
});
