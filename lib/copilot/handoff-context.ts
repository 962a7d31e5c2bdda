import type { Db } from "@/lib/db";
import type { HandoffContext } from "@/lib/db/schema";
import { summarise } from "./compose";
import { loadCopilotConversation } from "./conversation";
import { analyseGoal } from "./goal";

/** Messages the package carries, and how much of each: what a person reads before answering. */
const LAST_MESSAGES = 6;
const MESSAGE_CHARS = 300;

const trimmed = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= MESSAGE_CHARS ? flat : `${flat.slice(0, MESSAGE_CHARS - 1).trimEnd()}…`;
};

/**
 * The context package attached to a conversation when the AI hands it to a person: why, a summary, the customer's
 * goal (as `intent`), what is known and what is still missing for it, and the last customer-visible messages. Read
 * in the caller's service transaction (every query is filtered by the business id), with no model call, so it can
 * run inside the hand-off itself. A conversation that is not this business's gets a package with the reason and
 * summary alone.
 */
export async function buildHandoffContext(
  tx: Db,
  { businessId, conversationId, reason, summary }: { businessId: string; conversationId: string; reason: string; summary: string },
): Promise<HandoffContext> {
  const conversation = await loadCopilotConversation(tx, { businessId, conversationId });
  if (!conversation) return { reason, summary, intent: null, known: [], missing: [], lastMessages: [] };
  const latest = conversation.messages.filter((m) => m.role === "customer").at(-1);
  const analysis = analyseGoal({
    messages: conversation.messages,
    contact: conversation.contact,
    lead: conversation.lead,
    lastIntent: latest?.intent ?? null,
    services: conversation.services,
    timeZone: conversation.business.timeZone,
    locale: conversation.business.locale,
  });
  return {
    reason,
    summary: summary.trim() || summarise({ contactName: analysis.known.find((k) => k.label === "Name")?.value ?? "", analysis, lastCustomerMessage: latest?.content ?? "" }),
    intent: analysis.goal,
    known: analysis.known,
    missing: analysis.missing,
    lastMessages: conversation.messages.slice(-LAST_MESSAGES).map((m) => ({ role: m.role, content: trimmed(m.content), at: m.createdAt.toISOString() })),
  };
}
