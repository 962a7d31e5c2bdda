import { sql } from "drizzle-orm";
import type { ResolvedChatModel } from "@/lib/ai/models";
import { offlineChatModel } from "@/lib/ai/offline-chat-model";
import { ingestCustomerMessage } from "@/lib/conversations/ingest";
import { withServiceRole, type Database } from "@/lib/db";
import { createBusinessAs, createUser } from "@/lib/db/testing";
import { insertKnowledgeDocument, typedDocument } from "@/lib/knowledge/documents";
import { runKnowledgeJobs } from "@/lib/knowledge/indexing";
import { answerCustomerMessage } from "../respond";
import type { AnswerSet } from "./types";

const ALWAYS_OPEN = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open: "00:00", close: "24:00" }]]));

export type Outcome = { q: string; answerable: boolean; text: string; confidence: number | null; handedOff: boolean; cited: boolean; correct: boolean };

export type SetFigures = {
  name: string;
  answerable: number;
  correct: number;
  cited: number;
  wronglyHandedOff: number;
  invented: number;
  unanswerable: number;
  outcomes: Outcome[];
};

/**
 * Sets the business up as a new owner would (its documents indexed by the real jobs) and asks every question as a
 * new visitor through the agent's one pipeline with the offline model. Correct: the reply contains the fact, cites a
 * source and is not handed off. Invented: an unanswerable question answered with a confident, un-handed-off reply.
 */
export async function runAnswerSet(database: Database, set: AnswerSet): Promise<SetFigures> {
  const owner = await createUser(database, { email: `owner-${crypto.randomUUID()}@eval.test`, fullName: "Owner" });
  const businessId = await createBusinessAs(owner, { name: set.name, vertical: set.vertical, timeZone: set.timeZone, currency: set.currency });
  await withServiceRole(async (tx) => {
    await tx.execute(sql`update public.businesses set opening_hours = ${JSON.stringify(ALWAYS_OPEN)}::jsonb where id = ${businessId}`);
    for (const document of set.documents) await insertKnowledgeDocument(tx, { businessId, document: typedDocument(document) });
  });
  await runKnowledgeJobs({ budgetMs: 60_000 });
  const chain: ResolvedChatModel[] = [{ id: "offline", provider: "offline", model: offlineChatModel() }];
  const ask = async (q: string, answerable: boolean, fact?: RegExp): Promise<Outcome> => {
    const ingested = await withServiceRole((tx) =>
      ingestCustomerMessage(tx, { businessId, channel: "widget", contactExternalId: crypto.randomUUID(), externalMessageId: crypto.randomUUID(), text: q, afterHours: false }),
    );
    let text = "";
    const meta = await answerCustomerMessage({ businessId, messageId: ingested.messageId, chain, sink: { text: (d) => (text += d) } });
    const cited = meta.sources.length > 0;
    const correct = answerable && !meta.handedOff && cited && !!fact && fact.test(text);
    return { q, answerable, text, confidence: meta.confidence, handedOff: meta.handedOff, cited, correct };
  };
  const outcomes: Outcome[] = [];
  for (const { q, fact } of set.answerable) outcomes.push(await ask(q, true, fact));
  for (const q of set.unanswerable) outcomes.push(await ask(q, false));
  const answered = outcomes.filter((o) => o.answerable);
  return {
    name: set.name,
    answerable: answered.length,
    correct: answered.filter((o) => o.correct).length,
    cited: answered.filter((o) => o.cited && !o.handedOff).length,
    wronglyHandedOff: answered.filter((o) => o.handedOff).length,
    invented: outcomes.filter((o) => !o.answerable && !o.handedOff && o.cited).length,
    unanswerable: outcomes.length - answered.length,
    outcomes,
  };
}

/** One line per question that went wrong, then the figures, for the test's output. */
export function describeFigures(f: SetFigures): string {
  const misses = f.outcomes
    .filter((o) => (o.answerable ? !o.correct : !o.handedOff && o.cited))
    .map((o) => `  ${o.answerable ? "MISS" : "INVENTED"} [${o.confidence}${o.handedOff ? " handed off" : ""}] ${o.q} -> ${o.text.replace(/\s+/g, " ").slice(0, 160)}`);
  return [
    `${f.name}: correct ${f.correct}/${f.answerable}, cited ${f.cited}/${f.answerable}, wrongly handed off ${f.wronglyHandedOff}/${f.answerable}, invented ${f.invented}/${f.unanswerable}`,
    ...misses,
  ].join("\n");
}
