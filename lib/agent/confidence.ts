/**
 * How sure the agent is that a reply is right, from what can be checked rather than from the model's own say-so:
 * - support: how well the best retrieved passage covers the question (0..1, from the search tool);
 * - cited: whether the reply cites the passages it used;
 * - risky: complaints, refunds, medical and legal questions, where a wrong answer costs the business most.
 * A reply that needed no knowledge (a greeting, a thank-you, a captured contact) is confident by nature.
 */
export type ConfidenceInput = {
  /** null when the reply did not search the knowledge base. */
  support: number | null;
  cited: boolean;
  risky: boolean;
  /** The reply needed no facts (greeting, thanks, lead captured). */
  conversational: boolean;
  /** A tool answered from the business's own profile (opening hours): as sure as the profile is. */
  fromProfile?: boolean;
};

export function replyConfidence({ support, cited, risky, conversational, fromProfile = false }: ConfidenceInput): number {
  let score: number;
  if (support === null) score = conversational ? 0.9 : 0.5;
  else score = 0.35 + 0.5 * clamp(support) + (cited ? 0.15 : 0);
  if (fromProfile) score = Math.max(score, 0.9);
  // A risky topic is capped below the default hand-off threshold: a person should see it even when the answer is
  // in the knowledge base (a refund policy quoted right still leaves an unhappy customer).
  if (risky) score = Math.min(score, 0.6);
  return Math.round(clamp(score) * 100) / 100;
}

const clamp = (n: number) => Math.max(0, Math.min(1, n));
