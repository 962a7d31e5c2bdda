import { NextResponse } from "next/server";
import { enforcePreviewLimit, previewAnswer, previewQuestionSchema, withSharedWords } from "@/lib/agent/preview";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { route } from "@/lib/http/handler";
import { parseJsonBody, parseParams } from "@/lib/http/request";
import { searchKnowledge } from "@/lib/knowledge/search";

type Params = { businessId: string };

/** Passages the playground lists under the reply: as many as it always showed. */
const PASSAGES = 5;

/**
 * The playground: the reply a new visitor would get to a question (the widget's own pipeline, nothing stored), then
 * the passages the search finds for it with the question's words each holds. Any member may ask.
 */
export const POST = route<Params>("knowledge.preview_answer", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const { question } = await parseJsonBody(request, previewQuestionSchema, 4096);
  // The membership check and the passages, through RLS as the member; the answer runs after this transaction closes.
  const passages = await asMember(businessId, undefined, async ({ tx, claims }) => {
    enforcePreviewLimit(businessId, claims.sub);
    return searchKnowledge(tx, { businessId, query: question, limit: PASSAGES });
  });
  const preview = await previewAnswer({ businessId, question });
  return NextResponse.json({ ...preview, passages: withSharedWords(question, passages) });
});
