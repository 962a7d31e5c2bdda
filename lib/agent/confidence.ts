/**
 * How sure the agent is that a reply is right, from what can be checked rather than from the model's own say-so:
 * - support: how well the best retrieved passage covers the question (0..1, from the search tool);
 * - cited: whether the reply cites the passages it used;
 * - risky: complaints, refunds, medical and legal questions, where a wrong answer costs the business most;
 * - fit: how well the reply itself answers the question (its coverage of the question, the kind of fact it states).
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
  /** How well the reply itself answers the question (answerFit in ./answer); without it, support alone decides. */
  fit?: AnswerFit;
};

/**
 * A reply's fit to its question: `words`, the share of the question's content words it covers (0..1); `typed`, the
 * question asks for a kind of fact (a price, a time, a length of time, an address); `typeMatched`, the reply states
 * one; `wordless`, the question names no topic in words ("Where are you?").
 */
export type AnswerFit = { words: number; typed: boolean; typeMatched: boolean; wordless: boolean };

/** A reply of the right kind ("£15 per dog" for "how much extra for a dog") is worth this much more coverage. */
const TYPE_MATCH_CREDIT = 0.3;
/** A reply that does not state the kind of fact asked for stays below the default hand-off threshold. */
const TYPE_MISMATCH_CAP = 0.65;

export function replyConfidence({ support, cited, risky, conversational, fromProfile = false, fit }: ConfidenceInput): number {
  let score: number;
  if (support === null) score = conversational ? 0.9 : 0.5;
  else if (fit) {
    // What the reply says weighs most; the passages' support a little, as a wrong passage can share the words.
    const words = fit.wordless ? (fit.typed && fit.typeMatched ? 0.8 : 0) : clamp(fit.words);
    const answered = Math.min(1, words + (fit.typed && fit.typeMatched ? TYPE_MATCH_CREDIT : 0));
    score = 0.4 + 0.1 * clamp(support) + 0.4 * answered + (cited ? 0.1 : 0);
    if (fit.typed && !fit.typeMatched) score = Math.min(score, TYPE_MISMATCH_CAP);
  } else score = 0.35 + 0.5 * clamp(support) + (cited ? 0.15 : 0);
  if (fromProfile) score = Math.max(score, 0.9);
  // A risky topic is capped below the default hand-off threshold: a person should see it even when the answer is
  // in the knowledge base (a refund policy quoted right still leaves an unhappy customer).
  if (risky) score = Math.min(score, 0.6);
  return Math.round(clamp(score) * 100) / 100;
}

const clamp = (n: number) => Math.max(0, Math.min(1, n));
