/**
 * Why a conversation was handed to a person: the codes stored in conversations.handoff_reason and the words for each,
 * one list for the team's notification (lib/conversations/handoff) and the inbox's handoff card
 * (components/inbox/format). A plain module with no imports, so client components can use it.
 */
export const handoffReasons = [
  "customer_request",
  "low_confidence",
  "risky_topic",
  "no_answer",
  "complaint",
  "billing",
  "medical",
  "legal",
  "budget_exhausted",
  "unhelpful",
  "answer_failed",
  "other",
] as const;
export type HandoffReason = (typeof handoffReasons)[number];

const HANDOFF_REASON_LABELS: Record<HandoffReason, string> = {
  customer_request: "The customer asked for a person",
  low_confidence: "The assistant was not sure of its answer",
  risky_topic: "A sensitive topic",
  no_answer: "The knowledge base had no answer",
  complaint: "A complaint",
  billing: "A refund or a disputed charge",
  medical: "A medical or safety question",
  legal: "A legal matter",
  budget_exhausted: "The assistant's daily budget is spent",
  unhelpful: "Two answers in a row did not help",
  answer_failed: "The assistant could not answer (its model kept failing)",
  other: "The assistant handed over",
};

/** The words for a reason; a code this build does not know (stored by a newer one) reads as its own words. */
export function handoffReasonText(reason: string): string {
  const known = handoffReasons.find((code) => code === reason);
  return known ? HANDOFF_REASON_LABELS[known] : reason.replace(/_/g, " ");
}
